import { nipFor } from '@netra/cases';
import { NetraError } from '@netra/core';
import { appendAudit, listAccountsOfPerson, listAllPersonIds, listPeople } from '@netra/db';
import {
  accountInputSchema,
  applyWatchlistImport,
  COLUMN_TARGETS,
  type ColumnMapping,
  createAccountAudited,
  createPersonAudited,
  deleteAccountAudited,
  deletePersonAudited,
  eachWatchlistPage,
  exportWatchlist,
  isColumnTarget,
  normaliseHeader,
  personInputSchema,
  personStatusSchema,
  planWatchlistImport,
  rejectedRowsFile,
  requirePerson,
  updateAccountAudited,
  updatePersonAudited,
  watchlistCsvChunks,
} from '@netra/watchlist';
import { z } from 'zod';
import { logUserListRead, logUserRead } from '../cases/privacy-service.ts';
import { textStream, trackExport } from '../http/export-stream.ts';
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
  /** Column mapping (normalised header → field, `account:<platform>` or `ignore`); remembered on apply. */
  mapping: z.record(z.string().max(300), z.string().max(40)).optional(),
});

const rowIssue = z.object({
  row: z.number(),
  column: z.string(),
  value: z.string(),
  code: z.string(),
  message: z.string(),
  scope: z.enum(['row', 'account', 'file']),
});
const counts = z.object({ create: z.number(), update: z.number(), unchanged: z.number() });
export const importPlanSchema = z.object({
  filename: z.string().nullable(),
  format: z.enum(['csv', 'xlsx']),
  delimiter: z.string().nullable(),
  fileSha256: z.string(),
  headerSignature: z.string(),
  columns: z.array(
    z.object({
      index: z.number(),
      header: z.string(),
      target: z.string().nullable(),
      source: z.enum(['known', 'mapping', 'unknown']),
      looksLikeAccounts: z.boolean(),
    }),
  ),
  mapping: z.record(z.string(), z.string()),
  rowsRead: z.number(),
  rowsAccepted: z.number(),
  rowsRejected: z.number(),
  rowsWithProblems: z.number(),
  accountsRejected: z.number(),
  ignoredColumns: z.array(z.string()),
  warnings: z.array(z.object({ code: z.string(), column: z.string().nullable(), message: z.string() })),
  people: counts,
  accounts: counts,
  rows: z.array(
    z.object({
      row: z.number(),
      nip: z.string(),
      name: z.string(),
      person: z.string(),
      accounts: z.array(z.object({ platform: z.string(), handle: z.string(), action: z.string() })),
      changes: z.array(z.string()),
    }),
  ),
  rejected: z.array(rowIssue),
  fingerprint: z.string(),
  applied: z.boolean(),
});

function conflictToHttp(error: unknown): never {
  if (error instanceof NetraError && (error.code.endsWith('_CONFLICT') || error.code.startsWith('IMPORT_FILE'))) {
    throw new HttpError(importErrorStatus(error), error.code, error.message, error.details);
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
      const result = await listPeople(ctx.deps.db, { q, status: status || undefined, region, agency, limit, offset });
      // A viewer sees masked NIPs (UU PDP minimisation); searching by NIP still works server-side.
      const user = requireUser(ctx);
      const ids = result.rows.map((r) => r.id);
      await logUserListRead(ctx.deps.db, user, 'GET /api/watchlist/people', ids, ctx.request.ip);
      return { ...result, rows: result.rows.map((r) => ({ ...r, nip: nipFor(user.role, r.nip) })) };
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
      const user = requireUser(ctx);
      await logUserRead(ctx.deps.db, user, 'person', person.id, ctx.request.ip);
      return {
        person: { ...person, nip: nipFor(user.role, person.nip) },
        accounts: await listAccountsOfPerson(ctx.deps.db, person.id),
      };
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
      const mapping = apiMapping(ctx.body.mapping);
      if (ctx.body.dryRun) {
        const plan = await planWatchlistImport(ctx.deps.db, bytes, filename, { mapping }).catch(conflictToHttp);
        return { ...plan, applied: false };
      }
      const plan = await applyWatchlistImport(ctx.deps.db, bytes, httpActor(ctx), {
        filename,
        mapping,
        expectedFingerprint: ctx.body.expectedFingerprint,
      }).catch(conflictToHttp);
      return { ...plan, applied: true };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/watchlist/import/rejected',
    // The form re-posts the file the import just read: the same limit, or any file over 64 KiB got a 413.
    bodyLimit: UPLOAD_BODY_LIMIT,
    role: 'admin',
    kind: 'file',
    tag: 'watchlist',
    summary: 'Rows with problems in the uploaded format (CSV with the same delimiter, or XLSX) plus an `Alasan` column',
    body: importBodySchema,
    handler: async (ctx) =>
      sendRejectedRows(
        ctx,
        Buffer.from(ctx.body.contentBase64, 'base64'),
        ctx.body.filename ?? null,
        apiMapping(ctx.body.mapping),
      ),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/watchlist/export',
    role: 'viewer',
    kind: 'api',
    tag: 'watchlist',
    summary: 'The whole watchlist as CSV or XLSX in the import format (re-importing it changes nothing)',
    query: z.object({
      format: z.enum(['csv', 'xlsx']).default('csv'),
      delimiter: z.enum([',', ';']).default(','),
      layout: z.enum(['long', 'wide']).default('long'),
    }),
    handler: async (ctx) => sendWatchlistExport(ctx, ctx.query.format, ctx.query.delimiter, ctx.query.layout),
  }),
];

