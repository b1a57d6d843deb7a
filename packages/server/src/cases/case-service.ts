import {
  ARTICLE_CODES,
  assertMaySecondReview,
  assertReady,
  CASE_STATUSES,
  CASE_TYPES,
  CATEGORY_TO_BEHAVIOUR,
  CaseError,
  type CaseSettings,
  clockState,
  formatCaseNumber,
  jurisdictionOf,
  localDate,
  missingFields,
  type ReadinessInput,
  reviewsAgree,
  SKB_BEHAVIOURS,
  type SkbBehaviour,
  secondReviewMode,
  stageOn,
  suggestTrack,
  TRACKS,
  targetStatusOn,
  VIOLATION_TYPE_CODES,
  zoneOfRegion,
} from '@netra/cases';
import { parseInstantInput } from '@netra/core';
import {
  appendAudit,
  appendCaseReview,
  candidateStageHistory,
  type Database,
  findItemCategories,
  findLatestDecisionCategory,
  getCaseRow,
  getContestWithMilestones,
  getOfficerProfile,
  getPersonRow,
  insertCase,
  insertCaseItems,
  insertCaseOfficer,
  itemsForCase,
  listArtefactsOfPosts,
  listCaseItems,
  listCaseOfficers,
  listCaseReviews,
  lockItemsForCase,
  nextCaseSequence,
  setEvidenceVerified,
  updateCase,
} from '@netra/db';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { SessionUser } from '../http/route.ts';
import { holidaysFor, milestonesOf, regimeOf } from './case-context.ts';

type Db = Kysely<Database>;

const stateConflict = (message: string) =>
  new CaseError('CASE_STATE_CONFLICT', message, [{ field: 'status', message }]);
export const caseNotFound = () => new CaseError('CASE_NOT_FOUND', 'kasus tidak ditemukan / case not found');

const empty = (v: unknown) => (v === '' ? undefined : v);
const optionalText = z.preprocess(empty, z.string().trim().max(20_000).nullable().optional());
/**
 * A date typed for a case (found, registered, information requested): ISO 8601 with its zone, a date the
 * calendar has, from 2000 to now. It was `z.coerce.date` — `new Date(text)` — which read "09:00" without a zone
 * in the server's own zone, rolled 30 February over, took `true` as 1970 and year 275760, after which every list
 * showing the case answered 500 (its deadlines were invalid dates).
 */
const instant = z.preprocess(
  empty,
  z
    .string({ message: 'tanggal/waktu harus teks ISO 8601 dengan zona, mis. 2024-10-02T09:00+07:00' })
    .max(64, 'tanggal/waktu terlalu panjang')
    .transform((text, ctx) => {
      const read = parseInstantInput(text, { now: new Date() });
      if (read.ok) return read.at;
      ctx.addIssue({ code: 'custom', message: read.message, params: { code: read.code } });
      return z.NEVER;
    }),
);
const asList = (v: unknown) => (v === undefined || v === '' ? undefined : Array.isArray(v) ? v : [v]);

export const createCaseSchema = z.object({
  itemIds: z.preprocess(asList, z.array(z.uuid('id item telaah tidak sah')).min(1, 'pilih minimal satu item')),
  caseType: z.enum(CASE_TYPES, { message: 'jenis kasus: temuan atau laporan' }).default('temuan'),
  foundAt: instant.optional(),
});

