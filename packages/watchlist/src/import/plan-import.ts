import { createHash, randomUUID } from 'node:crypto';
import { NetraError } from '@netra/core';
import {
  type AccountRow,
  type AccountValues,
  type AuditEntry,
  accountKey,
  appendAudit,
  appendAuditEntries,
  type Database,
  type Executor,
  findAccountsByHandles,
  findImportMapping,
  findNipsByIds,
  findPeopleByNips,
  lockWatchlistTables,
  type PersonRow,
  type PersonValues,
  saveImportMapping,
  upsertAccounts,
  upsertPeople,
} from '@netra/db';
import type { Kysely } from 'kysely';
import { writeCsv } from '../table/read-table.ts';
import { readTable } from '../table/read-table-bounded.ts';
import type { Table } from '../table/table.ts';
import { DEFAULT_TABLE_LIMITS } from '../table/table-limits.ts';
import { writeXlsxBounded } from '../table/write-xlsx-bounded.ts';
import {
  COLUMNS,
  type ColumnInfo,
  type ColumnMapping,
  headerSignature,
  isColumnTarget,
  normaliseHeader,
  REASON_COLUMN,
} from './columns.ts';
import { locateHeader, type TitleRow } from './locate-header.ts';
import { type ParsedFile, type ParsedPerson, parseWatchlistTable, type RowIssue } from './parse-rows.ts';

export type Action = 'create' | 'update' | 'unchanged';

export interface PlannedAccount {
  platform: string;
  handle: string;
  action: Action;
}

export interface PlannedRow {
  row: number;
  nip: string;
  name: string;
  person: Action;
  accounts: PlannedAccount[];
  /** Fields that change, for `update`. */
  changes: string[];
}

export interface ImportWarning {
  code: string;
  column: string | null;
  message: string;
}

export interface ImportPlan {
  filename: string | null;
  format: 'csv' | 'xlsx';
  /** CSV delimiter of the upload (the rejected-rows file is written with the same). */
  delimiter: ',' | ';' | '\t' | null;
  /** SHA-256 of the file's bytes. */
  fileSha256: string;
  /** Identifies the header row's shape; a column mapping is remembered under it. */
  headerSignature: string;
  /** Every column with where it goes; `target: null` = not read (map it in the preview). */
  columns: ColumnInfo[];
  /** The mapping used (remembered for this shape and/or chosen now): normalised header → target. */
  mapping: ColumnMapping;
  /** Data rows read (header excluded). */
  rowsRead: number;
  /** Rows whose person is imported (some of their accounts may still be rejected). */
  rowsAccepted: number;
  /** Rows whose person is NOT imported (each has at least one `row` problem). */
  rowsRejected: number;
  /** Rows with any problem: what the rejected-rows file holds. */
  rowsWithProblems: number;
  /** Accounts named in the file but not imported (each has one `account` problem). */
  accountsRejected: number;
  ignoredColumns: string[];
  /** Things not read that a person should know about before saving (account-looking columns, far cells). */
  warnings: ImportWarning[];
  people: Record<Action, number>;
  accounts: Record<Action, number>;
  rows: PlannedRow[];
  /** Every problem (rows × columns), row by row. */
  rejected: RowIssue[];
  /** Changes to make, hashed: the apply step refuses when the database moved since the dry run. */
  fingerprint: string;
}

export interface PlanOptions {
  /** Column mapping chosen in the preview; overrides the one remembered for the file's shape. */
  mapping?: ColumnMapping | undefined;
}

interface PlanWork {
  plan: ImportPlan;
  table: Table;
  people: (PersonValues & { id: string })[];
  accounts: (AccountValues & { id: string })[];
  audit: Omit<AuditEntry, 'actorId' | 'actorUsername' | 'ip'>[];
  chosenMapping: ColumnMapping;
}

const PERSON_FIELDS = ['name', 'agency', 'unit', 'position', 'region_code', 'ppk', 'status', 'notes'] as const;
const PERSON_COLUMN: Record<(typeof PERSON_FIELDS)[number], string> = {
  name: COLUMNS.name[0],
  agency: COLUMNS.agency[0],
  unit: COLUMNS.unit[0],
  position: COLUMNS.position[0],
  region_code: COLUMNS.regionCode[0],
  ppk: COLUMNS.ppk[0],
  status: COLUMNS.status[0],
  notes: COLUMNS.notes[0],
};

function personChanges(a: ParsedPerson, b: PersonRow | ParsedPerson): (typeof PERSON_FIELDS)[number][] {
  return PERSON_FIELDS.filter((f) => (a[f] ?? null) !== (b[f] ?? null));
}

