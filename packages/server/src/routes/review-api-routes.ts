import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { nipFor } from '@netra/cases';
import { appendAudit, getEvidenceArtefactBySha, listPersonsOfArtefact } from '@netra/db';
import {
  claimItem,
  decideReviewItem,
  decisionInputSchema,
  decisionsCsvChunks,
  decisionsJsonlChunks,
  eachDecidedPage,
  loadQueue,
  loadReviewItem,
  queueParamsSchema,
  releaseItem,
  undoDecision,
} from '@netra/review';
import { z } from 'zod';
import { logUserListRead, logUserRead } from '../cases/privacy-service.ts';
import { textStream, trackExport } from '../http/export-stream.ts';
import { notFound } from '../http/http-error.ts';
import { defineRoute, requireUser } from '../http/route.ts';
import { actorOf, leaseSeconds } from './review-context.ts';

const idParams = z.object({ id: z.uuid() });
const blank = (v: unknown) => (v === '' ? undefined : v);

/** Raster images only: an SVG or HTML "screenshot" could carry script. */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

/**
 * The media type an evidence artefact is served with, from an allow-list, never the stored value as is:
 * a captured HTML snapshot is shown as text (it is the platform's markup, not ours), a screenshot only as
 * a raster image, JSON as JSON, and anything else as a download.
 */
export function evidenceMediaType(kind: string, stored: string): string {
  const base = (stored.split(';')[0] ?? '').trim().toLowerCase();
  if (kind === 'html' || kind === 'page_html') return 'text/plain; charset=utf-8';
  if ((kind === 'screenshot' || kind === 'page_screenshot' || kind === 'image') && IMAGE_TYPES.has(base)) return base;
  if (kind === 'json' && base === 'application/json') return 'application/json; charset=utf-8';
  return 'application/octet-stream';
}