export const updateCaseSchema = z.object({
  chronology: optionalText,
  facts: optionalText,
  analysis: optionalText,
  witnesses: z
    .preprocess(
      (v) => (typeof v === 'string' ? parseWitnessLines(v) : v),
      z.array(z.object({ name: z.string().trim().min(1).max(200), address: z.string().trim().max(500).default('') })),
    )
    .optional(),
  articles: z.preprocess(asList, z.array(z.enum(ARTICLE_CODES, { message: 'pasal tidak dikenal' })).optional()),
  skbBehaviour: z.preprocess(empty, z.enum(SKB_BEHAVIOURS, { message: 'perilaku SKB tidak dikenal' }).optional()),
  violationType: z.preprocess(
    empty,
    z.enum(VIOLATION_TYPE_CODES, { message: 'jenis pelanggaran tidak dikenal' }).optional(),
  ),
  track: z.preprocess(empty, z.enum(TRACKS, { message: 'jalur tidak dikenal' }).optional()),
  registeredAt: instant.optional(),
  infoRequestedAt: instant.optional(),
  extended: z.preprocess((v) => (v === 'on' || v === 'true' ? true : v === '' ? undefined : v), z.boolean().optional()),
});

/** `Nama | alamat` per line, as typed in the case form. */
function parseWitnessLines(text: string) {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [name, ...rest] = l.split('|');
      return { name: (name ?? '').trim(), address: rest.join('|').trim() };
    });
}

export const foundAtSchema = z.object({
  foundAt: instant,
  reason: z.string().trim().min(5, 'alasan perubahan wajib diisi (minimal 5 karakter)').max(2_000),
});

export const judgementSchema = z
  .object({
    verdict: z.enum(['pelanggaran', 'bukan_pelanggaran'], { message: 'putusan: pelanggaran atau bukan_pelanggaran' }),
    skbBehaviour: z.preprocess(empty, z.enum(SKB_BEHAVIOURS, { message: 'perilaku SKB tidak dikenal' }).optional()),
    note: z.preprocess(empty, z.string().trim().max(5_000).optional()),
  })
  .superRefine((j, ctx) => {
    if (j.verdict === 'pelanggaran' && !j.skbBehaviour) {
      ctx.addIssue({ code: 'custom', path: ['skbBehaviour'], message: 'perilaku SKB wajib dipilih bila pelanggaran' });
    }
  });

interface Actor {
  user: SessionUser;
  ip: string;
}

function audit(db: Db, actor: Actor, action: string, caseId: string, before: unknown, after: unknown) {
  return appendAudit(db, {
    actorId: actor.user.id,
    actorUsername: actor.user.username,
    action,
    entityType: 'case',
    entityId: caseId,
    before,
    after,
    ip: actor.ip,
  });
}

function contestOfRef(ref: string | null): { contestId: string; number: number } | null {
  if (!ref) return null;
  const [contestId, number] = ref.split('#');
  return contestId && number ? { contestId, number: Number(number) } : null;
}

/** Stage at the act and the target's status then, for each item, from the contest milestones and stage history. */
async function stampItems(
  db: Db,
  contest: NonNullable<Awaited<ReturnType<typeof getContestWithMilestones>>>,
  items: Awaited<ReturnType<typeof itemsForCase>>,
) {
  const milestones = milestonesOf(contest);
  const zone = zoneOfRegion(contest.region_code);
  return Promise.all(
    items.map(async (item) => {
      const ref = contestOfRef(item.decided_candidate ?? item.model_candidate);
      const history = ref ? await candidateStageHistory(db, ref.contestId, ref.number) : [];
      const date = localDate(new Date(item.posted_at ?? item.fetched_at), zone);
      return {
        id: item.id,
        stage: stageOn(milestones, date),
        target: targetStatusOn(
          milestones,
          history.map((h) => ({ stage: h.stage, from: h.from_date })),
          date,
        ),
      };
    }),
  );
}

/**
 * The stage on a review item's post date and the target's status then, with the SKB track suggestion for
 * the category decided (or suggested by the model): shown on the item page before a case exists.
 */
