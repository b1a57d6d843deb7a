import { NetraError } from '@netra/core';
import {
  type AccountRow,
  appendAudit,
  casesReferencing,
  type Database,
  deleteAccount,
  deletePerson,
  type Executor,
  findAccountsByHandles,
  getAccount,
  getPerson,
  getPersonByNip,
  insertAccount,
  insertPerson,
  listAccountsOfPerson,
  lockAccountHandle,
  lockPersonNip,
  type PersonRow,
  updateAccount,
  updatePerson,
} from '@netra/db';
import type { Kysely } from 'kysely';
import type { ImportActor } from '../import/plan-import.ts';
import type { AccountInput, PersonInput } from './schemas.ts';

function personValues(input: PersonInput) {
  return {
    name: input.name,
    nip: input.nip,
    agency: input.agency,
    unit: input.unit,
    position: input.position,
    region_code: input.regionCode,
    ppk: input.ppk,
    status: input.status,
    notes: input.notes,
  };
}

function snapshot(row: PersonRow | AccountRow) {
  const { created_at: _c, updated_at: _u, ...rest } = row as PersonRow & { created_at: unknown; updated_at: unknown };
  return rest;
}

function who(actor: ImportActor) {
  return { actorId: actor.actorId, actorUsername: actor.actorUsername, ip: actor.ip ?? null };
}

/** Under the NIP's lock (to the end of the caller's transaction), so a concurrent write of it waits and is named. */
async function assertNipFree(db: Executor, nip: string, exceptId?: string) {
  await lockPersonNip(db, nip);
  const other = await getPersonByNip(db, nip);
  if (other && other.id !== exceptId) {
    throw new NetraError('PERSON_NIP_CONFLICT', `NIP ${nip} sudah terdaftar atas ${other.name}`, {
      field: 'nip',
      personId: other.id,
    });
  }
}

/** Under the handle's lock (to the end of the caller's transaction), as `assertNipFree`. */
async function assertHandleFree(db: Executor, platform: string, handle: string, exceptId?: string) {
  await lockAccountHandle(db, platform, handle);
  const [other] = await findAccountsByHandles(db, [{ platform, handle }]);
  if (other && other.id !== exceptId) {
    throw new NetraError('ACCOUNT_HANDLE_CONFLICT', `akun ${platform}/${handle} sudah terdaftar`, {
      field: 'handle',
      accountId: other.id,
      personId: other.person_id,
    });
  }
}

export async function createPersonAudited(db: Kysely<Database>, input: PersonInput, actor: ImportActor) {
  return db.transaction().execute(async (tx) => {
    await assertNipFree(tx, input.nip);
    const row = await insertPerson(tx, personValues(input));
    await appendAudit(tx, {
      ...who(actor),
      action: 'person.create',
      entityType: 'person',
      entityId: row.id,
      after: snapshot(row),
    });
    return row;
  });
}

export async function updatePersonAudited(db: Kysely<Database>, id: string, input: PersonInput, actor: ImportActor) {
  return db.transaction().execute(async (tx) => {
    // Locked: two edits (or an edit and a delete) at once each audit what they really changed, or 404.
    const before = await getPerson(tx, id, true);
    if (!before) throw new NetraError('PERSON_NOT_FOUND', 'ASN tidak ditemukan / person not found');
    await assertNipFree(tx, input.nip, id);
    const after = (await updatePerson(tx, id, personValues(input)))!;
    await appendAudit(tx, {
      ...who(actor),
      action: 'person.update',
      entityType: 'person',
      entityId: id,
      before: snapshot(before),
      after: snapshot(after),
    });
    return after;
  });
}

export async function deletePersonAudited(db: Kysely<Database>, id: string, actor: ImportActor) {
  return db.transaction().execute(async (tx) => {
    // Locked: the same delete sent twice at once deletes and audits once; the other is a 404.
    const before = await getPerson(tx, id, true);
    if (!before) throw new NetraError('PERSON_NOT_FOUND', 'ASN tidak ditemukan / person not found');
    // A case is a legal record about this person: deleting them under it failed as a foreign-key 500.
    const cases = await casesReferencing(tx, { personId: id });
    if (cases.count > 0) {
      throw new NetraError(
        'PERSON_DELETE_CONFLICT',
        `ASN ini tercatat dalam ${cases.count} kasus (${cases.caseNumbers.join(', ')}); kasus adalah catatan resmi, ASN tidak dapat dihapus / person has cases and cannot be deleted`,
        { cases: cases.count, caseNumbers: cases.caseNumbers },
      );
    }
    const accounts = await listAccountsOfPerson(tx, id);
    await deletePerson(tx, id);
    await appendAudit(tx, {
      ...who(actor),
      action: 'person.delete',
      entityType: 'person',
      entityId: id,
      before: { ...snapshot(before), accounts: accounts.map(snapshot) },
    });
    return before;
  });
}

function accountValues(personId: string, input: AccountInput) {
  return {
    person_id: personId,
    platform: input.platform,
    handle: input.handle,
    profile_url: input.profileUrl,
    platform_id: input.platformId,
    link_method: input.linkMethod,
  };
}

export async function createAccountAudited(
  db: Kysely<Database>,
  personId: string,
  input: AccountInput,
  actor: ImportActor,
) {
  return db.transaction().execute(async (tx) => {
    if (!(await getPerson(tx, personId, true)))
      throw new NetraError('PERSON_NOT_FOUND', 'ASN tidak ditemukan / person not found');
    await assertHandleFree(tx, input.platform, input.handle);
    const row = await insertAccount(tx, accountValues(personId, input));
    await appendAudit(tx, {
      ...who(actor),
      action: 'account.create',
      entityType: 'account',
      entityId: row.id,
      after: snapshot(row),
    });
    return row;
  });
}

export async function updateAccountAudited(db: Kysely<Database>, id: string, input: AccountInput, actor: ImportActor) {
  return db.transaction().execute(async (tx) => {
    const before = await getAccount(tx, id, true);
    if (!before) throw new NetraError('ACCOUNT_NOT_FOUND', 'akun tidak ditemukan / account not found');
    await assertHandleFree(tx, input.platform, input.handle, id);
    const after = (await updateAccount(tx, id, accountValues(before.person_id, input)))!;
    await appendAudit(tx, {
      ...who(actor),
      action: 'account.update',
      entityType: 'account',
      entityId: id,
      before: snapshot(before),
      after: snapshot(after),
    });
    return after;
  });
}

export async function deleteAccountAudited(db: Kysely<Database>, id: string, actor: ImportActor) {
  return db.transaction().execute(async (tx) => {
    const before = await deleteAccount(tx, id);
    if (!before) throw new NetraError('ACCOUNT_NOT_FOUND', 'akun tidak ditemukan / account not found');
    await appendAudit(tx, {
      ...who(actor),
      action: 'account.delete',
      entityType: 'account',
      entityId: id,
      before: snapshot(before),
    });
    return before;
  });
} /** The person, or `PERSON_NOT_FOUND` (a 404 at the HTTP edge). */
export async function requirePerson(db: Executor, id: string): Promise<PersonRow> {
  const person = await getPerson(db, id);
  if (!person) throw new NetraError('PERSON_NOT_FOUND', 'ASN tidak ditemukan / person not found');
  return person;
}

/** The account, or `ACCOUNT_NOT_FOUND` (a 404 at the HTTP edge). */
export async function requireAccount(db: Executor, id: string): Promise<AccountRow> {
  const account = await getAccount(db, id);
  if (!account) throw new NetraError('ACCOUNT_NOT_FOUND', 'akun tidak ditemukan / account not found');
  return account;
}
