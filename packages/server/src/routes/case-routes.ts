import {
  caseCsvChunks,
  dossierHtml,
  judgementLabel,
  kappaByCategory,
  kappaByPair,
  localDate,
  nipFor,
  runRetention,
} from '@netra/cases';
import { calendarDateSchema } from '@netra/core';
import {
  appendAudit,
  countCasesByStatusAndOutcome,
  exportPersonData,
  findCandidateId,
  getOfficerProfile,
  getPersonRow,
  insertCandidateStage,
  listCases,
  listDoubleReviews,
  listOutcomesOfPerson,
  listReferralsDue,
  setPersonRankGrade,
  updateOfficerProfile,
} from '@netra/db';
import { z } from 'zod';
import { caseSettings } from '../cases/case-context.ts';
import { eachCaseExportBatch } from '../cases/case-export.ts';
import {
  addItemsToCase,
  adjudicate,
  caseClock,
  changeFoundAt,
  createCase,
  createCaseSchema,
  foundAtSchema,
  judgementSchema,
  recordSecondReview,
  submitForSecondReview,
  updateCaseFields,
  updateCaseSchema,
  verifyEvidence,
} from '../cases/case-service.ts';
import { caseRowAsSeenBy, casesAsSeenBy, dossierData, loadCaseView } from '../cases/case-view.ts';
import { logUserListRead, logUserRead } from '../cases/privacy-service.ts';
import {
  attachDocument,
  documentSchema,
  outcomeSchema,
  recordOutcome,
  referCase,
  referralSchema,
} from '../cases/referral-service.ts';
import { htmlToPdf } from '../cases/render-pdf.ts';
import { textStream, trackExport } from '../http/export-stream.ts';
import { notFound } from '../http/http-error.ts';
import { defineRoute, type RouteContext, type RouteDef, requireUser } from '../http/route.ts';
import { caseBody, caseListBody, officerProfileBody, personOutcomesBody } from '../ui/case-pages.ts';
import { layout } from '../ui/layout.ts';

const idParams = z.object({ id: z.uuid() });
const itemParams = z.object({ id: z.uuid(), itemId: z.uuid() });
type Ctx = RouteContext<{ id: string }, unknown, unknown>;

const now = (ctx: { deps: { now?: () => Date } }) => ctx.deps.now?.() ?? new Date();
const actor = (ctx: Ctx) => ({ user: requireUser(ctx), ip: ctx.request.ip });

/**
 * One case action as two routes: the JSON API (`/api/cases/:id/<action>`) and the HTML form post
 * (`/cases/:id/<action>`, redirecting back to the case page). Both run the same service function.
 */
function caseAction<S extends z.ZodType>(
  action: string,
  role: 'analyst' | 'supervisor',
  summary: string,
  body: S,
  run: (ctx: Ctx, input: z.output<S>) => Promise<unknown>,
): RouteDef[] {
  return [
    defineRoute({
      method: 'POST',
      url: `/api/cases/:id/${action}`,
      role,
      kind: 'api',
      tag: 'cases',
      summary,
      params: idParams,
      body,
      handler: async (ctx) => {
        const result = await run(ctx as Ctx, ctx.body as z.output<S>);
        // A write sent again that changed nothing answers with what was recorded the first time.
        const repeated = typeof result === 'object' && result !== null && (result as { repeated?: unknown }).repeated;
        ctx.reply.status(repeated === true ? 200 : 201);
        return result ? answerOfCaseWrite(ctx as Ctx, result) : { ok: true };
      },
    }),
    defineRoute({
      method: 'POST',
      url: `/cases/:id/${action}`,
      role,
      kind: 'page',
      tag: 'cases',
      summary: `Form: ${summary}`,
      params: idParams,
      body,
      handler: async (ctx) => {
        await run(ctx as Ctx, ctx.body as z.output<S>);
        return ctx.reply.redirect(`/cases/${ctx.params.id}?saved=1`, 303);
      },
    }),
  ];
}

/** A case write answers with the updated case row: as the writer may see it (a blind second analyst may not). */
async function answerOfCaseWrite(ctx: Ctx, result: unknown): Promise<unknown> {
  const row = result as { id?: unknown; status?: unknown; second_review_mode?: unknown };
  if (typeof row.id !== 'string' || typeof row.status !== 'string' || !('second_review_mode' in row)) return result;
  return caseRowAsSeenBy(
    ctx.deps.db,
    requireUser(ctx),
    row as { id: string; status: string; second_review_mode: string | null },
  );
}

