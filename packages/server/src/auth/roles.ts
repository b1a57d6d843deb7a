import type { Role } from '@netra/db';

export type { Role };
export const ROLES: readonly Role[] = ['viewer', 'analyst', 'supervisor', 'admin'];

/**
 * Roles are ranked: each can do what the ones below it can. viewer reads; analyst decides review items;
 * supervisor also starts crawls, exports case files and retries failed jobs; admin also maintains the
 * watchlist, the registry and users.
 */
const RANK: Record<Role, number> = { viewer: 0, analyst: 1, supervisor: 2, admin: 3 };

export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}