function personSnapshot(p: PersonValues & { id?: string }) {
  return {
    name: p.name,
    nip: p.nip,
    agency: p.agency,
    unit: p.unit,
    position: p.position,
    region_code: p.region_code,
    ppk: p.ppk,
    status: p.status,
    notes: p.notes,
  };
}

function accountSnapshot(a: AccountValues | AccountRow) {
  return {
    person_id: a.person_id,
    platform: a.platform,
    handle: a.handle,
    profile_url: a.profile_url,
    platform_id: a.platform_id,
    link_method: a.link_method,
  };
}

async function loadMapping(db: Executor, table: Table, chosen: ColumnMapping = {}): Promise<ColumnMapping> {
  const signature = headerSignature(table.rows[0] ?? []);
  const saved = (await findImportMapping(db, signature)) ?? {};
  const merged: ColumnMapping = {};
  for (const [header, target] of Object.entries({ ...saved, ...chosen })) {
    if (isColumnTarget(target)) merged[normaliseHeader(header)] = target;
  }
  return merged;
}

function warningsOf(table: Table, parsed: ParsedFile, titleRows: readonly TitleRow[]): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  if (titleRows.length > 0) {
    const listed = titleRows.map((r) => `baris ${r.row}${r.text ? ` "${r.text.slice(0, 80)}"` : ''}`).join(', ');
    warnings.push({
      code: 'IMPORT_TITLE_ROWS_SKIPPED',
      column: null,
      message: `judul kolom dibaca dari baris ${table.rowNumbers[0]}; baris berikut dilewati karena judul atau nomor kolom, bukan data: ${listed}`,
    });
  }
  if (parsed.filledDown.length > 0) {
    const rows = parsed.filledDown.map((r) => r.row);
    warnings.push({
      code: 'IMPORT_ROWS_FILLED_DOWN',
      column: null,
      message: `${rows.length} baris hanya berisi akun dan dibaca sebagai akun milik pegawai di baris atasnya (sel nama/NIP digabung): baris ${rows.slice(0, 20).join(', ')}${rows.length > 20 ? ', …' : ''}`,
    });
  }
  if (parsed.skipped.length > 0) {
    const rows = parsed.skipped.map((r) => r.row);
    warnings.push({
      code: 'IMPORT_ROWS_NOT_DATA',
      column: null,
      message: `${rows.length} baris tanpa nama, NIP, maupun akun dilewati karena bukan data pegawai (mis. tanda tangan atau catatan di bawah tabel): baris ${rows.slice(0, 20).join(', ')}${rows.length > 20 ? ', …' : ''}`,
    });
  }
  for (const column of parsed.header.columns) {
    if (column.target === null && column.looksLikeAccounts) {
      warnings.push({
        code: 'IMPORT_UNMAPPED_ACCOUNT_COLUMN',
        column: column.header,
        message: `kolom "${column.header}" tampaknya berisi akun media sosial tetapi tidak dikenali, sehingga TIDAK akan diimpor; petakan kolom ini ke platformnya (atau pilih "abaikan") sebelum menyimpan`,
      });
    } else if (column.target === null) {
      warnings.push({
        code: 'IMPORT_UNKNOWN_COLUMN',
        column: column.header,
        message: `kolom "${column.header}" tidak dikenali dan tidak akan diimpor; petakan bila isinya diperlukan`,
      });
    }
  }
  if (table.ignoredCells) {
    warnings.push({
      code: 'IMPORT_CELLS_BEYOND_COLUMNS',
      column: null,
      message: `${table.ignoredCells} sel terisi berada jauh di kanan (setelah kolom ke-${DEFAULT_TABLE_LIMITS.maxColumns}) dan diabaikan`,
    });
  }
  return warnings;
}

