import { DEFAULT_LEASE_SECONDS, type ReviewActor } from '@netra/review';
import type { RouteContext, SessionUser } from '../http/route.ts';
import { requireUser } from '../http/route.ts';

type AnyContext = RouteContext<unknown, unknown, unknown>;

/** The signed-in user as the review domain sees them. */
export function actorOf(ctx: Pick<AnyContext, 'user' | 'request'>): ReviewActor & { user: SessionUser } {
  const user = requireUser(ctx);
  return { id: user.id, username: user.username, ip: ctx.request.ip, user };
}

export const leaseSeconds = (ctx: Pick<AnyContext, 'deps'>) =>
  ctx.deps.config.reviewLeaseSeconds ?? DEFAULT_LEASE_SECONDS;
