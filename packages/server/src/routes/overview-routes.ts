import { formatInZone, loadOverviewCached, OVERVIEW_CHARTS, overviewCsv, zoneForRegion } from '@netra/review';
import { z } from 'zod';
import { defineRoute, requireUser } from '../http/route.ts';
import { layout } from '../ui/layout.ts';
import { overviewBody } from '../ui/review/overview-page.ts';

export const overviewRoutes = [
  defineRoute({
    method: 'GET',
    url: '/ringkasan',
    role: 'supervisor',
    kind: 'page',
    tag: 'review',
    summary: 'Supervisors overview: outcomes by contest, region, agency, platform, candidate, week; age; throughput',
    query: z.object({ lang: z.string().optional() }),
    handler: async (ctx) => {
      const { overview, computedAt } = await loadOverviewCached(ctx.deps.db);
      return layout({
        title: ctx.t.overviewTitle,
        t: ctx.t,
        lang: ctx.lang,
        user: requireUser(ctx),
        body: overviewBody(ctx.t, overview, formatInZone(computedAt, zoneForRegion(null), ctx.lang)),
      });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/ringkasan.csv',
    role: 'supervisor',
    kind: 'file',
    tag: 'review',
    summary: 'The numbers behind one overview chart as CSV',
    query: z.object({ chart: z.enum(OVERVIEW_CHARTS as [string, ...string[]]) }),
    handler: async (ctx) => {
      const { overview } = await loadOverviewCached(ctx.deps.db);
      const chart = ctx.query.chart as (typeof OVERVIEW_CHARTS)[number];
      ctx.reply.header('content-disposition', `attachment; filename="netra-ringkasan-${chart}.csv"`);
      return ctx.reply.type('text/csv; charset=utf-8').send(overviewCsv(overview, chart));
    },
  }),
];
