import { randomBytes } from 'node:crypto';
import {
  appendAudit,
  countUsers,
  type Database,
  deleteOtherSessionsOfUser,
  deleteSessionsOfUser,
  findUserById,
  findUserByUsername,
  insertUser,
  type Role,
  type UserRow,
  updateUser,
} from '@netra/db';
import type { Kysely } from 'kysely';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordProblem } from '../passwords/password-policy.ts';
import { hashPassword } from '../passwords/passwords.ts';
import { UserError } from './user-errors.ts';

/**
 * The one place users are created and changed — used by the admin pages and API, `netra users create` and
 * the all-in-one start's first admin — so the password policy, the username rule, the audit entry and the
 * session handling cannot drift apart between them.
 */
export interface UserActor {
  id: string | null;
  username: string;
  ip?: string | null;
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  role: Role;
  password: string;
}

/** The audited state of a user: the fields a change can touch, minus anything secret. */
function auditState(row: UserRow) {
  return { username: row.username, displayName: row.display_name, role: row.role, active: row.active };
}

const userConflict = (username: string) =>
  new UserError('USER_CONFLICT', `Nama pengguna sudah dipakai / username already taken: ${username}`, {
    field: 'username',
  });

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/** Refuses a password that is too short, too long, common or built from the username. */
export function assertPasswordAcceptable(password: string, username: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new UserError(
      'USER_PASSWORD_TOO_SHORT',
      `minimal ${MIN_PASSWORD_LENGTH} karakter / at least ${MIN_PASSWORD_LENGTH} characters`,
      { field: 'password' },
    );
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new UserError(
      'USER_PASSWORD_TOO_LONG',
      `maksimal ${MAX_PASSWORD_LENGTH} karakter / at most ${MAX_PASSWORD_LENGTH} characters`,
      { field: 'password' },
    );
  }
  const problem = passwordProblem(password, username);
  if (problem) throw new UserError('USER_PASSWORD_WEAK', problem, { field: 'password' });
}

/**
 * Creates a user and its audit entry in one transaction. A username taken in any letter case is a
 * `USER_CONFLICT`.
 */
export async function createUser(db: Kysely<Database>, actor: UserActor, input: CreateUserInput): Promise<UserRow> {
  assertPasswordAcceptable(input.password, input.username);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction().execute(async (tx) => {
      if (await findUserByUsername(tx, input.username)) throw userConflict(input.username);
      const row = await insertUser(tx, {
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        role: input.role,
      });
      await appendAudit(tx, {
        actorId: actor.id,
        actorUsername: actor.username,
        action: 'user.create',
        entityType: 'user',
        entityId: row.id,
        after: auditState(row),
        ip: actor.ip ?? null,
      });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw userConflict(input.username);
    throw error;
  }
}

export interface UpdateUserInput {
  displayName?: string | undefined;
  role?: Role | undefined;
  active?: boolean | undefined;
  password?: string | undefined;
}

function actionOf(before: UserRow, after: UserRow, passwordReset: boolean): string {
  if (before.active && !after.active) return 'user.deactivate';
  if (!before.active && after.active) return 'user.reactivate';
  if (before.role !== after.role) return 'user.role_change';
  if (passwordReset && before.display_name === after.display_name) return 'user.password_reset';
  return 'user.update';
}

/**
 * Changes a user. An admin may not deactivate or demote themselves (the last admin could otherwise lock
 * everyone out). Deactivation and a password reset end the user's sessions (an admin changing their own
 * password keeps only the session they changed it from). One audit entry with the state before and after,
 * in the same transaction; a password reset shows only as `passwordReset: true`.
 */
export async function updateUserAccount(
  db: Kysely<Database>,
  actor: UserActor & { id: string; sessionIdHash: string },
  id: string,
  input: UpdateUserInput,
): Promise<UserRow> {
  if (id === actor.id && input.active === false) {
    throw new UserError(
      'USER_SELF_DEACTIVATION',
      'Anda tidak dapat menonaktifkan akun sendiri / you cannot deactivate your own account',
      { field: 'active' },
    );
  }
  if (id === actor.id && input.role !== undefined && input.role !== 'admin') {
    throw new UserError(
      'USER_SELF_DEMOTION',
      'Anda tidak dapat menurunkan peran akun sendiri / you cannot demote your own account',
      { field: 'role' },
    );
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db.transaction().execute(async (tx) => {
    const before = await findUserById(tx, id);
    if (!before) throw new UserError('USER_NOT_FOUND', 'Pengguna tidak ditemukan / user not found');
    const patch: Parameters<typeof updateUser>[2] = {};
    if (input.displayName !== undefined) patch.display_name = input.displayName;
    if (input.role !== undefined) patch.role = input.role;
    if (input.active !== undefined) patch.active = input.active;
    if (passwordHash) patch.password_hash = passwordHash;
    const after = await updateUser(tx, id, patch);
    if (!after) throw new UserError('USER_NOT_FOUND', 'Pengguna tidak ditemukan / user not found');
    const endSessions = (before.active && !after.active) || (passwordHash !== undefined && id !== actor.id);
    if (endSessions) await deleteSessionsOfUser(tx, id);
    // Changing one's own password ends every other session (a thief's included) but keeps this one.
    else if (passwordHash !== undefined) await deleteOtherSessionsOfUser(tx, id, actor.sessionIdHash);
    await appendAudit(tx, {
      actorId: actor.id,
      actorUsername: actor.username,
      action: actionOf(before, after, passwordHash !== undefined),
      entityType: 'user',
      entityId: id,
      before: auditState(before),
      after: { ...auditState(after), ...(passwordHash ? { passwordReset: true } : {}) },
      ip: actor.ip ?? null,
    });
    return after;
  });
}

/**
 * On a store with no users, creates `admin` with the given password or a random one (returned, for the
 * caller to store where only the owner can read it). Does nothing when any user exists.
 */
export async function ensureFirstAdmin(
  db: Kysely<Database>,
  password?: string,
): Promise<{ created: false } | { created: true; username: string; password: string }> {
  if ((await countUsers(db)) > 0) return { created: false };
  const chosen = password?.trim() || randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(chosen);
  await db.transaction().execute(async (tx) => {
    const user = await insertUser(tx, { username: 'admin', displayName: 'Administrator', passwordHash, role: 'admin' });
    await appendAudit(tx, {
      actorId: null,
      actorUsername: 'system:first-start',
      action: 'user.create',
      entityType: 'user',
      entityId: user.id,
      after: { username: 'admin', role: 'admin' },
    });
  });
  return { created: true, username: 'admin', password: chosen };
}