/** The case list shows each case's person: one access entry names them all (UU PDP). */
async function caseList(ctx: { deps: Ctx['deps']; user: Ctx['user']; request: Ctx['request'] }, route: string) {
  const settings = caseSettings(ctx.deps);
  const at = now(ctx);
  const [rows, counts, doubles, reminders] = await Promise.all([
    listCases(ctx.deps.db),
    countCasesByStatusAndOutcome(ctx.deps.db),
    listDoubleReviews(ctx.deps.db),
    listReferralsDue(ctx.deps.db, localDate(at, 'WIB')),
  ]);
  const user = requireUser(ctx);
  await logUserListRead(
    ctx.deps.db,
    user,
    route,
    rows.map((r) => r.person_id),
    ctx.request.ip,
  );
  const withClock = casesAsSeenBy(user, rows)
    .map((r) => ({ ...r, clock: caseClock(settings, r, at) }))
    .sort((a, b) => a.clock.current.dueAt.getTime() - b.clock.current.dueAt.getTime());
  const reviews = doubles.map((d) => ({
    firstAnalyst: d.first_analyst,
    secondAnalyst: d.second_analyst,
    first: judgementLabel({ verdict: d.first_verdict, behaviour: d.first_behaviour }),
    second: judgementLabel({ verdict: d.second_verdict, behaviour: d.second_behaviour }),
  }));
  return {
    cases: withClock,
    counts,
    agreement: { byPair: kappaByPair(reviews), byCategory: kappaByCategory(reviews) },
    reminders,
  };
}

const profileSchema = z.object({
  position: z.string().trim().min(1, 'jabatan wajib diisi').max(200),
  assignmentLetterNo: z.string().trim().min(1, 'nomor surat perintah tugas wajib diisi').max(200),
  officeName: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(200).optional()),
});

const rankSchema = z.object({
  rankGrade: z.string().trim().min(3, 'pangkat/golongan wajib diisi, mis. "Penata, III/c"').max(100),
  caseId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid().optional()),
});

async function saveRankGrade(ctx: Ctx, input: z.infer<typeof rankSchema>) {
  const user = requireUser(ctx);
  const before = await getPersonRow(ctx.deps.db, ctx.params.id);
  if (!before) throw notFound('ASN / person');
  await ctx.deps.db.transaction().execute(async (tx) => {
    await setPersonRankGrade(tx, ctx.params.id, input.rankGrade);
    await appendAudit(tx, {
      actorId: user.id,
      actorUsername: user.username,
      action: 'person.rank_grade',
      entityType: 'person',
      entityId: ctx.params.id,
      before: { rankGrade: before.rank_grade },
      after: { rankGrade: input.rankGrade },
      ip: ctx.request.ip,
    });
  });
}

async function saveProfile(ctx: RouteContext<unknown, unknown, unknown>, input: z.infer<typeof profileSchema>) {
  const user = requireUser(ctx);
  const before = await getOfficerProfile(ctx.deps.db, user.id);
  await ctx.deps.db.transaction().execute(async (tx) => {
    await updateOfficerProfile(tx, user.id, {
      position: input.position,
      assignment_letter_no: input.assignmentLetterNo,
      office_name: input.officeName ?? null,
    });
    await appendAudit(tx, {
      actorId: user.id,
      actorUsername: user.username,
      action: 'user.officer_profile',
      entityType: 'user',
      entityId: user.id,
      before,
      after: input,
      ip: ctx.request.ip,
    });
  });
}

/** A person's cases and outcomes, with the NIP masked for the reader's role; the read is logged (UU PDP). */
async function personOutcomes(ctx: RouteContext<unknown, unknown, unknown>, personId: string) {
  const user = requireUser(ctx);
  const person = await getPersonRow(ctx.deps.db, personId);
  if (!person) throw notFound('ASN / person');
  await logUserRead(ctx.deps.db, user, 'person', personId, ctx.request.ip);
  return {
    person: { id: person.id, name: person.name, nip: nipFor(user.role, person.nip) },
    outcomes: casesAsSeenBy(user, await listOutcomesOfPerson(ctx.deps.db, personId)),
  };
}

