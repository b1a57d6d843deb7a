import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { appendAudit, countReviewItemsByStatus, findImageOcr, listDecidedItems, listReviewItems } from '@netra/db';
import { z } from 'zod';
import { notFound } from '../http/http-error.ts';
import { defineRoute, requireUser } from '../http/route.ts';
import { candidateLabels } from '../review/candidate-labels.ts';
import { decisionInputSchema } from '../review/decision-input.ts';
import { decisionsToCsv, decisionsToTrainingJsonl } from '../review/export-formats.ts';
import { decideReviewItem, loadReviewItem } from '../review/review-service.ts';
import { layout } from '../ui/layout.ts';
import { reviewItemBody, reviewQueueBody } from '../ui/review-pages.ts';

const idParams = z.object({ id: z.uuid() });
const blank = (v: unknown) => (v === '' ? undefined : v);

const queueQuery = z.object({
  status: z.preprocess(blank, z.enum(['open', 'confirmed', 'dismissed', 'escalated', 'needs_info']).optional()),
  platform: z.preprocess(
    blank,
    z.enum(['facebook', 'instagram', 'tiktok', 'x', 'youtube', 'bluesky', 'mastodon', 'telegram']).optional(),
  ),
  contest: z.preprocess(blank, z.string().max(100).optional()),
  region: z.preprocess(blank, z.string().max(20).optional()),
  minScore: z.preprocess(blank, z.coerce.number().min(0).max(1).optional()),
  q: z.preprocess(blank, z.string().trim().max(200).optional()),
  limit: z.preprocess(blank, z.coerce.number().int().min(1).max(500).default(50)),
  offset: z.preprocess(blank, z.coerce.number().int().min(0).default(0)),
  lang: z.string().optional(),
});

function queueFilter(q: z.infer<typeof queueQuery>) {
  return {
    status: q.status,
    platform: q.platform,
    contestId: q.contest,
    regionCode: q.region,
    minScore: q.minScore,
    search: q.q,
    limit: q.limit,
    offset: q.offset,
  };
}

/** Raster images only: an SVG or HTML "screenshot" could carry script. */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/**
 * The media type an evidence artefact is served with, from an allow-list, never the stored value as is:
 * a captured HTML snapshot is shown as text (it is the platform's markup, not ours), a screenshot only as
 * a raster image, JSON as JSON, and anything else as a download.
 */
export function evidenceMediaType(kind: string, stored: string): string {
  const base = (stored.split(';')[0] ?? '').trim().toLowerCase();
  if (kind === 'html') return 'text/plain; charset=utf-8';
  if ((kind === 'screenshot' || kind === 'image') && IMAGE_TYPES.has(base)) return base;
  if (kind === 'json' && base === 'application/json') return 'application/json; charset=utf-8';
  return 'application/octet-stream';
}

