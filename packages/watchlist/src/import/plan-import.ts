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
  findPeopleByNips,
  type PersonRow,
  type PersonValues,
  upsertAccounts,
  upsertPeople,
} from '@netra/db';
import { type Kysely, sql } from 'kysely';
import { readTable } from '../table/read-table.ts';
import { COLUMNS } from './columns.ts';
import { type ParsedPerson, parseWatchlistTable, type RowIssue } from './parse-rows.ts';

export type Action = 'create' | 'update' | 'unchanged';

export interface PlannedRow {
  row: number;
  nip: string;
  name: string;
  person: Action;
  account: Action | null;
  platform: string | null;
  handle: string | null;
  /** Fields that change, for `update`. */
  changes: string[];
}

export interface ImportPlan {
  filename: string | null;
  format: 'csv' | 'xlsx';
  /** SHA-256 of the file's bytes. */
  fileSha256: string;
  rowsRead: number;
  ignoredColumns: string[];
  people: Record<Action, number>;
  accounts: Record<Action, number>;
  rows: PlannedRow[];
  rejected: RowIssue[];
  /** Changes to make, hashed: the apply step refuses when the database moved since the dry run. */
  fingerprint: string;
}

interface PlanWork {
  plan: ImportPlan;
  people: (PersonValues & { id: string })[];
  accounts: (AccountValues & { id: string })[];
  audit: Omit<AuditEntry, 'actorId' | 'actorUsername' | 'ip'>[];
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

async function buildPlan(db: Executor, bytes: Uint8Array, filename: string | null): Promise<PlanWork> {
  const table = await readTable(bytes, filename ?? undefined);
  const parsed = parseWatchlistTable(table);
  const rejected = [...parsed.rejected];
  const existingPeople = new Map(
    (
      await findPeopleByNips(
        db,
        parsed.rows.map((r) => r.person.nip),
      )
    ).map((p) => [p.nip, p]),
  );
  const accountKeys = parsed.rows.flatMap((r) => (r.account ? [r.account] : []));
  const existingAccounts = new Map(
    (await findAccountsByHandles(db, accountKeys)).map((a) => [accountKey(a.platform, a.handle), a]),
  );
  const existingPersonById = new Map([...existingPeople.values()].map((p) => [p.id, p]));

  // Owners of accounts already in the database that belong to someone not in this file.
  const ownerIds = [...existingAccounts.values()].map((a) => a.person_id).filter((id) => !existingPersonById.has(id));
  const ownerNip = new Map<string, string>();
  if (ownerIds.length > 0) {
    for (const row of await db.selectFrom('people').select(['id', 'nip']).where('id', 'in', ownerIds).execute()) {
      ownerNip.set(row.id, row.nip);
    }
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

  for (const { row, person, account } of parsed.rows) {
    // The same person on several rows (one per account) must be described the same way each time.
    const first = firstPersonRow.get(person.nip);
    if (first) {
      const diff = personChanges(person, first.person);
      if (diff.length > 0) {
        const field = diff[0]!;
        const key = (field === 'region_code' ? 'regionCode' : field) as keyof typeof COLUMNS;
        rejected.push({
          row,
          column: columnOf(key, PERSON_COLUMN[field]),
          value: String(person[field] ?? ''),
          code: 'IMPORT_CONFLICTING_PERSON',
          message: `berbeda dengan baris ${first.row} untuk NIP ${person.nip} (${diff.map((f) => PERSON_COLUMN[f]).join(', ')})`,
        });
        continue;
      }
    }
    let key: string | null = null;
    if (account) {
      key = accountKey(account.platform, account.handle);
      const seen = seenAccounts.get(key);
      if (seen) {
        rejected.push({
          row,
          column: columnOf('handle', COLUMNS.handle[0]),
          value: account.handle,
          code: 'IMPORT_DUPLICATE_ACCOUNT',
          message: `akun ${account.platform}/${account.handle} sudah ada di baris ${seen.row}`,
        });
        continue;
      }
      const existing = existingAccounts.get(key);
      if (existing) {
        const ownerIsThisPerson = existingPeople.get(person.nip)?.id === existing.person_id;
        if (!ownerIsThisPerson) {
          const other = existingPersonById.get(existing.person_id)?.nip ?? ownerNip.get(existing.person_id) ?? '?';
          rejected.push({
            row,
            column: columnOf('handle', COLUMNS.handle[0]),
            value: account.handle,
            code: 'IMPORT_ACCOUNT_OWNED_BY_OTHER',
            message: `akun ${account.platform}/${existing.handle} sudah terdaftar atas NIP ${other}; hapus dulu dari orang tersebut`,
          });
          continue;
        }
      }
    }

    // The row is accepted.
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
    } else {
      personAction = 'unchanged';
    }

    let accountAction: Action | null = null;
    if (account && key) {
      seenAccounts.set(key, { row, nip: person.nip });
      const personId = personIds.get(person.nip)!;
      const existing = existingAccounts.get(key);
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
        accountAction = 'create';
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
          accountAction = 'update';
          changes = [...changes, ...accountChanges.map((c) => `account.${c}`)];
        } else {
          accountAction = 'unchanged';
        }
      }
      counts.accounts[accountAction]++;
    }
    rows.push({
      row,
      nip: person.nip,
      name: person.name,
      person: personAction,
      account: accountAction,
      platform: account?.platform ?? null,
      handle: account?.handle ?? null,
      changes,
    });
  }
  rejected.sort((a, b) => a.row - b.row);
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
  return {
    plan: {
      filename,
      format: table.format,
      fileSha256,
      rowsRead: parsed.total,
      ignoredColumns: header.ignored,
      people: counts.people,
      accounts: counts.accounts,
      rows,
      rejected,
      fingerprint,
    },
    people,
    accounts,
    audit,
  };
}

/** The dry run: what importing this file would create, update, leave unchanged and reject. Writes nothing. */
export async function planWatchlistImport(
  db: Executor,
  bytes: Uint8Array,
  filename: string | null = null,
): Promise<ImportPlan> {
  return (await buildPlan(db, bytes, filename)).plan;
}

export interface ImportActor {
  actorId: string | null;
  actorUsername: string;
  ip?: string | null;
}

export interface ApplyOptions {
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
  return db.transaction().execute(async (tx) => {
    // Two imports at once would each plan against the other's unseen rows; take turns.
    await sql`LOCK TABLE people, accounts IN SHARE ROW EXCLUSIVE MODE`.execute(tx);
    const work = await buildPlan(tx, bytes, options.filename ?? null);
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
      after: {
        filename: work.plan.filename,
        format: work.plan.format,
        rowsRead: work.plan.rowsRead,
        people: work.plan.people,
        accounts: work.plan.accounts,
        rejected: work.plan.rejected.length,
      },
    });
    return work.plan;
  });
}