async function buildPlan(
  db: Executor,
  bytes: Uint8Array,
  filename: string | null,
  options: PlanOptions,
  given?: Table,
): Promise<PlanWork> {
  // The header may sit below an agency's title block; everything after works on the table from the header on.
  const located = locateHeader(given ?? (await readTable(bytes, filename ?? undefined)));
  const table = located.table;
  const mapping = await loadMapping(db, table, options.mapping);
  const parsed = parseWatchlistTable(table, mapping);
  const rejected = [...parsed.rejected];
  const existingPeople = new Map(
    (
      await findPeopleByNips(
        db,
        parsed.rows.map((r) => r.person.nip),
      )
    ).map((p) => [p.nip, p]),
  );
  const accountKeys = parsed.rows.flatMap((r) => r.accounts);
  const existingAccounts = new Map(
    (await findAccountsByHandles(db, accountKeys)).map((a) => [accountKey(a.platform, a.handle), a]),
  );
  const existingPersonById = new Map([...existingPeople.values()].map((p) => [p.id, p]));

  // Owners of accounts already in the database that belong to someone not in this file.
  const ownerIds = [...existingAccounts.values()].map((a) => a.person_id).filter((id) => !existingPersonById.has(id));
  const ownerNip = new Map<string, string>();
  if (ownerIds.length > 0) {
    for (const row of await findNipsByIds(db, ownerIds)) ownerNip.set(row.id, row.nip);
  }

  const firstPersonRow = new Map<string, { row: number; person: ParsedPerson }>();
  const seenAccounts = new Map<string, { row: number; nip: string }>();
  const personIds = new Map<string, string>();
  const people: PlanWork['people'] = [];
  const accounts: PlanWork['accounts'] = [];
  const audit: PlanWork['audit'] = [];
  const rows: PlannedRow[] = [];
  const counts = {
    people: { create: 0, update: 0, unchanged: 0 },
    accounts: { create: 0, update: 0, unchanged: 0 },
  };
  const header = parsed.header;
  const columnOf = (field: keyof typeof COLUMNS, fallback: string) => {
    const i = header.index[field];
    return i === undefined ? fallback : (header.headers[i] ?? fallback);
  };

  for (const { row, person, accounts: rowAccounts } of parsed.rows) {
    // The same person on several rows (one per account) must be described the same way each time.
    const first = firstPersonRow.get(person.nip);
    if (first) {
      const diff = personChanges(person, first.person);
      if (diff.length > 0) {
        for (const field of diff) {
          const key = (field === 'region_code' ? 'regionCode' : field) as keyof typeof COLUMNS;
          rejected.push({
            row,
            column: columnOf(key, PERSON_COLUMN[field]),
            value: String(person[field] ?? ''),
            code: 'IMPORT_CONFLICTING_PERSON',
            message: `NIP ${person.nip} juga ada di baris ${first.row} dengan ${PERSON_COLUMN[field]} "${String(first.person[field] ?? '')}"; samakan isian kedua baris`,
            scope: 'row',
          });
        }
        continue;
      }
    }

    // The row's person is accepted.
    let personAction: Action = 'unchanged';
    let changes: string[] = [];
    if (!first) {
      firstPersonRow.set(person.nip, { row, person });
      const existing = existingPeople.get(person.nip);
      if (!existing) {
        const id = randomUUID();
        personIds.set(person.nip, id);
        people.push({ id, ...person });
        audit.push({ action: 'person.create', entityType: 'person', entityId: id, after: personSnapshot(person) });
        personAction = 'create';
      } else {
        personIds.set(person.nip, existing.id);
        changes = personChanges(person, existing);
        if (changes.length > 0) {
          people.push({ id: existing.id, ...person });
          audit.push({
            action: 'person.update',
            entityType: 'person',
            entityId: existing.id,
            before: personSnapshot(existing),
            after: personSnapshot(person),
          });
          personAction = 'update';
        }
      }
      counts.people[personAction]++;
    }
    const personId = personIds.get(person.nip)!;

    const planned: PlannedAccount[] = [];
    for (const account of rowAccounts) {
      const key = accountKey(account.platform, account.handle);
      const seen = seenAccounts.get(key);
      if (seen) {
        // Listed again for the same person (long layout repeats, or both layouts): one account, no problem.
        if (seen.nip === person.nip) continue;
        rejected.push({
          row,
          column: account.column,
          value: account.handle,
          code: 'IMPORT_DUPLICATE_ACCOUNT',
          message: `akun ${account.platform}/${account.handle} sudah dipakai NIP ${seen.nip} di baris ${seen.row}; satu akun hanya untuk satu orang — hapus dari salah satu baris`,
          scope: 'account',
        });
        continue;
      }
      const existing = existingAccounts.get(key);
      if (existing && existing.person_id !== personId) {
        const other = existingPersonById.get(existing.person_id)?.nip ?? ownerNip.get(existing.person_id) ?? '?';
        rejected.push({
          row,
          column: account.column,
          value: account.handle,
          code: 'IMPORT_ACCOUNT_OWNED_BY_OTHER',
          message: `akun ${account.platform}/${existing.handle} sudah terdaftar atas NIP ${other}; hapus dulu dari orang tersebut bila memang milik orang ini`,
          scope: 'account',
        });
        continue;
      }
      seenAccounts.set(key, { row, nip: person.nip });
      let action: Action;
      if (!existing) {
        const values: AccountValues & { id: string } = {
          id: randomUUID(),
          person_id: personId,
          platform: account.platform,
          handle: account.handle,
          profile_url: account.profile_url,
          platform_id: account.platform_id,
          link_method: account.link_method ?? 'self_declared',
        };
        accounts.push(values);
        audit.push({
          action: 'account.create',
          entityType: 'account',
          entityId: values.id,
          after: accountSnapshot(values),
        });
        action = 'create';
      } else {
        const values: AccountValues & { id: string } = {
          id: existing.id,
          person_id: personId,
          platform: account.platform,
          handle: account.handle,
          profile_url: account.profile_url,
          platform_id: account.platform_id ?? existing.platform_id,
          link_method: account.link_method ?? existing.link_method,
        };
        const before = accountSnapshot(existing);
        const after = accountSnapshot(values);
        const accountChanges = (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]);
        if (accountChanges.length > 0) {
          accounts.push(values);
          audit.push({ action: 'account.update', entityType: 'account', entityId: existing.id, before, after });
          action = 'update';
          changes = [...changes, ...accountChanges.map((c) => `${account.platform}/${account.handle}.${c}`)];
        } else {
          action = 'unchanged';
        }
      }
      counts.accounts[action]++;
      planned.push({ platform: account.platform, handle: account.handle, action });
    }
    rows.push({
      row,
      nip: person.nip,
      name: person.name,
      person: first ? 'unchanged' : personAction,
      accounts: planned,
      changes,
    });
  }
  rejected.sort((a, b) => a.row - b.row);
  const rowsRejected = new Set(rejected.filter((r) => r.scope !== 'account').map((r) => r.row));
  const fileLevel = rejected.some((r) => r.scope === 'file');
  const fileSha256 = createHash('sha256').update(bytes).digest('hex');
  // Stable across runs: new rows get fresh UUIDs, so entities are named by NIP and platform/handle instead.
  const nipOf = new Map([...personIds].map(([nip, id]) => [id, nip]));
  const fingerprint = createHash('sha256')
    .update(
      JSON.stringify({
        people: people.map(({ id: _id, ...rest }) => rest),
        accounts: accounts.map(({ id: _id, person_id, ...rest }) => ({ ...rest, nip: nipOf.get(person_id) })),
      }),
    )
    .digest('hex');
  const chosenMapping: ColumnMapping = {};
  for (const column of header.columns) {
    if (column.source === 'mapping' && column.target) chosenMapping[normaliseHeader(column.header)] = column.target;
  }
  return {
    plan: {
      filename,
      format: table.format,
      delimiter: table.delimiter ?? null,
      fileSha256,
      headerSignature: header.signature,
      columns: header.columns,
      mapping: chosenMapping,
      rowsRead: parsed.total,
      rowsAccepted: rows.length,
      rowsRejected: fileLevel ? parsed.total : rowsRejected.size,
      rowsWithProblems: fileLevel ? parsed.total : new Set(rejected.map((r) => r.row)).size,
      accountsRejected: rejected.filter((r) => r.scope === 'account').length,
      ignoredColumns: header.ignored,
      warnings: warningsOf(table, parsed, located.titleRows),
      people: counts.people,
      accounts: counts.accounts,
      rows,
      rejected,
      fingerprint,
    },
    table,
    people,
    accounts,
    audit,
    chosenMapping,
  };
}

