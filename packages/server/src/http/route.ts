import type { CaseSettings } from '@netra/cases';
import type { DependencyState, Logger } from '@netra/core';
import type { Database } from '@netra/db';
import type { Queues } from '@netra/queue';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Role } from '../auth/roles.ts';
import type { Messages } from '../i18n/messages.ts';
import type { HttpLimits } from './http-limits.ts';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  csrfToken: string;
  sessionIdHash: string;
}

export interface ServerConfig {
  /** Marks the session cookie `Secure`; off only when explicitly set for plain-HTTP development on loopback. */
  cookieSecure: boolean;
  sessionTtlHours: number;
  /**
   * Which hops may set X-Forwarded-For: `false` none, a number = that many proxy hops in front, or the
   * proxies' addresses/CIDR ranges. Never "every hop": any client could then choose its own address.
   */
  trustProxy: false | number | string[];
  loginMaxFailures: number;
  loginWindowMinutes: number;
  /** Root of the evidence artefact store, for serving screenshots to analysts. */
  evidenceDir: string;
  /** Set when evidence is in object storage (EVIDENCE_STORE=s3): the evidence route reads through it. */
  evidenceStore?: { read(ref: { sha256: string }): Promise<Buffer | null> } | undefined;
  /** The classifier's decision threshold in force, shown on the review queue (absent: not shown). */
  classifierThreshold?: { value: number; source: 'env' | 'model' } | undefined;
  /** How long an analyst's claim on a review item lasts without a heartbeat (default: @netra/review's). */
  reviewLeaseSeconds?: number | undefined;
  /** Case numbering, legal clock, second review, referral and retention settings (absent: the defaults). */
  cases?: CaseSettings | undefined;
  /** Timeouts and the connection cap of the HTTP port (absent: `API_HTTP_LIMITS`). */
  http?: Partial<HttpLimits> | undefined;
}

export interface ServerDeps {
  db: Kysely<Database>;
  queues: Queues;
  logger: Logger;
  config: ServerConfig;
  now?: () => Date;
  /** Store reachability as this process sees it (from `openStores`); the health route reports it. */
  health?: { database: DependencyState; redis: DependencyState };
}

export interface RouteContext<P, Q, B> {
  request: FastifyRequest;
  reply: FastifyReply;
  params: P;
  query: Q;
  body: B;
  /** Null only on public routes. */
  user: SessionUser | null;
  deps: ServerDeps;
  t: Messages;
  lang: 'id' | 'en';
}

/** The signed-in user on a route that requires one; the route layer guarantees it is there. */
export function requireUser(ctx: { user: SessionUser | null }): SessionUser {
  if (!ctx.user) throw new Error('route declared public but used as authenticated');
  return ctx.user;
}

/**
 * One HTTP route and everything the server needs to guard and document it. Every route states the role it
 * needs; `kind` decides how a refusal looks (JSON for `api`, an HTML page for `page`).
 */
export interface RouteDef<
  PS extends z.ZodType = z.ZodType,
  QS extends z.ZodType = z.ZodType,
  BS extends z.ZodType = z.ZodType,
> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  role: Role | 'public';
  kind: 'api' | 'page' | 'file';
  summary: string;
  tag: string;
  params?: PS;
  query?: QS;
  body?: BS;
  /**
   * GET only: HEAD may run this handler and drop the body, because it has no side effect (no access or audit
   * entry, no render). Unmarked GET routes answer HEAD with 405 — see `build-server.ts`.
   */
  headSafe?: true;
  /** Largest request body accepted, in bytes; only upload routes raise it above the server's small default. */
  bodyLimit?: number;
  /** For the OpenAPI document only. */
  response?: z.ZodType;
  handler(ctx: RouteContext<z.output<PS>, z.output<QS>, z.output<BS>>): Promise<unknown>;
}

/** The body limit of the file-upload routes (watchlist and registry imports, base64 in JSON or a form). */
export const UPLOAD_BODY_LIMIT = 30 * 1024 * 1024;

/** Keeps the schema types flowing into the handler. */
export function defineRoute<PS extends z.ZodType, QS extends z.ZodType, BS extends z.ZodType>(
  def: RouteDef<PS, QS, BS>,
): RouteDef {
  return def as unknown as RouteDef;
}