export const caseRoutes: RouteDef[] = [
  defineRoute({
    method: 'GET',
    url: '/api/cases',
    role: 'viewer',
    kind: 'api',
    tag: 'cases',
    summary: 'Cases sorted by deadline with time left, counts by status and outcome, review agreement (kappa)',
    handler: async (ctx) => caseList(ctx, 'GET /api/cases'),
  }),
  defineRoute({
    method: 'POST',
    url: '/api/cases',
    role: 'analyst',
    kind: 'api',
    tag: 'cases',
    summary: 'Open a case for confirmed items of one person and contest',
    body: createCaseSchema,
    handler: async (ctx) => {
      const row = await createCase(ctx.deps.db, caseSettings(ctx.deps), actor(ctx as Ctx), ctx.body);
      // The same items sent again by the one who opened their case: that case, not a second one.
      ctx.reply.status(row.repeated ? 200 : 201);
      return row;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/cases',
    role: 'analyst',
    kind: 'page',
    tag: 'cases',
    summary: 'Form: open a case from a confirmed item',
    body: createCaseSchema,
    handler: async (ctx) => {
      const row = await createCase(ctx.deps.db, caseSettings(ctx.deps), actor(ctx as Ctx), ctx.body);
      return ctx.reply.redirect(`/cases/${row.id}`, 303);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/cases/:id',
    role: 'viewer',
    kind: 'api',
    tag: 'cases',
    summary: 'One case: record, clock, stage, suggestion, items, reviews, referrals, outcomes (read is logged)',
    params: idParams,
    handler: async (ctx) => {
      const user = requireUser(ctx);
      const view = await loadCaseView(ctx.deps.db, caseSettings(ctx.deps), user, ctx.params.id, now(ctx));
      await logUserRead(ctx.deps.db, user, 'case', ctx.params.id, ctx.request.ip, 'read', [view.person?.id]);
      return view;
    },
  }),
  defineRoute({
    method: 'PATCH',
    url: '/api/cases/:id',
    role: 'analyst',
    kind: 'api',
    tag: 'cases',
    summary: 'Update case fields (chronology, facts, analysis, witnesses, articles, SKB behaviour, track, clock dates)',
    params: idParams,
    body: updateCaseSchema,
    handler: async (ctx) =>
      answerOfCaseWrite(ctx as Ctx, await updateCaseFields(ctx.deps.db, actor(ctx as Ctx), ctx.params.id, ctx.body)),
  }),
  ...caseAction('edit', 'analyst', 'Update case fields', updateCaseSchema, (ctx, input) =>
    updateCaseFields(ctx.deps.db, actor(ctx), ctx.params.id, input),
  ),
  ...caseAction('clock', 'analyst', 'Record registration / information request dates', updateCaseSchema, (ctx, input) =>
    updateCaseFields(ctx.deps.db, actor(ctx), ctx.params.id, {
      registeredAt: input.registeredAt,
      infoRequestedAt: input.infoRequestedAt,
      extended: input.extended,
    }),
  ),
  ...caseAction(
    'items',
    'analyst',
    'Add confirmed items of the same person and contest',
    z.object({ itemIds: createCaseSchema.shape.itemIds }),
    (ctx, input) => addItemsToCase(ctx.deps.db, actor(ctx), ctx.params.id, input.itemIds),
  ),
  ...caseAction(
    'found-at',
    'analyst',
    'Change the date found/known, with a reason (audited)',
    foundAtSchema,
    (ctx, input) => changeFoundAt(ctx.deps.db, actor(ctx), ctx.params.id, input),
  ),
  ...caseAction('submit', 'analyst', 'Send a complete case to second review', z.object({}), (ctx) =>
    submitForSecondReview(ctx.deps.db, caseSettings(ctx.deps), actor(ctx), ctx.params.id),
  ),
  ...caseAction(
    'second-review',
    'analyst',
    'Second review (supervisor or blind second analyst)',
    judgementSchema,
    (ctx, input) => recordSecondReview(ctx.deps.db, actor(ctx), ctx.params.id, input),
  ),
  ...caseAction('adjudication', 'supervisor', 'Adjudicate a disagreement', judgementSchema, (ctx, input) =>
    adjudicate(ctx.deps.db, actor(ctx), ctx.params.id, input),
  ),
  ...caseAction('referrals', 'supervisor', 'Record the referral letter', referralSchema, (ctx, input) =>
    referCase(ctx.deps.db, caseSettings(ctx.deps), actor(ctx), ctx.params.id, input),
  ),
  ...caseAction('outcomes', 'supervisor', 'Record an outcome received', outcomeSchema, (ctx, input) =>
    recordOutcome(ctx.deps.db, actor(ctx), ctx.params.id, input),
  ),
  defineRoute({
    method: 'POST',
    url: '/api/cases/:id/documents',
    role: 'supervisor',
    kind: 'api',
    tag: 'cases',
    summary: 'Attach a document (letter, SK) to a case; stored and recorded by SHA-256',
    params: idParams,
    body: documentSchema,
    bodyLimit: 30 * 1024 * 1024,
    handler: async (ctx) => {
      const doc = await attachDocument(
        ctx.deps.db,
        ctx.deps.config.evidenceDir,
        actor(ctx as Ctx),
        ctx.params.id,
        ctx.body,
      );
      ctx.reply.status(201);
      return doc;
    },
  }),
  ...[`/api/cases/:id/items/:itemId/verify`, `/cases/:id/items/:itemId/verify`].map((url) =>
    defineRoute({
      method: 'POST',
      url,
      role: 'analyst',
      kind: url.startsWith('/api') ? 'api' : 'page',
      tag: 'cases',
      summary: 'Mark a post’s evidence verified',
      params: itemParams,
      handler: async (ctx) => {
        await verifyEvidence(ctx.deps.db, actor(ctx as unknown as Ctx), ctx.params.id, ctx.params.itemId);
        if (url.startsWith('/api')) {
          ctx.reply.status(201);
          return { ok: true };
        }
        return ctx.reply.redirect(`/cases/${ctx.params.id}?saved=1`, 303);
      },
    }),
  ),
  defineRoute({
    method: 'GET',
    url: '/cases/:id/dossier.pdf',
    role: 'analyst',
    kind: 'file',
    tag: 'cases',
    summary: 'The Form A / temuan dossier as an A4 PDF with the evidence annex (download is logged)',
    params: idParams,
    handler: async (ctx) => {
      const user = requireUser(ctx);
      const at = now(ctx);
      const view = await loadCaseView(ctx.deps.db, caseSettings(ctx.deps), user, ctx.params.id, at);
      const pdf = await htmlToPdf(dossierHtml(await dossierData(view, ctx.deps.config.evidenceDir, at)));
      await logUserRead(ctx.deps.db, user, 'dossier', ctx.params.id, ctx.request.ip, 'download', [view.person?.id]);
      const name = view.case.case_number.replace(/[^A-Za-z0-9.-]+/g, '_');
      ctx.reply.header('content-disposition', `attachment; filename="formulir-a-${name}.pdf"`);
      return ctx.reply.type('application/pdf').send(pdf);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/case-export.csv',
    role: 'supervisor',
    kind: 'file',
    tag: 'cases',
    summary: 'Every case as an Indonesian CSV: every decision, evidence hashes, referral and outcome',
    handler: async (ctx) => {
      const user = requireUser(ctx);
      const batches = eachCaseExportBatch(ctx.deps.db, caseSettings(ctx.deps), user, now(ctx));
      const pages = trackExport(
        batches,
        (r) => r.personId,
        async (sent) => {
          await logUserListRead(
            ctx.deps.db,
            user,
            'GET /api/case-export.csv',
            sent.personIds,
            ctx.request.ip,
            'export',
          );
          await appendAudit(ctx.deps.db, {
            actorId: user.id,
            actorUsername: user.username,
            action: 'case.export',
            entityType: 'case_export',
            entityId: 'csv',
            after: { rows: sent.rows, complete: sent.complete },
            ip: ctx.request.ip,
          });
        },
      );
      ctx.reply.header(
        'content-disposition',
        `attachment; filename="netra-kasus-${now(ctx).toISOString().slice(0, 10)}.csv"`,
      );
      return ctx.reply.type('text/csv; charset=utf-8').send(textStream(caseCsvChunks(pages)));
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/cases',
    role: 'viewer',
    kind: 'page',
    tag: 'cases',
    summary: 'Cases page: deadlines, counts by status and outcome, kappa, reminders',
    handler: async (ctx) => {
      const user = requireUser(ctx);
      const data = await caseList(ctx, 'GET /cases');
      return layout({
        title: ctx.t.casesTitle,
        t: ctx.t,
        lang: ctx.lang,
        user,
        body: caseListBody(ctx.t, user, data.cases, data.counts, data.agreement, data.reminders),
      });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/cases/profile',
    role: 'analyst',
    kind: 'page',
    tag: 'cases',
    summary: 'Officer profile form (position, assignment letter number, office)',
    handler: async (ctx) => {
      const user = requireUser(ctx);
      const profile = await getOfficerProfile(ctx.deps.db, user.id);
      return layout({
        title: ctx.t.caseProfile,
        t: ctx.t,
        lang: ctx.lang,
        user,
        body: officerProfileBody(
          ctx.t,
          user,
          profile ?? { position: null, assignment_letter_no: null, office_name: null },
        ),
      });
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/cases/profile',
    role: 'analyst',
    kind: 'page',
    tag: 'cases',
    summary: 'Form: save the officer profile',
    body: profileSchema,
    handler: async (ctx) => {
      await saveProfile(ctx, ctx.body);
      return ctx.reply.redirect('/cases/profile', 303);
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/me/officer-profile',
    role: 'analyst',
    kind: 'api',
    tag: 'cases',
    summary: 'Save the signed-in officer’s position, assignment letter number and office',
    body: profileSchema,
    handler: async (ctx) => {
      await saveProfile(ctx, ctx.body);
      return getOfficerProfile(ctx.deps.db, requireUser(ctx).id);
    },
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/users/:id/officer-profile',
    role: 'admin',
    kind: 'api',
    tag: 'cases',
    summary: 'Set an officer’s position, assignment letter number and office (audited)',
    params: idParams,
    body: profileSchema,
    handler: async (ctx) => {
      const admin = requireUser(ctx);
      const before = await getOfficerProfile(ctx.deps.db, ctx.params.id);
      if (!before) throw notFound('pengguna / user');
      await ctx.deps.db.transaction().execute(async (tx) => {
        await updateOfficerProfile(tx, ctx.params.id, {
          position: ctx.body.position,
          assignment_letter_no: ctx.body.assignmentLetterNo,
          office_name: ctx.body.officeName ?? null,
        });
        await appendAudit(tx, {
          actorId: admin.id,
          actorUsername: admin.username,
          action: 'user.officer_profile',
          entityType: 'user',
          entityId: ctx.params.id,
          before,
          after: ctx.body,
          ip: ctx.request.ip,
        });
      });
      return getOfficerProfile(ctx.deps.db, ctx.params.id);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/cases/:id',
    role: 'viewer',
    kind: 'page',
    tag: 'cases',
    summary: 'Case page (read is logged)',
    params: idParams,
    query: z.object({ saved: z.string().optional(), lang: z.string().optional() }),
    handler: async (ctx) => {
      const user = requireUser(ctx);
      const settings = caseSettings(ctx.deps);
      const view = await loadCaseView(ctx.deps.db, settings, user, ctx.params.id, now(ctx));
      await logUserRead(ctx.deps.db, user, 'case', ctx.params.id, ctx.request.ip, 'read', [view.person?.id]);
      return layout({
        title: `${ctx.t.caseTitle} ${view.case.case_number}`,
        t: ctx.t,
        lang: ctx.lang,
        user,
        flash: ctx.query.saved ? ctx.t.caseSaved : undefined,
        body: caseBody(ctx.t, user, view, settings.recipients),
      });
    },
  }),
  ...caseRankRoutes(),
  defineRoute({
    method: 'GET',
    url: '/api/people/:id/outcomes',
    role: 'viewer',
    kind: 'api',
    tag: 'cases',
    summary: 'A person’s cases, referrals and outcomes (read is logged)',
    params: idParams,
    handler: async (ctx) => personOutcomes(ctx, ctx.params.id),
  }),
  defineRoute({
    method: 'GET',
    url: '/people/:id/outcomes',
    role: 'viewer',
    kind: 'page',
    tag: 'cases',
    summary: 'A person’s cases and outcomes page (read is logged)',
    params: idParams,
    handler: async (ctx) => {
      const { person, outcomes } = await personOutcomes(ctx, ctx.params.id);
      return layout({
        title: person.name,
        t: ctx.t,
        lang: ctx.lang,
        user: requireUser(ctx),
        body: personOutcomesBody(ctx.t, person, outcomes),
      });
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/people/:id/export',
    role: 'admin',
    kind: 'file',
    tag: 'cases',
    summary: 'Everything held about one person, for an access request under UU PDP (logged and audited)',
    params: idParams,
    handler: async (ctx) => {
      const user = requireUser(ctx);
      const data = await exportPersonData(ctx.deps.db, ctx.params.id);
      if (!data) throw notFound('ASN / person');
      await logUserRead(ctx.deps.db, user, 'person', ctx.params.id, ctx.request.ip, 'export');
      await appendAudit(ctx.deps.db, {
        actorId: user.id,
        actorUsername: user.username,
        action: 'person.access_export',
        entityType: 'person',
        entityId: ctx.params.id,
        after: { posts: data.posts.length, cases: data.cases.length },
        ip: ctx.request.ip,
      });
      ctx.reply.header('content-disposition', `attachment; filename="netra-data-${ctx.params.id}.json"`);
      return ctx.reply.type('application/json; charset=utf-8').send(JSON.stringify(data, null, 2));
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/contests/:contestId/candidates/:number/stages',
    role: 'admin',
    kind: 'api',
    tag: 'cases',
    summary: 'Record a candidate’s status from a date (bakal calon / calon): the stage history used at the act',
    params: z.object({
      contestId: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
      number: z.coerce.number().int().min(1).max(99),
    }),
    body: z.object({
      stage: z.enum(['bakal_calon', 'calon'], { message: 'status: bakal_calon atau calon' }),
      // A stage may be announced ahead, so a future date is fine; year 0 reached PostgreSQL (a 500) before.
      fromDate: calendarDateSchema(),
      note: z.preprocess((v) => (v === '' ? undefined : v), z.string().trim().max(2_000).optional()),
    }),
    handler: async (ctx) => {
      const user = requireUser(ctx);
      const candidate = await findCandidateId(ctx.deps.db, ctx.params.contestId, ctx.params.number);
      if (!candidate) throw notFound(`calon ${ctx.params.contestId}#${ctx.params.number} / candidate`);
      const row = await ctx.deps.db.transaction().execute(async (tx) => {
        const saved = await insertCandidateStage(tx, {
          candidateId: candidate.id,
          stage: ctx.body.stage,
          fromDate: ctx.body.fromDate,
          note: ctx.body.note ?? null,
          recordedBy: user.id,
        });
        await appendAudit(tx, {
          actorId: user.id,
          actorUsername: user.username,
          action: 'candidate.stage',
          entityType: 'candidate',
          entityId: `${ctx.params.contestId}#${ctx.params.number}`,
          after: ctx.body,
          ip: ctx.request.ip,
        });
        return saved;
      });
      ctx.reply.status(201);
      return row;
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/admin/retention/run',
    role: 'admin',
    kind: 'api',
    tag: 'cases',
    summary: 'Run the retention job: delete never-flagged posts older than the configured period (case records kept)',
    handler: async (ctx) => {
      const user = requireUser(ctx);
      return runRetention(ctx.deps.db, caseSettings(ctx.deps).retention, ctx.deps.config.evidenceDir, now(ctx), {
        id: user.id,
        username: user.username,
      });
    },
  }),
];

function caseRankRoutes(): RouteDef[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/cases/people/:id/rank-grade',
      role: 'analyst',
      kind: 'api',
      tag: 'cases',
      summary: 'Record a person’s pangkat/golongan (required before referral; audited)',
      params: idParams,
      body: rankSchema,
      handler: async (ctx) => {
        await saveRankGrade(ctx as unknown as Ctx, ctx.body);
        return { ok: true };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/cases/people/:id/rank-grade',
      role: 'analyst',
      kind: 'page',
      tag: 'cases',
      summary: 'Form: record a person’s pangkat/golongan',
      params: idParams,
      body: rankSchema,
      handler: async (ctx) => {
        await saveRankGrade(ctx as unknown as Ctx, ctx.body);
        return ctx.reply.redirect(
          ctx.body.caseId ? `/cases/${ctx.body.caseId}?saved=1` : `/people/${ctx.params.id}/outcomes`,
          303,
        );
      },
    }),
  ];
}