/** The dry run: what importing this file would create, update, leave unchanged and reject. Writes nothing. */
export async function planWatchlistImport(
  db: Executor,
  bytes: Uint8Array,
  filename: string | null = null,
  options: PlanOptions = {},
): Promise<ImportPlan> {
  return (await buildPlan(db, bytes, filename, options)).plan;
}

/**
 * The rows with any problem, in the uploaded format (same columns, same CSV delimiter) plus an `Alasan`
 * column with every reason: fixed in Excel, the file re-imports as it is (the import ignores `Alasan`).
 */
export async function rejectedRowsFile(
  db: Executor,
  bytes: Uint8Array,
  filename: string | null = null,
  options: PlanOptions = {},
): Promise<{ format: 'csv' | 'xlsx'; content: Buffer; rows: number }> {
  const { plan, table } = await buildPlan(db, bytes, filename, options);
  const reasons = new Map<number, string[]>();
  for (const r of plan.rejected) {
    const list = reasons.get(r.row) ?? [];
    list.push(`${r.column}${r.value ? ` "${r.value}"` : ''}: ${r.message}`);
    reasons.set(r.row, list);
  }
  const [headerRow = []] = table.rows;
  const width = Math.max(headerRow.length, ...table.rows.map((r) => r.length));
  const reasonIndex = headerRow.findIndex((h) => normaliseHeader(h) === normaliseHeader(REASON_COLUMN));
  const pad = (r: readonly string[]) => Array.from({ length: width }, (_, i) => r[i] ?? '');
  const out: string[][] = [reasonIndex >= 0 ? pad(headerRow) : [...pad(headerRow), REASON_COLUMN]];
  const fileLevel = plan.rejected.some((r) => r.scope === 'file');
  table.rows.forEach((cells, i) => {
    if (i === 0) return;
    const rowNumber = table.rowNumbers[i] ?? i + 1;
    const why = reasons.get(rowNumber) ?? (fileLevel ? plan.rejected.map((r) => r.message) : undefined);
    if (!why) return;
    const row = pad(cells);
    if (reasonIndex >= 0) row[reasonIndex] = why.join(' | ');
    else row.push(why.join(' | '));
    out.push(row);
  });
  const content =
    table.format === 'xlsx'
      ? await writeXlsxBounded(out, 'Ditolak')
      : writeCsv(out, table.delimiter === ';' ? ';' : table.delimiter === '\t' ? '\t' : ',');
  return { format: table.format, content, rows: out.length - 1 };
}

