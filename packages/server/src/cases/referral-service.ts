import { createHash, randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  assertReady,
  CaseError,
  type CaseSettings,
  CHANNEL_CODES,
  followUpDue,
  localDate,
  OUTCOME_CODES,
  OUTCOMES_WITH_SK,
  zoneOfRegion,
} from '@netra/cases';
import { calendarDateSchema } from '@netra/core';
import {
  appendAudit,
  type Database,
  getCaseRow,
  insertCaseDocument,
  insertOutcome,
  insertReferral,
  listOutcomes,
  listReferrals,
  updateCase,
} from '@netra/db';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { SessionUser } from '../http/route.ts';
import { caseNotFound, readinessOf } from './case-service.ts';

type Db = Kysely<Database>;
interface Actor {
  user: SessionUser;
  ip: string;
}

const empty = (v: unknown) => (v === '' ? undefined : v);
/** A letter's or decree's date: on the calendar, from 2000, not after today (a 500 from PostgreSQL before). */
const date = calendarDateSchema({ notAfterToday: true });

export const referralSchema = z.object({
  letterNumber: z.string().trim().min(1, 'nomor surat wajib diisi').max(200),
  letterDate: date,
  recipient: z.string().trim().min(1, 'penerima wajib dipilih').max(200),
  channel: z.enum(CHANNEL_CODES, { message: 'saluran tidak dikenal' }),
  externalNumber: z.preprocess(empty, z.string().trim().max(200).optional()),
});

export const outcomeSchema = z
  .object({
    outcome: z.enum(OUTCOME_CODES, { message: 'hasil tidak dikenal' }),
    skNumber: z.preprocess(empty, z.string().trim().max(200).optional()),
    skDate: z.preprocess(empty, date.optional()),
    note: z.preprocess(empty, z.string().trim().max(5_000).optional()),
  })
  .superRefine((o, ctx) => {
    if (OUTCOMES_WITH_SK.has(o.outcome)) {
      if (!o.skNumber)
        ctx.addIssue({ code: 'custom', path: ['skNumber'], message: 'nomor SK wajib diisi untuk sanksi' });
      if (!o.skDate) ctx.addIssue({ code: 'custom', path: ['skDate'], message: 'tanggal SK wajib diisi untuk sanksi' });
    }
  });

export const documentSchema = z.object({
  name: z.string().trim().min(1, 'nama dokumen wajib diisi').max(200),
  mediaType: z.string().trim().max(100).default('application/pdf'),
  contentBase64: z
    .string()
    .min(1, 'isi dokumen wajib diisi')
    .max(20 * 1024 * 1024),
  referralId: z.preprocess(empty, z.uuid().optional()),
});

const stateConflict = (message: string) =>
  new CaseError('CASE_STATE_CONFLICT', message, [{ field: 'status', message }]);

/** Records the forwarding letter; only a case that passed second review, and is still complete, can be referred. */
export async function referCase(
  db: Db,
  settings: CaseSettings,
  actor: Actor,
  caseId: string,
  input: z.infer<typeof referralSchema>,
) {
  if (!settings.recipients.includes(input.recipient)) {
    throw new CaseError('CASE_FIELDS_MISSING', `penerima "${input.recipient}" tidak ada di daftar penerima kantor`, [
      { field: 'recipient', message: `pilih salah satu: ${settings.recipients.join(', ')}` },
    ]);
  }
  assertReady(await readinessOf(db, caseId));
  return db.transaction().execute(async (tx) => {
    const row = await getCaseRow(tx, caseId, true);
    if (!row) throw caseNotFound();
    if (row.status !== 'ready' && row.status !== 'referred') {
      throw stateConflict('kasus hanya dapat diteruskan setelah lolos telaah kedua (status "Siap diteruskan")');
    }
    // One letter is one referral: the form sent twice (under the case's lock, so also at once) recorded the
    // same letter twice, with two follow-up reminders and two audit entries.
    const sameLetter = (await listReferrals(tx, caseId)).find(
      (r) => r.letter_number === input.letterNumber && r.recipient === input.recipient,
    );
    if (sameLetter) return { ...sameLetter, repeated: true };
    const followUp = followUpDue(
      input.letterDate,
      settings.followUpDays,
      localDate(new Date(), zoneOfRegion(row.office_region_code)),
    );
    const referral = await insertReferral(tx, {
      case_id: caseId,
      letter_number: input.letterNumber,
      letter_date: input.letterDate,
      recipient: input.recipient,
      channel: input.channel,
      external_number: input.externalNumber ?? null,
      follow_up_on: followUp.due,
      created_by: actor.user.id,
    });
    await updateCase(tx, caseId, { status: 'referred' });
    await appendAudit(tx, {
      actorId: actor.user.id,
      actorUsername: actor.user.username,
      action: 'case.refer',
      entityType: 'case',
      entityId: caseId,
      before: { status: row.status },
      after: { status: 'referred', ...input, followUpOn: followUp.due },
      ip: actor.ip,
    });
    return { ...referral, repeated: false };
  });
}

