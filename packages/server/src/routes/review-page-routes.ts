import { readFileSync } from 'node:fs';
import { nipFor } from '@netra/cases';
import { isNetraError, ValidationError } from '@netra/core';
import { findImageOcr, getPostWatch, listAssignableUsers, listContestNames } from '@netra/db';
import {
  applyBulk,
  bulkActionSchema,
  candidateLabels,
  claimItem,
  claimNext,
  decideReviewItem,
  listQueueViews,
  loadQueue,
  loadReviewItem,
  parseDecisionInput,
  parseQueueQueryString,
  previewBulk,
  type QueueParams,
  queueNeighbours,
  queueParamsSchema,
  queueQueryString,
  ReviewError,
  removeQueueView,
  saveQueueView,
  toQueueFilter,
  undoableDecision,
  undoDecision,
} from '@netra/review';
import { z } from 'zod';
import { hasRole } from '../auth/roles.ts';
import { logUserListRead, logUserRead } from '../cases/privacy-service.ts';
import { caseDeadlineBanner, queueCaseClocks, reviewItemCaseHook } from '../cases/review-hook.ts';
import { HttpError } from '../http/http-error.ts';
import { defineRoute, type RouteContext } from '../http/route.ts';
import { staticAssetRoute } from '../http/static-asset-route.ts';
import { fill } from '../i18n/workspace-messages.ts';
import { html } from '../ui/html.ts';
import { layout } from '../ui/layout.ts';
import { bulkConfirmBody } from '../ui/review/bulk-confirm-page.ts';
import { type DecisionFormState, initialFormState, submittedFormState } from '../ui/review/decision-form.ts';
import { reviewItemBody } from '../ui/review/item-page.ts';
import { reviewQueueBody } from '../ui/review/queue-page.ts';
import { reviewItemWatch } from '../ui/review-item-watch.ts';
import { actorOf, leaseSeconds } from './review-context.ts';

const REVIEW_SCRIPT = readFileSync(new URL('../ui/review/review-keys.js', import.meta.url), 'utf8');

const idParams = z.object({ id: z.uuid() });
const queueField = z.string().max(2_000).default('');
const withQueue = (qs: string, extra: string) => (qs ? `${qs}&${extra}` : extra);

const itemQuery = queueParamsSchema.extend({
  saved: z.string().max(10).optional(),
  prev: z.uuid().optional(),
  undone: z.string().max(10).optional(),
  lang: z.string().optional(),
  /** After a later tip (tip-routes): the post version its new text became, and the fields it gave that were not applied. */
  tipVersion: z.coerce.number().int().min(2).max(100_000).optional(),
  tipIgnored: z
    .string()
    .regex(/^(person|note|postedAt)(,(person|note|postedAt)){0,2}$/)
    .optional(),
});

type Ctx = RouteContext<unknown, unknown, unknown>;

/**
 * Renders the item page: used by the GET and by a refused decision (then with the submitted values and the
 * problems, status 400, never the error page). Opening an open item claims it for an analyst.
 */
