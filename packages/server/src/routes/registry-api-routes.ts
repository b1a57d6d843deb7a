import { NetraError, registrySchema } from '@netra/core';
import { getContest, listCandidates, listContests } from '@netra/db';
import { deleteContestAudited, exportRegistry, importRegistry, parseRegistryJsonBounded } from '@netra/watchlist';
import { z } from 'zod';
import { defineRoute, UPLOAD_BODY_LIMIT } from '../http/route.ts';
import { httpActor } from './watchlist-api-routes.ts';

const contestParams = z.object({ id: z.string().min(1).max(100) });

export const registryImportBodySchema = z.object({
  /** The registry file's text (the `elections.json` format); errors point at JSON paths and lines in it. */
  content: z.string().min(1).max(20_000_000),
  dryRun: z.boolean().default(false),
});

export const registryApiRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/registry',
    role: 'viewer',
    kind: 'api',
    tag: 'registry',
    summary: 'The whole election registry in the elections.json format',
    response: registrySchema,
    handler: async (ctx) => exportRegistry(ctx.deps.db),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/registry/contests',
    role: 'viewer',
    kind: 'api',
    tag: 'registry',
    summary: 'Contests with their candidate counts',
    handler: async (ctx) => ({ contests: await listContests(ctx.deps.db) }),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/registry/contests/:id',
    role: 'viewer',
    kind: 'api',
    tag: 'registry',
    summary: 'One contest with its candidates',
    params: contestParams,
    handler: async (ctx) => {
      const contest = await getContest(ctx.deps.db, ctx.params.id);
      if (!contest) throw new NetraError('CONTEST_NOT_FOUND', `pemilihan ${ctx.params.id} tidak ditemukan`);
      return { contest, candidates: await listCandidates(ctx.deps.db, contest.id) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/registry/import',
    bodyLimit: UPLOAD_BODY_LIMIT,
    role: 'admin',
    kind: 'api',
    tag: 'registry',
    summary:
      'Import a registry file: contests in it are created or replaced, others left alone; 400 names JSON path and line of each error',
    body: registryImportBodySchema,
    handler: async (ctx) => {
      const registry = await parseRegistryJsonBounded(ctx.body.content);
      const plan = await importRegistry(ctx.deps.db, registry, httpActor(ctx), { dryRun: ctx.body.dryRun });
      return { applied: !ctx.body.dryRun, plan };
    },
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/registry/contests/:id',
    role: 'admin',
    kind: 'api',
    tag: 'registry',
    summary: 'Delete a contest and its candidates',
    params: contestParams,
    handler: async (ctx) => {
      await deleteContestAudited(ctx.deps.db, ctx.params.id, httpActor(ctx));
      return { ok: true };
    },
  }),
];