export const reviewRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/review/items',
    role: 'viewer',
    kind: 'api',
    tag: 'review',
    summary: 'The review queue, most likely violations first; filter by status, platform, contest, region, score, text',
    query: queueQuery,
    handler: async (ctx) => {
      const [items, counts] = await Promise.all([
        listReviewItems(ctx.deps.db, queueFilter(ctx.query)),
        countReviewItemsByStatus(ctx.deps.db),
      ]);
      return { items, counts };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/review/items/:id',
    role: 'viewer',
    kind: 'api',
    tag: 'review',
    summary: 'One flagged post with author, classification, evidence spans, artefacts and decision history',
    params: idParams,
    handler: async (ctx) => loadReviewItem(ctx.deps.db, ctx.params.id),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/review/items/:id/decisions',
    role: 'analyst',
    kind: 'api',
    tag: 'review',
    summary: 'Append a decision (decisions are never edited; a later one supersedes)',
    params: idParams,
    body: decisionInputSchema,
    handler: async (ctx) => {
      const decision = await decideReviewItem(ctx.deps.db, requireUser(ctx), ctx.params.id, ctx.body, ctx.request.ip);
      ctx.reply.status(201);
      return decision;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/review/export',
    role: 'supervisor',
    kind: 'file',
    tag: 'review',
    summary: 'Decided items as a CSV case file, or as JSONL training data for `netra train`',
    query: z.object({
      format: z.enum(['csv', 'jsonl']).default('csv'),
      since: z.preprocess(blank, z.iso.datetime({ offset: true }).optional()),
      contest: z.preprocess(blank, z.string().max(100).optional()),
    }),
    handler: async (ctx) => {
      const user = requireUser(ctx);
      const rows = await listDecidedItems(ctx.deps.db, {
        since: ctx.query.since ? new Date(ctx.query.since) : undefined,
        ...(ctx.query.contest ? { contestId: ctx.query.contest } : {}),
      });
      await appendAudit(ctx.deps.db, {
        actorId: user.id,
        actorUsername: user.username,
        action: 'review.export',
        entityType: 'review_export',
        entityId: ctx.query.format,
        after: { rows: rows.length, since: ctx.query.since ?? null, contest: ctx.query.contest ?? null },
        ip: ctx.request.ip,
      });
      const stamp = new Date().toISOString().slice(0, 10);
      if (ctx.query.format === 'jsonl') {
        ctx.reply.header('content-disposition', `attachment; filename="netra-decisions-${stamp}.jsonl"`);
        return ctx.reply.type('application/x-ndjson; charset=utf-8').send(decisionsToTrainingJsonl(rows));
      }
      ctx.reply.header('content-disposition', `attachment; filename="netra-kasus-${stamp}.csv"`);
      return ctx.reply.type('text/csv; charset=utf-8').send(decisionsToCsv(rows));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/evidence/:sha256',
    role: 'viewer',
    kind: 'file',
    tag: 'review',
    summary: 'An evidence artefact (screenshot or HTML snapshot) by its SHA-256',
    params: z.object({ sha256: z.string().regex(/^[a-f0-9]{64}$/) }),
    handler: async (ctx) => {
      const artefact = await ctx.deps.db
        .selectFrom('evidence_artefacts')
        .select(['path', 'media_type', 'kind'])
        .where('sha256', '=', ctx.params.sha256)
        .executeTakeFirst();
      if (!artefact) throw notFound('artefak / artefact');
      const root = resolve(ctx.deps.config.evidenceDir);
      const file = resolve(root, artefact.path);
      if (!file.startsWith(root + sep)) throw notFound('artefak / artefact');
      await stat(file).catch(() => {
        throw notFound('berkas artefak / artefact file');
      });
      const type = evidenceMediaType(artefact.kind, artefact.media_type);
      if (type === 'application/octet-stream') ctx.reply.header('content-disposition', 'attachment');
      ctx.reply.header('content-security-policy', "default-src 'none'; img-src 'self'; sandbox");
      ctx.reply.header('cache-control', 'private, max-age=86400, immutable');
      return ctx.reply.type(type).send(createReadStream(file));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/review',
    role: 'viewer',
    kind: 'page',
    tag: 'review',
    summary: 'Review queue page',
    query: queueQuery,
    handler: async (ctx) => {
      const user = requireUser(ctx);
      const [rows, counts, labels, contests] = await Promise.all([
        listReviewItems(ctx.deps.db, queueFilter(ctx.query)),
        countReviewItemsByStatus(ctx.deps.db),
        candidateLabels(ctx.deps.db),
        ctx.deps.db.selectFrom('contests').select(['id', 'region_name']).orderBy('region_name').execute(),
      ]);
      const body = reviewQueueBody(
        ctx.t,
        ctx.lang,
        user,
        rows,
        counts,
        { ...ctx.query, offset: ctx.query.offset, limit: ctx.query.limit },
        labels,
        contests,
        ctx.deps.config.classifierThreshold,
      );
      return layout({ title: ctx.t.reviewTitle, t: ctx.t, lang: ctx.lang, user, body });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/review/:id',
    role: 'viewer',
    kind: 'page',
    tag: 'review',
    summary: 'One flagged post with its evidence and the decision form',
    params: idParams,
    query: z.object({ saved: z.string().optional(), lang: z.string().optional() }),
    handler: async (ctx) => {
      const user = requireUser(ctx);
      const [item, labels] = await Promise.all([
        loadReviewItem(ctx.deps.db, ctx.params.id),
        candidateLabels(ctx.deps.db),
      ]);
      const ocr = await findImageOcr(
        ctx.deps.db,
        (item.image_readings ?? []).map((r) => r.sha256),
      );
      return layout({
        title: ctx.t.reviewTitle,
        t: ctx.t,
        lang: ctx.lang,
        user,
        flash: ctx.query.saved ? ctx.t.reviewSaved : undefined,
        body: reviewItemBody(ctx.t, ctx.lang, user, item, labels, ocr),
      });
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/review/:id/decide',
    role: 'analyst',
    kind: 'page',
    tag: 'review',
    summary: 'Decision form submission',
    params: idParams,
    body: decisionInputSchema,
    handler: async (ctx) => {
      await decideReviewItem(ctx.deps.db, requireUser(ctx), ctx.params.id, ctx.body, ctx.request.ip);
      return ctx.reply.redirect(`/review/${ctx.params.id}?saved=1`, 303);
    },
  }),
];
