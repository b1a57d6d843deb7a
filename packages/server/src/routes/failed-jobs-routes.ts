import { type AccountKeys, appendAudit, listPersonsOfAccounts } from '@netra/db';
import { QUEUE, type QueueName, type Queues } from '@netra/queue';
import type { Job, Queue } from 'bullmq';
import { z } from 'zod';
import { logUserListRead } from '../cases/privacy-service.ts';
import { HttpError } from '../http/http-error.ts';
import { defineRoute, type RouteContext, requireUser } from '../http/route.ts';
import { html, type SafeHtml } from '../ui/html.ts';
import { layout } from '../ui/layout.ts';
import { zonedTime } from '../ui/zoned-time.ts';

const QUEUE_NAMES = Object.values(QUEUE) as [QueueName, ...QueueName[]];
const queueSchema = z.enum(QUEUE_NAMES);
const DEFAULT_LIMIT = 50;
const MAX_REASON_CHARS = 500;
const MAX_SUMMARY_CHARS = 240;
/** Payload fields that identify a job without dumping it (post text, raw extraction and the like stay out). */
const SUMMARY_KEYS = [
  'trigger',
  'platform',
  'handle',
  'authorHandle',
  'externalId',
  'accountId',
  'runId',
  'crawlRunId',
  'url',
  'profileUrl',
];

export const failedJobViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  failedReason: z.string(),
  attemptsMade: z.number(),
  timestamp: z.string().nullable(),
  failedAt: z.string().nullable(),
  summary: z.string(),
});
export type FailedJobView = z.infer<typeof failedJobViewSchema>;

const queueFailuresSchema = z.object({ queue: queueSchema, total: z.number(), jobs: z.array(failedJobViewSchema) });
type QueueFailures = z.infer<typeof queueFailuresSchema>;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A one-line description of a job's payload from a few identifying fields; never the payload itself. */
export function summariseJobData(data: unknown): string {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return clip(typeof data === 'string' ? data : (JSON.stringify(data) ?? ''), 80);
  }
  const record = data as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of SUMMARY_KEYS) {
    const value = record[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      parts.push(`${key}=${clip(String(value), 80)}`);
    } else if (Array.isArray(value)) {
      parts.push(`${key}=[${value.length}]`);
    }
  }
  if (parts.length === 0) {
    const keys = Object.keys(record);
    return clip(keys.length === 0 ? '{}' : `{${keys.join(', ')}}`, MAX_SUMMARY_CHARS);
  }
  return clip(parts.join(' '), MAX_SUMMARY_CHARS);
}

function iso(ms: number | undefined): string | null {
  return typeof ms === 'number' && Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : null;
}

function jobView(job: Job): FailedJobView {
  return {
    id: String(job.id),
    name: job.name,
    failedReason: clip(job.failedReason ?? '', MAX_REASON_CHARS),
    attemptsMade: job.attemptsMade,
    timestamp: iso(job.timestamp),
    failedAt: iso(job.finishedOn),
    summary: summariseJobData(job.data),
  };
}

function queueOf(queues: Queues, name: QueueName): Queue {
  return queues[name] as unknown as Queue;
}

/** The accounts a listed job names (its summary shows their handles and ids): by id, or platform and handle. */
function accountKeysOf(jobs: readonly Job[]): AccountKeys {
  const ids: string[] = [];
  const handles: { platform: string; handle: string }[] = [];
  for (const { data } of jobs) {
    if (typeof data !== 'object' || data === null) continue;
    const { accountId, platform, handle, authorHandle } = data as Record<string, unknown>;
    if (typeof accountId === 'string') ids.push(accountId);
    for (const h of [handle, authorHandle]) {
      if (typeof platform === 'string' && typeof h === 'string') handles.push({ platform, handle: h });
    }
  }
  return { ids, handles };
}

/** Failed jobs of the named queues, with the persons whose accounts they name. */
async function listFailures(
  queues: Queues,
  names: readonly QueueName[],
  limit: number,
): Promise<{ failures: QueueFailures[]; shown: AccountKeys }> {
  const listed = await Promise.all(
    names.map(async (name) => {
      const queue = queueOf(queues, name);
      const [total, jobs] = await Promise.all([queue.getFailedCount(), queue.getFailed(0, limit - 1)]);
      // A job removed between the two calls comes back as undefined.
      return { queue: name, total, jobs: jobs.filter((j): j is Job => Boolean(j)) };
    }),
  );
  return {
    failures: listed.map((f) => ({ ...f, jobs: f.jobs.map(jobView) })),
    shown: accountKeysOf(listed.flatMap((f) => f.jobs)),
  };
}

/**
 * Lists failed jobs and logs the read: a job's summary shows an account's handle and ids, personal data of the
 * person who owns the account (UU PDP), so one `person_list` entry names those persons.
 */
async function readFailures(
  ctx: RouteContext<unknown, unknown, unknown>,
  route: string,
  names: readonly QueueName[],
  limit: number,
): Promise<QueueFailures[]> {
  const { failures, shown } = await listFailures(ctx.deps.queues, names, limit);
  const personIds = await listPersonsOfAccounts(ctx.deps.db, shown);
  await logUserListRead(ctx.deps.db, requireUser(ctx), route, personIds, ctx.request.ip);
  return failures;
}

/**
 * Moves one failed job back to waiting, with an audit entry. The entry is written in a transaction that
 * commits only after Redis accepted the retry, so a refused retry leaves no entry behind.
 */