export const reviewApiRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/review/items',
    role: 'viewer',
    kind: 'api',
    tag: 'review',
    summary:
      'The review queue: filter by status, platform, contest, region, score, assignment and search (name, NIP, @handle, #hashtag, text); sort by score, posted or captured time',
    query: queueParamsSchema.extend({ lang: z.string().optional() }),
    handler: async (ctx) => {
      const user = requireUser(ctx);
      const queue = await loadQueue(ctx.deps.db, ctx.query, user.id);
      const persons = queue.items.map((r) => r.person_id);
      await logUserListRead(ctx.deps.db, user, 'GET /api/review/items', persons, ctx.request.ip);
      return queue;
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
    handler: async (ctx) => {
      const user = requireUser(ctx);
      const item = await loadReviewItem(ctx.deps.db, ctx.params.id);
      await logUserRead(ctx.deps.db, user, 'review_item', ctx.params.id, ctx.request.ip, 'read', [item.person_id]);
      return { ...item, nip: item.nip ? nipFor(user.role, item.nip) : item.nip };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/review/items/:id/decisions',
    role: 'analyst',
    kind: 'api',
    tag: 'review',
    summary:
      'Append a decision (never edited; a later one supersedes). `basedOn`: the decision seen (id or `none`) — 409 REVIEW_DECISION_CONFLICT when another was recorded since; the same judgement resent answers 200 with the recorded one',
    params: idParams,
    body: decisionInputSchema,
    handler: async (ctx) => {
      const decision = await decideReviewItem(ctx.deps.db, actorOf(ctx), ctx.params.id, ctx.body);
      // The same judgement sent again by the same analyst is the recorded one, not a new decision.
      ctx.reply.status(decision.repeated ? 200 : 201);
      return decision;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/review/items/:id/undo',
    role: 'analyst',
    kind: 'api',
    tag: 'review',
    summary: 'Undo your own latest decision within the undo window (a new, superseding decision)',
    params: idParams,
    body: z.object({ decision: z.uuid() }),
    handler: async (ctx) => {
      const decision = await undoDecision(ctx.deps.db, actorOf(ctx), ctx.params.id, ctx.body.decision);
      ctx.reply.status(201);
      return decision;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/review/items/:id/claim',
    role: 'analyst',
    kind: 'api',
    tag: 'review',
    summary: 'Claim an item or extend your claim (the item page calls this while it is open)',
    params: idParams,
    handler: async (ctx) => claimItem(ctx.deps.db, actorOf(ctx), ctx.params.id, leaseSeconds(ctx)),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/review/items/:id/release',
    role: 'analyst',
    kind: 'api',
    tag: 'review',
    summary: 'Give a claimed item back (the item page sends this when it is left without a decision)',
    params: idParams,
    handler: async (ctx) => ({ released: await releaseItem(ctx.deps.db, actorOf(ctx), ctx.params.id) }),
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
      since: z.preprocess(
        blank,
        z.iso
          .datetime({ offset: true, message: 'waktu harus ISO 8601 dengan zona, mis. 2024-10-01T00:00:00+07:00' })
          .optional(),
      ),
      contest: z.preprocess(blank, z.string().max(100).optional()),
    }),
    handler: async (ctx) => {
      const user = requireUser(ctx);
      const { format, since, contest } = ctx.query;
      const filter = { since: since ? new Date(since) : undefined, contestId: contest };
      // Streamed a page at a time (issue 14): 50,000 decisions with their post text no longer sit in memory.
      const pages = trackExport(
        eachDecidedPage(ctx.deps.db, filter),
        (r) => r.person_id,
        async (sent) => {
          await logUserListRead(ctx.deps.db, user, 'GET /api/review/export', sent.personIds, ctx.request.ip, 'export');
          await appendAudit(ctx.deps.db, {
            actorId: user.id,
            actorUsername: user.username,
            action: 'review.export',
            entityType: 'review_export',
            entityId: format,
            after: { rows: sent.rows, since: since ?? null, contest: contest ?? null, complete: sent.complete },
            ip: ctx.request.ip,
          });
        },
      );
      const stamp = new Date().toISOString().slice(0, 10);
      if (format === 'jsonl') {
        ctx.reply.header('content-disposition', `attachment; filename="netra-decisions-${stamp}.jsonl"`);
        return ctx.reply.type('application/x-ndjson; charset=utf-8').send(textStream(decisionsJsonlChunks(pages)));
      }
      ctx.reply.header('content-disposition', `attachment; filename="netra-kasus-${stamp}.csv"`);
      return ctx.reply.type('text/csv; charset=utf-8').send(textStream(decisionsCsvChunks(pages)));
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
      const artefact = await getEvidenceArtefactBySha(ctx.deps.db, ctx.params.sha256);
      if (!artefact) throw notFound('artefak / artefact');
      // The screenshot shows a person's post: the download names them (UU PDP), not only the hash.
      const persons = await listPersonsOfArtefact(ctx.deps.db, ctx.params.sha256);
      const user = requireUser(ctx);
      await logUserRead(ctx.deps.db, user, 'evidence', ctx.params.sha256, ctx.request.ip, 'download', persons);
      const type = evidenceMediaType(artefact.kind, artefact.media_type);
      const headers = () => {
        if (type === 'application/octet-stream') ctx.reply.header('content-disposition', 'attachment');
        ctx.reply.header('content-security-policy', "default-src 'none'; img-src 'self'; sandbox");
        ctx.reply.header('cache-control', 'private, max-age=86400, immutable');
      };
      const objectStore = ctx.deps.config.evidenceStore;
      if (objectStore) {
        const bytes = await objectStore.read({ sha256: ctx.params.sha256 });
        if (!bytes) throw notFound('berkas artefak / artefact file');
        headers();
        return ctx.reply.type(type).send(bytes);
      }
      const root = resolve(ctx.deps.config.evidenceDir);
      const file = resolve(root, artefact.path);
      if (!file.startsWith(root + sep)) throw notFound('artefak / artefact');
      await stat(file).catch(() => {
        throw notFound('berkas artefak / artefact file');
      });
      headers();
      return ctx.reply.type(type).send(createReadStream(file));
    },
  }),
];
