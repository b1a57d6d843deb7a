import { candidateLabels, findPeople, loadPersonHistory } from '@netra/review';
import { z } from 'zod';
import { logUserListRead, logUserRead } from '../cases/privacy-service.ts';
import { defineRoute, requireUser } from '../http/route.ts';
import { layout } from '../ui/layout.ts';
import { personBody, personSearchBody } from '../ui/review/person-page.ts';
import { actorOf } from './review-context.ts';

export const personRoutes = [
  defineRoute({
    method: 'GET',
    url: '/orang',
    role: 'viewer',
    kind: 'page',
    tag: 'review',
    summary: 'Find a civil servant by name or NIP',
    query: z.object({ q: z.string().trim().max(100).default(''), lang: z.string().optional() }),
    handler: async (ctx) => {
      const actor = actorOf(ctx);
      const people = await findPeople(ctx.deps.db, ctx.query.q);
      const ids = people.map((p) => p.id);
      await logUserListRead(ctx.deps.db, actor.user, 'GET /orang', ids, ctx.request.ip);
      return layout({
        title: ctx.t.personTitle,
        t: ctx.t,
        lang: ctx.lang,
        user: actor.user,
        body: personSearchBody(ctx.t, ctx.query.q, people),
      });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/people/search',
    role: 'viewer',
    kind: 'api',
    tag: 'review',
    summary: 'Civil servants by NIP prefix or name start',
    query: z.object({ q: z.string().trim().min(1).max(100) }),
    handler: async (ctx) => {
      const people = await findPeople(ctx.deps.db, ctx.query.q);
      const ids = people.map((p) => p.id);
      await logUserListRead(ctx.deps.db, requireUser(ctx), 'GET /api/people/search', ids, ctx.request.ip);
      return { people };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/orang/:id',
    role: 'viewer',
    kind: 'page',
    tag: 'review',
    summary: "A civil servant's accounts, flagged posts and decisions across contests (audited read)",
    params: z.object({ id: z.uuid() }),
    query: z.object({ lang: z.string().optional() }),
    handler: async (ctx) => {
      const actor = actorOf(ctx);
      const [history, labels] = await Promise.all([
        loadPersonHistory(ctx.deps.db, ctx.params.id, actor),
        candidateLabels(ctx.deps.db),
      ]);
      // The write audit has `person.view`; the read log is where a person's access request looks.
      await logUserRead(ctx.deps.db, actor.user, 'person', ctx.params.id, ctx.request.ip);
      return layout({
        title: ctx.t.personTitle,
        t: ctx.t,
        lang: ctx.lang,
        user: actor.user,
        body: personBody(ctx.t, ctx.lang, history, labels),
      });
    },
  }),
];