export interface ImportActor {
  actorId: string | null;
  actorUsername: string;
  ip?: string | null;
}

export interface ApplyOptions extends PlanOptions {
  filename?: string | null;
  /** The dry run's fingerprint; when given and the plan has changed since, nothing is written. */
  expectedFingerprint?: string | undefined;
}

/**
 * Imports the file's accepted rows in ONE transaction, with an audit entry per created or updated person and
 * account and one for the import itself; rejected rows are skipped and reported. Either every accepted row
 * lands or none does. Importing the same file again changes nothing.
 */
export async function applyWatchlistImport(
  db: Kysely<Database>,
  bytes: Uint8Array,
  actor: ImportActor,
  options: ApplyOptions = {},
): Promise<ImportPlan> {
  // Parsed before the transaction: the worker thread's time is not spent holding table locks.
  const table = await readTable(bytes, options.filename ?? undefined);
  return db.transaction().execute(async (tx) => {
    // Two imports at once would each plan against the other's unseen rows; take turns.
    await lockWatchlistTables(tx);
    const work = await buildPlan(tx, bytes, options.filename ?? null, options, table);
    if (options.expectedFingerprint && options.expectedFingerprint !== work.plan.fingerprint) {
      throw new NetraError(
        'IMPORT_PLAN_CONFLICT',
        'daftar pantau berubah sejak pratinjau; jalankan pratinjau lagi / the watchlist changed since the dry run',
        { fingerprint: work.plan.fingerprint },
      );
    }
    await upsertPeople(tx, work.people);
    await upsertAccounts(tx, work.accounts);
    const who = { actorId: actor.actorId, actorUsername: actor.actorUsername, ip: actor.ip ?? null };
    await appendAuditEntries(
      tx,
      work.audit.map((entry) => ({ ...who, ...entry })),
    );
    await appendAudit(tx, {
      ...who,
      action: 'watchlist.import',
      entityType: 'watchlist_import',
      entityId: work.plan.fileSha256,
      // The same counts, under the same names, as the preview and the result page.
      after: {
        filename: work.plan.filename,
        format: work.plan.format,
        headerSignature: work.plan.headerSignature,
        rowsRead: work.plan.rowsRead,
        rowsAccepted: work.plan.rowsAccepted,
        rowsRejected: work.plan.rowsRejected,
        rowsWithProblems: work.plan.rowsWithProblems,
        accountsRejected: work.plan.accountsRejected,
        problems: work.plan.rejected.length,
        people: work.plan.people,
        accounts: work.plan.accounts,
        ignoredColumns: work.plan.ignoredColumns,
      },
    });
    if (Object.keys(work.chosenMapping).length > 0) {
      await saveImportMapping(tx, {
        signature: work.plan.headerSignature,
        headers: work.table.rows[0] ?? [],
        mapping: work.chosenMapping,
        updatedBy: actor.actorUsername,
      });
    }
    return work.plan;
  });
}