async function retryJob(
  ctx: RouteContext<unknown, unknown, unknown>,
  name: QueueName,
  jobId: string,
): Promise<{ queue: QueueName; jobId: string; state: string }> {
  const user = requireUser(ctx);
  const job = await queueOf(ctx.deps.queues, name).getJob(jobId);
  if (!job) throw new HttpError(404, 'JOB_NOT_FOUND', 'Tugas tidak ditemukan / job not found', { queue: name, jobId });
  const state = await job.getState();
  if (state !== 'failed') {
    throw new HttpError(409, 'JOB_NOT_FAILED', `Tugas tidak dalam status gagal / job is not failed (state: ${state})`, {
      queue: name,
      jobId,
      state,
    });
  }
  const before = {
    state,
    failedReason: clip(job.failedReason ?? '', MAX_REASON_CHARS),
    attemptsMade: job.attemptsMade,
  };
  await ctx.deps.db.transaction().execute(async (tx) => {
    await appendAudit(tx, {
      actorId: user.id,
      actorUsername: user.username,
      action: 'job.retry',
      entityType: 'queue_job',
      entityId: `${name}/${jobId}`,
      before,
      after: { state: 'waiting', summary: summariseJobData(job.data) },
      ip: ctx.request.ip,
    });
    await job.retry('failed');
  });
  return { queue: name, jobId, state: 'waiting' };
}

const jobParams = z.object({ queue: queueSchema, jobId: z.string().min(1).max(300) });

function failedJobsPage(
  ctx: RouteContext<unknown, { done?: string | undefined }, unknown>,
  failures: QueueFailures[],
): string {
  const { t } = ctx;
  const user = requireUser(ctx);
  const sections = failures.map(
    (f) => html`<section class="failed-jobs" id="queue-${f.queue}">
<h2>${t.jobsQueue}: <code>${f.queue}</code> <small>(${f.total} ${t.jobsTotal})</small></h2>
${
  f.jobs.length === 0
    ? html`<p>${t.failedJobsEmpty}</p>`
    : html`${f.total > f.jobs.length ? html`<p><small>${t.jobShowingFirst} ${f.jobs.length} / ${f.total}</small></p>` : ''}
<table>
<thead><tr><th>${t.jobId}</th><th>${t.jobName}</th><th>${t.jobReason}</th><th>${t.jobAttempts}</th><th>${t.jobFailedAt}</th><th>${t.jobData}</th><th></th></tr></thead>
<tbody>${f.jobs.map(
        (j): SafeHtml => html`<tr>
  <td><code>${j.id}</code></td>
  <td>${j.name}</td>
  <td>${j.failedReason}</td>
  <td>${j.attemptsMade}</td>
  <td>${zonedTime(j.failedAt ?? j.timestamp, ctx.lang)}</td>
  <td><small>${j.summary}</small></td>
  <td><form method="post" action="/admin/failed-jobs/${f.queue}/${encodeURIComponent(j.id)}/retry" class="inline">
    <input type="hidden" name="_csrf" value="${user.csrfToken}"><button type="submit">${t.retry}</button></form></td>
</tr>`,
      )}</tbody>
</table>`
}
</section>`,
  );
  return layout({
    title: t.failedJobsTitle,
    t,
    lang: ctx.lang,
    user,
    body: html`${sections}`,
    flash: ctx.query.done === 'retried' ? t.jobRetried : undefined,
  });
}

export const failedJobsRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/queues/failed',
    role: 'supervisor',
    kind: 'api',
    tag: 'queues',
    summary: 'Failed jobs per queue (all queues, or only `queue`), newest first, with a short data summary',
    query: z.object({
      queue: queueSchema.optional(),
      limit: z.coerce.number().int().min(1).max(500).default(DEFAULT_LIMIT),
    }),
    response: z.object({ queues: z.array(queueFailuresSchema) }),
    handler: async (ctx) => {
      const names = ctx.query.queue ? [ctx.query.queue] : QUEUE_NAMES;
      return { queues: await readFailures(ctx, 'GET /api/queues/failed', names, ctx.query.limit) };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/queues/:queue/jobs/:jobId/retry',
    role: 'supervisor',
    kind: 'api',
    tag: 'queues',
    summary: 'Move one failed job back to waiting (409 JOB_NOT_FAILED if it is not failed)',
    params: jobParams,
    response: z.object({ queue: queueSchema, jobId: z.string(), state: z.string() }),
    handler: async (ctx) => retryJob(ctx, ctx.params.queue, ctx.params.jobId),
  }),
  defineRoute({
    method: 'GET',
    url: '/admin/failed-jobs',
    role: 'supervisor',
    kind: 'page',
    tag: 'queues',
    summary: 'Failed jobs page with a retry button per job',
    query: z.object({ done: z.string().max(20).optional(), lang: z.string().optional() }),
    handler: async (ctx) =>
      failedJobsPage(ctx, await readFailures(ctx, 'GET /admin/failed-jobs', QUEUE_NAMES, DEFAULT_LIMIT)),
  }),
  defineRoute({
    method: 'POST',
    url: '/admin/failed-jobs/:queue/:jobId/retry',
    role: 'supervisor',
    kind: 'page',
    tag: 'queues',
    summary: 'Retry-button submission',
    params: jobParams,
    handler: async (ctx) => {
      await retryJob(ctx, ctx.params.queue, ctx.params.jobId);
      return ctx.reply.redirect(`/admin/failed-jobs?done=retried#queue-${ctx.params.queue}`, 303);
    },
  }),
];