export async function itemStage(db: Db, reviewItemId: string) {
  const items = await itemsForCase(db, [reviewItemId]);
  const item = items[0];
  const ref = item ? contestOfRef(item.decided_candidate ?? item.model_candidate) : null;
  if (!item || !ref) return null;
  const contest = await getContestWithMilestones(db, ref.contestId);
  if (!contest) return null;
  const [stamp] = await stampItems(db, contest, [item]);
  const category = await findItemCategories(db, reviewItemId);
  const code = category?.decided_category ?? category?.model_category ?? null;
  const behaviour = code ? (CATEGORY_TO_BEHAVIOUR[code] ?? null) : null;
  const regime = regimeOf(contest);
  return {
    stage: stamp!.stage,
    target: stamp!.target,
    regime,
    suggestion: behaviour
      ? suggestTrack({ behaviour, targetStatus: stamp!.target, stage: stamp!.stage, regime })
      : null,
  };
}

/** Checks items can go into one case: confirmed, not in a case yet, one person and one contest. */
function checkItems(
  ids: readonly string[],
  items: Awaited<ReturnType<typeof itemsForCase>>,
  existing?: { personId: string; contestId: string },
) {
  const issues: { field: string; message: string }[] = [];
  for (const id of ids) {
    const item = items.find((i) => i.id === id);
    if (!item) issues.push({ field: `itemIds.${id}`, message: 'item telaah tidak ditemukan' });
    else if (item.status !== 'confirmed')
      issues.push({
        field: `itemIds.${id}`,
        message: 'hanya item yang sudah dikonfirmasi pelanggaran dapat dijadikan kasus',
      });
    else if (item.existing_case_id)
      issues.push({ field: `itemIds.${id}`, message: 'item sudah termasuk dalam kasus lain' });
    else if (!item.person_id)
      issues.push({ field: `itemIds.${id}`, message: 'unggahan tidak terkait dengan ASN di daftar pantau' });
    else if (!contestOfRef(item.decided_candidate ?? item.model_candidate))
      issues.push({ field: `itemIds.${id}`, message: 'calon/kontestasi belum dipilih pada keputusan telaah' });
  }
  const persons = new Set([...items.map((i) => i.person_id), ...(existing ? [existing.personId] : [])]);
  const contests = new Set([
    ...items.map((i) => contestOfRef(i.decided_candidate ?? i.model_candidate)?.contestId),
    ...(existing ? [existing.contestId] : []),
  ]);
  if (issues.length === 0 && persons.size > 1)
    issues.push({ field: 'itemIds', message: 'satu kasus hanya untuk satu ASN; item berasal dari beberapa orang' });
  if (issues.length === 0 && contests.size > 1)
    issues.push({
      field: 'itemIds',
      message: 'satu kasus hanya untuk satu kontestasi; item menyangkut beberapa kontestasi',
    });
  if (issues.length > 0) {
    throw new CaseError('CASE_ITEMS_INVALID', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
  }
}

/**
 * Opens a case for one or more confirmed items of one person and one contest: numbered in the office's
 * format, the office from the contest's region, the date found defaulting to when the first item was
 * flagged, the creating officer as officer and default witness, each item stamped with the stage on its
 * post date, and the SKB behaviour and track suggestion taken from the review decision.
 */
export async function createCase(
  db: Db,
  settings: CaseSettings,
  actor: Actor,
  input: z.infer<typeof createCaseSchema>,
) {
  const ids = [...new Set(input.itemIds)];
  const items = await itemsForCase(db, ids);
  const earlier = await sameCaseAgain(db, actor, ids, items);
  if (earlier) return { ...earlier, repeated: true };
  checkItems(ids, items);
  const first = items[0]!;
  const ref = contestOfRef(first.decided_candidate ?? first.model_candidate)!;
  const contest = await getContestWithMilestones(db, ref.contestId);
  if (!contest) {
    throw new CaseError('CASE_ITEMS_INVALID', `kontestasi ${ref.contestId} tidak ada di registri`, [
      { field: 'itemIds', message: 'kontestasi tidak ditemukan' },
    ]);
  }
  const regime = regimeOf(contest);
  const jurisdiction = jurisdictionOf(contest.region_code, contest.region_name);
  const zone = zoneOfRegion(contest.region_code);
  const foundAt = input.foundAt ?? new Date(Math.min(...items.map((i) => new Date(i.created_at).getTime())));
  const stamps = await stampItems(db, contest, items);
  const category = await findLatestDecisionCategory(db, first.id);
  const behaviour: SkbBehaviour | null = category?.category ? (CATEGORY_TO_BEHAVIOUR[category.category] ?? null) : null;
  const firstStamp = stamps[0]!;
  const suggestion = behaviour
    ? suggestTrack({ behaviour, targetStatus: firstStamp.target, stage: firstStamp.stage, regime })
    : null;
  return db.transaction().execute(async (tx) => {
    // Checked again under the items' locks: the same form sent twice, or two analysts opening a case from one
    // item at once, both passed the check above and the later one failed on `case_items`' key (a 500).
    const locked = await lockItemsForCase(tx, ids);
    const repeated = await sameCaseAgain(tx, actor, ids, locked);
    if (repeated) return { ...repeated, repeated: true };
    checkItems(ids, locked);
    const officeCode = settings.officeCodes[jurisdiction.regionCode] ?? jurisdiction.regionCode;
    const today = localDate(new Date(), zone);
    const seq = await nextCaseSequence(tx, officeCode, Number(today.slice(0, 4)));
    const caseNumber = formatCaseNumber(settings.caseNumberFormat, {
      seq,
      type: input.caseType,
      jurisdiction,
      officeCodes: settings.officeCodes,
      date: today,
    });
    const profile = await getOfficerProfile(tx, actor.user.id);
    if (!profile) throw new Error(`user ${actor.user.id} not found`);
    const row = await insertCase(tx, {
      case_number: caseNumber,
      case_type: input.caseType,
      person_id: first.person_id!,
      contest_id: contest.id,
      regime,
      office_level: jurisdiction.level,
      office_region_code: jurisdiction.regionCode,
      office_name: jurisdiction.officeName,
      found_at: foundAt,
      witnesses: [{ name: profile.display_name, address: profile.office_name ?? jurisdiction.officeName }],
      skb_behaviour: behaviour,
      suggested_track: suggestion?.track ?? null,
      created_by: actor.user.id,
    });
    await insertCaseItems(
      tx,
      stamps.map((s) => ({ case_id: row.id, review_item_id: s.id, stage_at_act: s.stage, target_status: s.target })),
    );
    await insertCaseOfficer(tx, row.id, actor.user.id);
    await audit(tx, actor, 'case.create', row.id, null, {
      caseNumber,
      itemIds: ids,
      foundAt: foundAt.toISOString(),
      caseType: input.caseType,
    });
    return { ...row, repeated: false };
  });
}

/**
 * The case this user opened from exactly these items already: the same "open a case" sent again. A case holding
 * more items than these (some of them asked for a new case) is not a repeat: that is refused as before.
 */
async function sameCaseAgain(
  tx: Db,
  actor: Actor,
  ids: readonly string[],
  items: Awaited<ReturnType<typeof itemsForCase>>,
) {
  if (items.length !== ids.length) return null;
  const cases = new Set(items.map((i) => i.existing_case_id));
  const [only] = cases;
  if (cases.size !== 1 || !only) return null;
  const row = await getCaseRow(tx, only);
  if (!row || row.created_by !== actor.user.id) return null;
  return (await listCaseItems(tx, only)).length === items.length ? row : null;
}

/** The items of `all` still to add to case `caseId`: one it already holds is not added again (a form sent twice). */
function notYetIn(caseId: string, ids: readonly string[], all: Awaited<ReturnType<typeof itemsForCase>>) {
  const holds = new Set(all.filter((i) => i.existing_case_id === caseId).map((i) => i.id));
  return { ids: ids.filter((id) => !holds.has(id)), items: all.filter((i) => !holds.has(i.id)) };
}

/** Adds confirmed items of the same person and contest to a case still in draft. */
export async function addItemsToCase(db: Db, actor: Actor, caseId: string, itemIds: string[]) {
  const row = await getCaseRow(db, caseId);
  if (!row) throw caseNotFound();
  if (row.status !== 'draft') throw stateConflict('item hanya dapat ditambahkan selama kasus berstatus draf');
  const owner = { personId: row.person_id, contestId: row.contest_id };
  const wanted = notYetIn(row.id, [...new Set(itemIds)], await itemsForCase(db, [...new Set(itemIds)]));
  if (wanted.ids.length === 0) return;
  checkItems(wanted.ids, wanted.items, owner);
  const contest = (await getContestWithMilestones(db, row.contest_id))!;
  const stamps = await stampItems(db, contest, wanted.items);
  await db.transaction().execute(async (tx) => {
    // Again under the items' locks: the same form sent twice adds nothing more, and an item another case took
    // meanwhile is refused by name instead of failing on `case_items`' key (a 500).
    const locked = notYetIn(row.id, wanted.ids, await lockItemsForCase(tx, wanted.ids));
    if (locked.ids.length === 0) return;
    checkItems(locked.ids, locked.items, owner);
    await insertCaseItems(
      tx,
      stamps
        .filter((s) => locked.ids.includes(s.id))
        .map((s) => ({ case_id: row.id, review_item_id: s.id, stage_at_act: s.stage, target_status: s.target })),
    );
    await audit(tx, actor, 'case.add_items', row.id, null, { itemIds: locked.ids });
  });
}

const EDITABLE: ReadonlySet<string> = new Set(['draft', 'adjudication']);

export async function updateCaseFields(db: Db, actor: Actor, caseId: string, input: z.infer<typeof updateCaseSchema>) {
  return db.transaction().execute(async (tx) => {
    const row = await getCaseRow(tx, caseId, true);
    if (!row) throw caseNotFound();
    const clockOnly =
      input.chronology === undefined &&
      input.facts === undefined &&
      input.analysis === undefined &&
      input.witnesses === undefined &&
      input.articles === undefined &&
      input.skbBehaviour === undefined &&
      input.violationType === undefined &&
      input.track === undefined;
    if (!clockOnly && !EDITABLE.has(row.status)) {
      throw stateConflict(`isi kasus tidak dapat diubah pada status "${CASE_STATUSES[row.status]}"`);
    }
    const patch = {
      ...(input.chronology !== undefined ? { chronology: input.chronology } : {}),
      ...(input.facts !== undefined ? { facts: input.facts } : {}),
      ...(input.analysis !== undefined ? { analysis: input.analysis } : {}),
      ...(input.witnesses !== undefined ? { witnesses: JSON.stringify(input.witnesses) } : {}),
      ...(input.articles !== undefined ? { articles: JSON.stringify(input.articles) } : {}),
      ...(input.skbBehaviour !== undefined ? { skb_behaviour: input.skbBehaviour } : {}),
      ...(input.violationType !== undefined ? { violation_type: input.violationType } : {}),
      ...(input.track !== undefined ? { track: input.track } : {}),
      ...(input.registeredAt !== undefined ? { registered_at: input.registeredAt } : {}),
      ...(input.infoRequestedAt !== undefined ? { info_requested_at: input.infoRequestedAt } : {}),
      ...(input.extended !== undefined ? { extended: input.extended } : {}),
    };
    const updated = await updateCase(tx, caseId, patch);
    await audit(tx, actor, 'case.update', caseId, pick(row, Object.keys(patch)), pick(updated, Object.keys(patch)));
    return updated;
  });
}

function pick(row: Record<string, unknown>, keys: string[]) {
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}

/** Changes the date found/known (it moves the legal clock): a reason is required and audited. */
export async function changeFoundAt(db: Db, actor: Actor, caseId: string, input: z.infer<typeof foundAtSchema>) {
  return db.transaction().execute(async (tx) => {
    const row = await getCaseRow(tx, caseId, true);
    if (!row) throw caseNotFound();
    if (row.status === 'referred' || row.status === 'closed') {
      throw stateConflict('tanggal ditemukan tidak dapat diubah setelah kasus diteruskan');
    }
    const updated = await updateCase(tx, caseId, { found_at: input.foundAt });
    await audit(
      tx,
      actor,
      'case.found_at',
      caseId,
      { foundAt: new Date(row.found_at).toISOString() },
      { foundAt: input.foundAt.toISOString(), reason: input.reason },
    );
    return updated;
  });
}

export async function verifyEvidence(db: Db, actor: Actor, caseId: string, reviewItemId: string) {
  await db.transaction().execute(async (tx) => {
    const row = await getCaseRow(tx, caseId, true);
    if (!row) throw caseNotFound();
    const result = await setEvidenceVerified(tx, caseId, reviewItemId, actor.user.id);
    if (Number(result.numUpdatedRows) === 0) {
      throw new CaseError('CASE_ITEMS_INVALID', 'item tidak termasuk dalam kasus ini', [
        { field: 'reviewItemId', message: 'item tidak termasuk dalam kasus ini' },
      ]);
    }
    await audit(tx, actor, 'case.verify_evidence', caseId, null, { reviewItemId });
  });
}

/** What the readiness check needs, read from the database. */
export async function readinessOf(db: Db, caseId: string): Promise<ReadinessInput> {
  const row = await getCaseRow(db, caseId);
  if (!row) throw caseNotFound();
  const [person, items, officers] = await Promise.all([
    getPersonRow(db, row.person_id),
    listCaseItems(db, caseId),
    listCaseOfficers(db, caseId),
  ]);
  const artefacts = await listArtefactsOfPosts(
    db,
    items.map((i) => i.post_id),
  );
  return {
    person: person
      ? {
          name: person.name,
          nip: person.nip,
          position: person.position,
          agency: person.agency,
          rankGrade: person.rank_grade,
        }
      : null,
    items: items.map((i) => ({
      reviewItemId: i.review_item_id,
      evidenceVerified: i.evidence_verified,
      artefacts: artefacts.filter((a) => a.post_id === i.post_id).length,
    })),
    articles: row.articles,
    behaviour: row.skb_behaviour,
    track: row.track,
    violationType: row.violation_type,
    foundAt: new Date(row.found_at),
    officers: officers.map((o) => ({
      name: o.display_name,
      position: o.position,
      assignmentLetterNo: o.assignment_letter_no,
    })),
    chronology: row.chronology,
    analysis: row.analysis,
  };
}

/**
 * Sends a complete case to second review: every required field checked first (the error names each
 * missing one), the first analyst's judgement recorded, and the review mode drawn (a supervisor, or a blind
 * second analyst for the configured share).
 */
export async function submitForSecondReview(db: Db, settings: CaseSettings, actor: Actor, caseId: string) {
  const readiness = await readinessOf(db, caseId);
  assertReady(readiness);
  return db.transaction().execute(async (tx) => {
    const row = await getCaseRow(tx, caseId, true);
    if (!row) throw caseNotFound();
    if (row.status !== 'draft') throw stateConflict('hanya kasus berstatus draf yang dapat diajukan ke telaah kedua');
    const mode = secondReviewMode(row.id, settings.blindShare);
    await appendCaseReview(tx, {
      case_id: caseId,
      reviewer_id: actor.user.id,
      kind: 'first',
      mode: null,
      verdict: 'pelanggaran',
      skb_behaviour: row.skb_behaviour,
      note: null,
    });
    const updated = await updateCase(tx, caseId, { status: 'second_review', second_review_mode: mode });
    await audit(tx, actor, 'case.submit', caseId, { status: row.status }, { status: 'second_review', mode });
    return updated;
  });
}

/**
 * The second review: by a supervisor, or by another analyst who has not seen the first judgement. The same
 * finding moves the case on; a different one sends it to adjudication.
 */
export async function recordSecondReview(db: Db, actor: Actor, caseId: string, input: z.infer<typeof judgementSchema>) {
  return db.transaction().execute(async (tx) => {
    const row = await getCaseRow(tx, caseId, true);
    if (!row) throw caseNotFound();
    if (row.status !== 'second_review') throw stateConflict('kasus tidak sedang menunggu telaah kedua');
    const reviews = await listCaseReviews(tx, caseId);
    const first = reviews.find((r) => r.kind === 'first');
    if (!first) throw stateConflict('telaah pertama belum tercatat');
    const mode = row.second_review_mode ?? 'supervisor';
    assertMaySecondReview(mode, { id: actor.user.id, role: actor.user.role }, first.reviewer_id);
    const judgement = { verdict: input.verdict, behaviour: input.skbBehaviour ?? null };
    await appendCaseReview(tx, {
      case_id: caseId,
      reviewer_id: actor.user.id,
      kind: 'second',
      mode,
      verdict: judgement.verdict,
      skb_behaviour: judgement.behaviour,
      note: input.note ?? null,
    });
    const agree = reviewsAgree({ verdict: first.verdict, behaviour: first.skb_behaviour }, judgement);
    const status = agree ? 'ready' : 'adjudication';
    const updated = await updateCase(tx, caseId, { status });
    await audit(tx, actor, 'case.second_review', caseId, { status: row.status }, { status, mode, ...judgement, agree });
    return updated;
  });
}

/** A supervisor who reviewed neither side settles a disagreement; the decision fixes the behaviour. */
export async function adjudicate(db: Db, actor: Actor, caseId: string, input: z.infer<typeof judgementSchema>) {
  return db.transaction().execute(async (tx) => {
    const row = await getCaseRow(tx, caseId, true);
    if (!row) throw caseNotFound();
    if (row.status !== 'adjudication') throw stateConflict('kasus tidak sedang dalam ajudikasi');
    const reviews = await listCaseReviews(tx, caseId);
    if (reviews.some((r) => r.reviewer_id === actor.user.id && r.kind !== 'adjudication')) {
      throw new CaseError(
        'CASE_REVIEWER_NOT_ALLOWED',
        'Ajudikasi harus oleh supervisor yang belum menelaah kasus ini',
        [{ field: 'reviewer', message: 'penelaah pertama/kedua tidak boleh mengajudikasi' }],
      );
    }
    await appendCaseReview(tx, {
      case_id: caseId,
      reviewer_id: actor.user.id,
      kind: 'adjudication',
      mode: null,
      verdict: input.verdict,
      skb_behaviour: input.skbBehaviour ?? null,
      note: input.note ?? null,
    });
    const status = input.verdict === 'pelanggaran' ? 'ready' : 'dismissed';
    const updated = await updateCase(tx, caseId, {
      status,
      ...(input.skbBehaviour ? { skb_behaviour: input.skbBehaviour } : {}),
    });
    await audit(tx, actor, 'case.adjudicate', caseId, { status: row.status }, { status, verdict: input.verdict });
    return updated;
  });
}

/** The legal clock of a case now. */
export function caseClock(
  settings: CaseSettings,
  row: {
    regime: 'pemilu' | 'pilkada';
    case_type: 'temuan' | 'laporan';
    found_at: Date | string;
    registered_at: Date | string | null;
    info_requested_at: Date | string | null;
    extended: boolean;
    office_region_code: string;
  },
  now: Date,
) {
  return clockState(
    {
      regime: row.regime,
      caseType: row.case_type,
      foundAt: new Date(row.found_at),
      registeredAt: row.registered_at ? new Date(row.registered_at) : null,
      infoRequestedAt: row.info_requested_at ? new Date(row.info_requested_at) : null,
      extended: row.extended,
      zone: zoneOfRegion(row.office_region_code),
      rules: settings.clock,
      holidays: holidaysFor(settings),
    },
    now,
  );
}

export { missingFields };