async function renderItemPage(
  ctx: Ctx,
  itemId: string,
  queue: Partial<QueueParams>,
  options: { form?: DecisionFormState; flash?: string | undefined; claim: boolean },
): Promise<string> {
  const actor = actorOf(ctx);
  const { user } = actor;
  const analyst = hasRole(user.role, 'analyst');
  const loaded = await loadReviewItem(ctx.deps.db, itemId);
  // UU PDP: every read of an item is logged; viewers see a masked NIP (packages/cases privacy rules).
  await logUserRead(ctx.deps.db, user, 'review_item', itemId, ctx.request.ip, 'read', [loaded.person_id]);
  let item = { ...loaded, nip: loaded.nip ? nipFor(user.role, loaded.nip) : loaded.nip };
  let claim = null;
  if (analyst && options.claim && item.status === 'open') {
    claim = await claimItem(ctx.deps.db, actor, itemId, leaseSeconds(ctx));
    if (claim.mine) item = { ...item, claimed_by: actor.id };
  } else if (item.claimed_by && item.claim_expires_at && item.claim_expires_at > new Date()) {
    claim = { mine: item.claimed_by === actor.id, holderId: item.claimed_by, expiresAt: item.claim_expires_at };
  }
  const [labels, neighbours, caseHook, postWatch, ocr] = await Promise.all([
    candidateLabels(ctx.deps.db),
    queueNeighbours(ctx.deps.db, queue, actor.id, itemId),
    reviewItemCaseHook(ctx as RouteContext<unknown, unknown, unknown>, itemId),
    getPostWatch(ctx.deps.db, item.post_id),
    findImageOcr(
      ctx.deps.db,
      (item.image_readings ?? []).map((r) => r.sha256),
    ),
  ]);
  // Interaction target, edits and deletion, tip: the collectors' watch of this post (review-item-watch.ts).
  const watch = reviewItemWatch(ctx.t, ctx.lang, postWatch, item.region_code, labels);
  const queueQuery = queueQueryString(queue);
  const mine = claim?.mine === true;
  return layout({
    title: ctx.t.reviewTitle,
    t: ctx.t,
    lang: ctx.lang,
    user,
    flash: options.flash,
    scripts: ['/assets/review.js'],
    bodyData: mine
      ? html`data-claim-url="/api/review/items/${itemId}/claim" data-release-url="/api/review/items/${itemId}/release" data-csrf="${user.csrfToken}" data-lease-seconds="${leaseSeconds(ctx)}"`
      : undefined,
    body: html`${caseHook}${reviewItemBody({
      t: ctx.t,
      lang: ctx.lang,
      user,
      item,
      labels,
      queueQuery,
      neighbours,
      claim,
      form: options.form ?? initialFormState(item),
      extraSections: [watch],
      ocr,
      undo: analyst ? undoableDecision(item.decisions, user.id) : null,
    })}`,
  });
}