/** Records an outcome received from the recipient (append-only; a later one supersedes) and closes the case. */
export async function recordOutcome(db: Db, actor: Actor, caseId: string, input: z.infer<typeof outcomeSchema>) {
  return db.transaction().execute(async (tx) => {
    const row = await getCaseRow(tx, caseId, true);
    if (!row) throw caseNotFound();
    if (row.status !== 'referred' && row.status !== 'closed') {
      throw stateConflict('hasil hanya dapat dicatat untuk kasus yang sudah diteruskan');
    }
    // The same outcome sent again (a double submit) is the one recorded, not a second, superseding copy.
    const latest = (await listOutcomes(tx, caseId)).at(-1);
    if (
      latest &&
      latest.outcome === input.outcome &&
      latest.sk_number === (input.skNumber ?? null) &&
      latest.sk_date === (input.skDate ?? null) &&
      latest.note === (input.note ?? null)
    ) {
      return { ...latest, repeated: true };
    }
    const referrals = await listReferrals(tx, caseId);
    const outcome = await insertOutcome(tx, {
      case_id: caseId,
      referral_id: referrals.at(-1)?.id ?? null,
      outcome: input.outcome,
      sk_number: input.skNumber ?? null,
      sk_date: input.skDate ?? null,
      note: input.note ?? null,
      recorded_by: actor.user.id,
    });
    await updateCase(tx, caseId, { status: 'closed' });
    await appendAudit(tx, {
      actorId: actor.user.id,
      actorUsername: actor.user.username,
      action: 'case.outcome',
      entityType: 'case',
      entityId: caseId,
      before: { status: row.status },
      after: { status: 'closed', ...input },
      ip: actor.ip,
    });
    return { ...outcome, repeated: false };
  });
}

/** Stores a document (referral letter, SK) by its SHA-256 under the evidence root and records the hash. */
export async function attachDocument(
  db: Db,
  evidenceDir: string,
  actor: Actor,
  caseId: string,
  input: z.infer<typeof documentSchema>,
) {
  const row = await getCaseRow(db, caseId);
  if (!row) throw caseNotFound();
  // The referral must be one of this case's: an unknown id used to fail the foreign key with a 500, and
  // another case's referral would have been accepted.
  if (input.referralId && !(await listReferrals(db, caseId)).some((r) => r.id === input.referralId)) {
    throw new CaseError('CASE_REFERRAL_NOT_FOUND', 'surat penerusan tidak ditemukan pada kasus ini', [
      { field: 'referralId', message: 'surat penerusan tidak ditemukan pada kasus ini' },
    ]);
  }
  const bytes = Buffer.from(input.contentBase64, 'base64');
  if (bytes.length === 0) {
    throw new CaseError('CASE_FIELDS_MISSING', 'isi dokumen kosong atau bukan base64', [
      { field: 'contentBase64', message: 'isi dokumen kosong atau bukan base64' },
    ]);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const relative = join('case-documents', `${sha256}.bin`);
  const dir = join(evidenceDir, 'case-documents');
  await mkdir(dir, { recursive: true });
  // Unique per upload: two uploads of the same file at once shared one temporary name, and the second rename
  // found it gone (500).
  const temp = join(dir, `${sha256}.${process.pid}.${randomUUID()}.tmp`);
  await writeFile(temp, bytes);
  await rename(temp, join(evidenceDir, relative));
  return db.transaction().execute(async (tx) => {
    const doc = await insertCaseDocument(tx, {
      case_id: caseId,
      referral_id: input.referralId ?? null,
      name: input.name,
      media_type: input.mediaType,
      sha256,
      bytes: bytes.length,
      path: relative,
      uploaded_by: actor.user.id,
    });
    await appendAudit(tx, {
      actorId: actor.user.id,
      actorUsername: actor.user.username,
      action: 'case.document',
      entityType: 'case',
      entityId: caseId,
      after: { name: input.name, sha256, bytes: bytes.length },
      ip: actor.ip,
    });
    return doc;
  });
}
