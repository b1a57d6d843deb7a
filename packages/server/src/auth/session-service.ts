import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  appendAudit,
  type Database,
  deleteSession,
  type Executor,
  findLiveSession,
  findUserByUsername,
  insertSession,
  markLoginAttemptSucceeded,
  reserveLoginAttempt,
  touchSession,
  updateUser,
} from '@netra/db';
import type { Kysely } from 'kysely';
import { HttpError } from '../http/http-error.ts';
import type { ServerConfig, SessionUser } from '../http/route.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';

export const SESSION_COOKIE = 'netra_session';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function tokensEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface LoginResult {
  token: string;
  user: SessionUser;
  expiresAt: Date;
}

/**
 * Checks the password and opens a server-side session. Failures are counted per username and per address;
 * past the limit every attempt is refused (even a right password) until the window passes, so guessing
 * cannot continue at full speed. Each attempt is reserved (counted as a failure) atomically before the
 * password is checked, outside the session transaction: parallel guesses cannot slip past the limit, and
 * a failed attempt stays counted although the login itself fails.
 *
 * Every path that checks a password takes the same time: unknown and deactivated users are verified
 * against a real argon2 hash too, so response times do not tell which usernames exist or are active.
 */
export async function login(
  db: Kysely<Database>,
  config: ServerConfig,
  input: { username: string; password: string; ip: string; userAgent: string | null },
  now: Date,
): Promise<LoginResult> {
  const since = new Date(now.getTime() - config.loginWindowMinutes * 60_000);
  const reservation = await reserveLoginAttempt(db, input, since, {
    byUsername: config.loginMaxFailures,
    byIp: config.loginMaxFailures * 4,
  });
  if (!reservation.allowed) {
    throw new HttpError(429, 'AUTH_RATE_LIMITED', 'Terlalu banyak percobaan / too many attempts', {
      retryAfterSeconds: config.loginWindowMinutes * 60,
    });
  }
  const user = await findUserByUsername(db, input.username);
  const verified = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  const ok = verified && user?.active === true;
  if (!ok || !user) {
    throw new HttpError(
      401,
      'AUTH_INVALID_CREDENTIALS',
      'Nama pengguna atau kata sandi salah / wrong username or password',
    );
  }
  await markLoginAttemptSucceeded(db, reservation.attemptId);
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + config.sessionTtlHours * 3_600_000);
  const idHash = hashToken(token);
  await db.transaction().execute(async (tx) => {
    await insertSession(tx, {
      idHash,
      userId: user.id,
      csrfToken,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await updateUser(tx, user.id, { last_login_at: now });
    await appendAudit(tx, {
      actorId: user.id,
      actorUsername: user.username,
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      ip: input.ip,
    });
  });
  return {
    token,
    expiresAt,
    user: {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      csrfToken,
      sessionIdHash: idHash,
    },
  };
}

/** The user behind a session cookie, or null. Extends the session while it is in use (sliding expiry). */
export async function resolveSession(
  db: Executor,
  config: ServerConfig,
  token: string,
  now: Date,
): Promise<SessionUser | null> {
  const idHash = hashToken(token);
  const session = await findLiveSession(db, idHash, now);
  if (!session?.active) return null;
  // Write at most once a minute per session: every request touching the row would serialise on it.
  if (now.getTime() - session.last_seen_at.getTime() > 60_000) {
    await touchSession(db, idHash, now, new Date(now.getTime() + config.sessionTtlHours * 3_600_000));
  }
  return {
    id: session.user_id,
    username: session.username,
    displayName: session.display_name,
    role: session.role,
    csrfToken: session.csrf_token,
    sessionIdHash: idHash,
  };
}

export async function logout(db: Executor, user: SessionUser, ip: string): Promise<void> {
  await deleteSession(db, user.sessionIdHash);
  await appendAudit(db, {
    actorId: user.id,
    actorUsername: user.username,
    action: 'auth.logout',
    entityType: 'user',
    entityId: user.id,
    ip,
  });
}