export const reviewPageRoutes = [
  staticAssetRoute({
    url: '/assets/review.js',
    tag: 'review',
    summary: 'Script of the review pages: keyboard shortcuts, the dismissal step, the claim heartbeat',
    mediaType: 'text/javascript; charset=utf-8',
    body: REVIEW_SCRIPT,
  }),
  defineRoute({
    method: 'GET',
    url: '/review',
    role: 'viewer',
    kind: 'page',
    tag: 'review',
    summary: 'Review queue page: filters and order in the URL, saved views, bulk actions, take the next item',
    query: queueParamsSchema.extend({
      lang: z.string().optional(),
      empty: z.string().max(5).optional(),
      bulk: z.coerce.number().int().min(0).optional(),
      saved: z.string().max(5).optional(),
    }),
    handler: async (ctx) => {
      const actor = actorOf(ctx);
      const { lang: _l, empty, bulk, saved, ...params } = ctx.query;
      const [queue, labels, contests, views, assignees] = await Promise.all([
        loadQueue(ctx.deps.db, params, actor.id),
        candidateLabels(ctx.deps.db),
        listContestNames(ctx.deps.db),
        listQueueViews(ctx.deps.db, actor.id),
        hasRole(actor.user.role, 'analyst') ? listAssignableUsers(ctx.deps.db) : Promise.resolve([]),
      ]);
      const flash =
        bulk !== undefined
          ? fill(ctx.t.bulkDone, { n: bulk })
          : empty
            ? ctx.t.queueEmptyTake
            : saved
              ? ctx.t.viewsSaved
              : undefined;
      const body = reviewQueueBody({
        t: ctx.t,
        lang: ctx.lang,
        user: actor.user,
        rows: queue.items,
        counts: queue.counts,
        total: queue.total,
        countCap: queue.countCap,
        params,
        labels,
        contests,
        views,
        assignees,
        threshold: ctx.deps.config.classifierThreshold,
        deadlines: await queueCaseClocks(
          ctx as RouteContext<unknown, unknown, unknown>,
          queue.items.map((r) => r.id),
        ),
      });
      // Cases past or near their legal deadline, counted above the queue (packages/cases clock). The page shows
      // each item's person: one access entry names them all (UU PDP), written beside the banner's query.
      const [deadlines] = await Promise.all([
        caseDeadlineBanner(ctx as RouteContext<unknown, unknown, unknown>),
        logUserListRead(
          ctx.deps.db,
          actor.user,
          'GET /review',
          queue.items.map((r) => r.person_id),
          ctx.request.ip,
        ),
      ]);
      return layout({
        title: ctx.t.reviewTitle,
        t: ctx.t,
        lang: ctx.lang,
        user: actor.user,
        body: html`${deadlines}${body}`,
        flash,
        scripts: ['/assets/review.js'],
      });
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/review/next',
    role: 'analyst',
    kind: 'page',
    tag: 'review',
    summary: 'Claim the next free open item of the filtered queue and open it',
    body: z.object({ queue: queueField }),
    handler: async (ctx) => {
      const queue = parseQueueQueryString(ctx.body.queue);
      const qs = queueQueryString(queue);
      const next = await claimNext(ctx.deps.db, actorOf(ctx), toQueueFilter(queue, actorOf(ctx).id), {
        leaseSeconds: leaseSeconds(ctx),
      });
      if (!next) return ctx.reply.redirect(`/review?${withQueue(qs, 'empty=1')}`, 303);
      return ctx.reply.redirect(`/review/${next}${qs ? `?${qs}` : ''}`, 303);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/review/:id',
    role: 'viewer',
    kind: 'page',
    tag: 'review',
    summary: 'One flagged post with its evidence, the decision form, history and the previous/next item',
    params: idParams,
    query: itemQuery,
    handler: async (ctx) => {
      const { saved, prev, undone, lang: _l, tipVersion, tipIgnored, ...queue } = ctx.query;
      const t = ctx.t;
      const tipLines = [
        ...(tipVersion ? [fill(t.tipTextVersion, { version: String(tipVersion) })] : []),
        ...(tipIgnored
          ? [
              `${t.tipIgnored}: ${tipIgnored
                .split(',')
                .map((f) => ({ person: t.tipIgnoredPerson, note: t.tipIgnoredNote, postedAt: t.tipIgnoredPostedAt })[f])
                .join('; ')}`,
            ]
          : []),
      ];
      const saidFlash = undone
        ? ctx.t.itemUndone
        : saved
          ? prev
            ? ctx.t.itemSavedNext
            : prev === undefined && saved === 'last'
              ? ctx.t.itemSavedLast
              : ctx.t.reviewSaved
          : undefined;
      const flash = tipLines.length > 0 ? [saidFlash, ...tipLines].filter(Boolean).join(' ') : saidFlash;
      return renderItemPage(ctx as Ctx, ctx.params.id, queue, { flash, claim: true });
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/review/:id/decide',
    role: 'analyst',
    kind: 'page',
    tag: 'review',
    summary: 'Decision form: refused input comes back in place; a saved decision opens the next item of the queue',
    params: idParams,
    body: z.looseObject({ queue: queueField }),
    handler: async (ctx) => {
      const actor = actorOf(ctx);
      const queue = parseQueueQueryString(ctx.body.queue);
      const refuse = async (issues: { field: string; message: string }[]) => {
        ctx.reply.status(400);
        return renderItemPage(ctx as Ctx, ctx.params.id, queue, {
          form: submittedFormState(ctx.body, issues),
          claim: false,
        });
      };
      let input: ReturnType<typeof parseDecisionInput>;
      try {
        input = parseDecisionInput(ctx.body);
      } catch (error) {
        if (error instanceof ValidationError) return refuse(error.issues);
        throw error;
      }
      try {
        await decideReviewItem(ctx.deps.db, actor, ctx.params.id, input);
      } catch (error) {
        if (error instanceof ReviewError && error.code === 'REVIEW_CANDIDATE_UNKNOWN') {
          return refuse(error.details.issues as { field: string; message: string }[]);
        }
        if (error instanceof ReviewError && error.code === 'REVIEW_CLAIMED_BY_OTHER') {
          return refuse([{ field: 'decision', message: error.message }]);
        }
        // Another analyst decided after this form was drawn: the page comes back showing that decision, with
        // the analyst's values kept and the form now based on it, so sending again is a deliberate override.
        if (error instanceof ReviewError && error.code === 'REVIEW_DECISION_CONFLICT') {
          const page = await refuse([{ field: 'decision', message: error.message }]);
          ctx.reply.status(409);
          return page;
        }
        throw error;
      }
      const qs = queueQueryString(queue);
      const next = await claimNext(ctx.deps.db, actor, toQueueFilter(queue, actor.id), {
        leaseSeconds: leaseSeconds(ctx),
        excludeIds: [ctx.params.id],
      });
      if (next) return ctx.reply.redirect(`/review/${next}?${withQueue(qs, `saved=1&prev=${ctx.params.id}`)}`, 303);
      return ctx.reply.redirect(`/review/${ctx.params.id}?${withQueue(qs, 'saved=1')}`, 303);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/review/:id/undo',
    role: 'analyst',
    kind: 'page',
    tag: 'review',
    summary: 'Undo your own latest decision on an item within the undo window',
    params: idParams,
    body: z.object({ decision: z.uuid(), queue: queueField }),
    handler: async (ctx) => {
      await undoDecision(ctx.deps.db, actorOf(ctx), ctx.params.id, ctx.body.decision);
      const qs = queueQueryString(parseQueueQueryString(ctx.body.queue));
      return ctx.reply.redirect(`/review/${ctx.params.id}?${withQueue(qs, 'undone=1')}`, 303);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/review/bulk',
    role: 'analyst',
    kind: 'page',
    tag: 'review',
    summary: 'Bulk action on the filtered queue: first a confirmation stating the count, then the action',
    body: z.looseObject({ queue: queueField, confirmedCount: z.coerce.number().int().min(0).optional() }),
    handler: async (ctx) => {
      const actor = actorOf(ctx);
      const queue = parseQueueQueryString(ctx.body.queue);
      const qs = queueQueryString(queue);
      const raw = { ...ctx.body };
      if (raw.action !== 'assign') delete raw.assignee;
      const parsed = bulkActionSchema.safeParse(raw);
      if (!parsed.success) {
        throw new HttpError(
          400,
          'REVIEW_BULK_INVALID',
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          { issues: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) },
        );
      }
      const action = parsed.data;
      const assignees = action.action === 'assign' ? await listAssignableUsers(ctx.deps.db) : [];
      const assigneeName =
        action.action === 'assign' ? assignees.find((a) => a.id === action.assignee)?.display_name : undefined;
      const confirm = async (count: number, changed: boolean) =>
        layout({
          title: ctx.t.bulkConfirmTitle,
          t: ctx.t,
          lang: ctx.lang,
          user: actor.user,
          body: bulkConfirmBody(ctx.t, actor.user, { queue: qs, action, count, assigneeName, changed }),
        });
      if (ctx.body.confirmedCount === undefined) {
        const count = await previewBulk(ctx.deps.db, queue, actor);
        if (count === 0) return ctx.reply.redirect(`/review?${withQueue(qs, 'empty=1')}`, 303);
        return confirm(count, false);
      }
      try {
        const { count } = await applyBulk(ctx.deps.db, actor, queue, action, ctx.body.confirmedCount);
        return ctx.reply.redirect(`/review?${withQueue(qs, `bulk=${count}`)}`, 303);
      } catch (error) {
        if (isNetraError(error) && error.code === 'REVIEW_BULK_COUNT_CHANGED') {
          ctx.reply.status(409);
          return confirm(Number(error.details.count), true);
        }
        if (isNetraError(error) && error.code === 'REVIEW_BULK_EMPTY') {
          return ctx.reply.redirect(`/review?${withQueue(qs, 'empty=1')}`, 303);
        }
        throw error;
      }
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/review/views',
    role: 'viewer',
    kind: 'page',
    tag: 'review',
    summary: 'Save the queue filters and order as a named view of your own',
    body: z.object({ queue: queueField, name: z.string().trim().min(1).max(80) }),
    handler: async (ctx) => {
      const actor = actorOf(ctx);
      const view = await saveQueueView(ctx.deps.db, actor.id, ctx.body.name, ctx.body.queue);
      return ctx.reply.redirect(`/review?${withQueue(view.query, 'saved=1')}`, 303);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/review/views/:id/delete',
    role: 'viewer',
    kind: 'page',
    tag: 'review',
    summary: 'Delete one of your saved views',
    params: idParams,
    handler: async (ctx) => {
      await removeQueueView(ctx.deps.db, actorOf(ctx).id, ctx.params.id);
      return ctx.reply.redirect('/review', 303);
    },
  }),
];
