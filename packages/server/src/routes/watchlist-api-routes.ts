import { NetraError } from '@netra/core';
import { listAccountsOfPerson, listPeople } from '@netra/db';
import {
  accountInputSchema,
  applyWatchlistImport,
  createAccountAudited,
  createPersonAudited,
  deleteAccountAudited,
  deletePersonAudited,
  exportWatchlist,
  personInputSchema,
  personStatusSchema,
  planWatchlistImport,
  requirePerson,
  updateAccountAudited,
  updatePersonAudited,
} from '@netra/watchlist';
import { z } from 'zod';
import { HttpError } from '../http/http-error.ts';
import { defineRoute, type RouteContext, requireUser, UPLOAD_BODY_LIMIT } from '../http/route.ts';

const idParams = z.object({ id: z.uuid() });

/** Who a change made over HTTP is attributed to in the audit log. */
export function httpActor(ctx: RouteContext<unknown, unknown, unknown>) {
  const user = requireUser(ctx);
  return { actorId: user.id, actorUsername: user.username, ip: ctx.request.ip };
}

export const peopleQuerySchema = z.object({
  q: z.string().max(200).optional(),
  status: z.union([personStatusSchema, z.literal('')]).optional(),
  region: z.string().max(20).optional(),
  agency: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  lang: z.string().optional(),
});

export const importBodySchema = z.object({
  filename: z.string().max(300).optional(),
  /** The file's bytes, base64-encoded (CSV or XLSX; the format is detected from the content). */
  contentBase64: z.string().min(1).max(40_000_000),
  dryRun: z.boolean().default(true),
  /** The dry run's `fingerprint`: the apply refuses (409) if the watchlist changed since. */
  expectedFingerprint: z.string().max(100).optional(),
});

const rowIssue = z.object({
  row: z.number(),
  column: z.string(),
  value: z.string(),
  code: z.string(),
  message: z.string(),
});
const counts = z.object({ create: z.number(), update: z.number(), unchanged: z.number() });
export const importPlanSchema = z.object({
  filename: z.string().nullable(),
  format: z.enum(['csv', 'xlsx']),
  fileSha256: z.string(),
  rowsRead: z.number(),
  ignoredColumns: z.array(z.string()),
  people: counts,
  accounts: counts,
  rows: z.array(
    z.object({
      row: z.number(),
      nip: z.string(),
      name: z.string(),
      person: z.string(),
      account: z.string().nullable(),
      platform: z.string().nullable(),
      handle: z.string().nullable(),
      changes: z.array(z.string()),
    }),
  ),
  rejected: z.array(rowIssue),
  fingerprint: z.string(),
  applied: z.boolean(),
});

function conflictToHttp(error: unknown): never {
  if (error instanceof NetraError && error.code.endsWith('_CONFLICT')) {
    throw new HttpError(409, error.code, error.message, error.details);
  }
  throw error;
}

export const watchlistApiRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/watchlist/people',
    role: 'viewer',
    kind: 'api',
    tag: 'watchlist',
    summary: 'Search the watchlist (name, NIP, agency, position, handle), filter by status, region prefix, agency',
    query: peopleQuerySchema,
    handler: async (ctx) => {
      const { q, status, region, agency, limit, offset } = ctx.query;
      return listPeople(ctx.deps.db, { q, status: status || undefined, region, agency, limit, offset });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/watchlist/people/:id',
    role: 'viewer',
    kind: 'api',
    tag: 'watchlist',
    summary: 'One person with their accounts',
    params: idParams,
    handler: async (ctx) => {
      const person = await requirePerson(ctx.deps.db, ctx.params.id);
      return { person, accounts: await listAccountsOfPerson(ctx.deps.db, person.id) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/watchlist/people',
    role: 'admin',
    kind: 'api',
    tag: 'watchlist',
    summary: 'Add a person (NIP structure and region code validated; 409 if the NIP exists)',
    body: personInputSchema,
    handler: async (ctx) => {
      ctx.reply.status(201);
      return createPersonAudited(ctx.deps.db, ctx.body, httpActor(ctx)).catch(conflictToHttp);
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/watchlist/people/:id',
    role: 'admin',
    kind: 'api',
    tag: 'watchlist',
    summary: 'Replace a person’s fields',
    params: idParams,
    body: personInputSchema,
    handler: async (ctx) =>
      updatePersonAudited(ctx.deps.db, ctx.params.id, ctx.body, httpActor(ctx)).catch(conflictToHttp),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/watchlist/people/:id',
    role: 'admin',
    kind: 'api',
    tag: 'watchlist',
    summary: 'Delete a person and their accounts',
    params: idParams,
    handler: async (ctx) => {
      await deletePersonAudited(ctx.deps.db, ctx.params.id, httpActor(ctx));
      return { ok: true };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/watchlist/people/:id/accounts',
    role: 'admin',
    kind: 'api',
    tag: 'watchlist',
    summary: 'Add an account to a person (profile URL must be on the platform; 409 if the handle is taken)',
    params: idParams,
    body: accountInputSchema,
    handler: async (ctx) => {
      ctx.reply.status(201);
      return createAccountAudited(ctx.deps.db, ctx.params.id, ctx.body, httpActor(ctx)).catch(conflictToHttp);
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/watchlist/accounts/:id',
    role: 'admin',
    kind: 'api',
    tag: 'watchlist',
    summary: 'Replace an account’s fields',
    params: idParams,
    body: accountInputSchema,
    handler: async (ctx) =>
      updateAccountAudited(ctx.deps.db, ctx.params.id, ctx.body, httpActor(ctx)).catch(conflictToHttp),
  }),
  defineRoute({
    method: 'DELETE',
    url: '/api/watchlist/accounts/:id',
    role: 'admin',
    kind: 'api',
    tag: 'watchlist',
    summary: 'Delete an account',
    params: idParams,
    handler: async (ctx) => {
      await deleteAccountAudited(ctx.deps.db, ctx.params.id, httpActor(ctx));
      return { ok: true };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/watchlist/import',
    bodyLimit: UPLOAD_BODY_LIMIT,
    role: 'admin',
    kind: 'api',
    tag: 'watchlist',
    summary:
      'Import a CSV/XLSX file: `dryRun` (default) returns the plan; otherwise applies accepted rows in one transaction',
    body: importBodySchema,
    response: importPlanSchema,
    handler: async (ctx) => {
      const bytes = Buffer.from(ctx.body.contentBase64, 'base64');
      const filename = ctx.body.filename ?? null;
      if (ctx.body.dryRun) return { ...(await planWatchlistImport(ctx.deps.db, bytes, filename)), applied: false };
      const plan = await applyWatchlistImport(ctx.deps.db, bytes, httpActor(ctx), {
        filename,
        expectedFingerprint: ctx.body.expectedFingerprint,
      }).catch(conflictToHttp);
      return { ...plan, applied: true };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/watchlist/export',
    role: 'viewer',
    kind: 'api',
    tag: 'watchlist',
    summary: 'The whole watchlist as CSV or XLSX in the import format (re-importing it changes nothing)',
    query: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }),
    handler: async (ctx) => sendWatchlistExport(ctx, ctx.query.format),
  }),
];

export async function sendWatchlistExport(ctx: RouteContext<unknown, unknown, unknown>, format: 'csv' | 'xlsx') {
  const file = await exportWatchlist(ctx.deps.db, format);
  const stamp = new Date().toISOString().slice(0, 10);
  ctx.reply.header('content-disposition', `attachment; filename="daftar-pantau-${stamp}.${format}"`);
  return ctx.reply
    .type(
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    .send(file);
}