function apiMapping(input: Record<string, string> | undefined): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const [header, target] of Object.entries(input ?? {})) {
    if (!isColumnTarget(target)) {
      throw new HttpError(
        400,
        'IMPORT_INVALID_MAPPING',
        `pemetaan kolom "${header}": "${target}" bukan tujuan yang dikenal`,
        {
          field: `mapping.${header}`,
          allowed: COLUMN_TARGETS,
        },
      );
    }
    mapping[normaliseHeader(header)] = target;
  }
  return mapping;
}

/** 413 when the file is beyond a size limit (`details.limit` names it), 400 when unreadable, 409 on a conflict. */
export function importErrorStatus(error: NetraError): number {
  if (error.code === 'IMPORT_FILE_TOO_LARGE') return 413;
  if (error.code.endsWith('_CONFLICT')) return 409;
  return 400;
}

export async function sendRejectedRows(
  ctx: RouteContext<unknown, unknown, unknown>,
  bytes: Buffer,
  filename: string | null,
  mapping: ColumnMapping,
) {
  const file = await rejectedRowsFile(ctx.deps.db, bytes, filename, { mapping }).catch(conflictToHttp);
  const base =
    (filename ?? 'impor')
      .replace(/\.[^.]*$/, '')
      .replace(/[^\w.-]+/g, '_')
      .slice(0, 80) || 'impor';
  ctx.reply.header('content-disposition', `attachment; filename="${base}-ditolak.${file.format}"`);
  return ctx.reply
    .type(
      file.format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    )
    .send(file.content);
}

export async function sendWatchlistExport(
  ctx: RouteContext<unknown, unknown, unknown>,
  format: 'csv' | 'xlsx',
  delimiter: ',' | ';' = ',',
  layout: 'long' | 'wide' = 'long',
) {
  const user = requireUser(ctx);
  // Every watched person's name, NIP, post and accounts: a read of personal data (UU PDP Ps 31), logged and
  // audited like the case and decision exports — once the rows sent and the persons in them are known.
  const logged = async (what: { rows?: number; personIds: readonly string[]; complete: boolean; bytes?: number }) => {
    await logUserListRead(
      ctx.deps.db,
      user,
      `GET ${ctx.request.routeOptions.url}`,
      [...what.personIds],
      ctx.request.ip,
      'export',
    );
    await appendAudit(ctx.deps.db, {
      actorId: user.id,
      actorUsername: user.username,
      action: 'watchlist.export',
      entityType: 'watchlist_export',
      entityId: format,
      after: {
        format,
        layout,
        ...(what.rows === undefined ? {} : { rows: what.rows }),
        complete: what.complete,
        ...(what.bytes === undefined ? {} : { bytes: what.bytes }),
      },
      ip: ctx.request.ip,
    });
  };
  const stamp = new Date().toISOString().slice(0, 10);
  ctx.reply.header('content-disposition', `attachment; filename="daftar-pantau-${stamp}.${format}"`);
  if (format === 'csv') {
    // Streamed a page of persons at a time (issue 14): the whole list and its CSV string no longer sit in memory.
    const pages = trackExport(eachWatchlistPage(ctx.deps.db, layout), (r) => r.personId, logged);
    return ctx.reply.type('text/csv; charset=utf-8').send(textStream(watchlistCsvChunks(pages, layout, delimiter)));
  }
  // The workbook is built whole (ExcelJS): read as before, logged before it is sent.
  const [file, persons] = await Promise.all([
    exportWatchlist(ctx.deps.db, format, { delimiter, layout }),
    listAllPersonIds(ctx.deps.db),
  ]);
  await logged({ personIds: persons, complete: true, bytes: file.length });
  return ctx.reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(file);
}
