import type { RouteDef } from '../http/route.ts';
import { auditRoutes } from './audit-routes.ts';
import { authRoutes } from './auth-routes.ts';
import { caseRoutes } from './case-routes.ts';
import { crawlRoutes } from './crawl-routes.ts';
import { failedJobsRoutes } from './failed-jobs-routes.ts';
import { overviewRoutes } from './overview-routes.ts';
import { personRoutes } from './person-routes.ts';
import { platformSwitchRoutes } from './platform-switch-routes.ts';
import { registryApiRoutes } from './registry-api-routes.ts';
import { registryPages } from './registry-pages.ts';
import { reviewApiRoutes } from './review-api-routes.ts';
import { reviewPageRoutes } from './review-page-routes.ts';
import { systemRoutes } from './system-routes.ts';
import { tipRoutes } from './tip-routes.ts';
import { usersRoutes } from './users-routes.ts';
import { watchlistApiRoutes } from './watchlist-api-routes.ts';
import { watchlistPages } from './watchlist-pages.ts';

/**
 * Every route of the server, grouped by concern. The route-access test walks this list, so a route added
 * anywhere is checked for 401/403 without anyone remembering to.
 */
export const allRoutes: RouteDef[] = [];
allRoutes.push(...systemRoutes(() => allRoutes), ...authRoutes);
allRoutes.push(...reviewApiRoutes, ...reviewPageRoutes, ...personRoutes, ...overviewRoutes, ...tipRoutes);
allRoutes.push(...caseRoutes);
allRoutes.push(...usersRoutes);
allRoutes.push(...auditRoutes);
allRoutes.push(...crawlRoutes, ...platformSwitchRoutes);
allRoutes.push(...failedJobsRoutes);
allRoutes.push(...watchlistApiRoutes, ...watchlistPages, ...registryApiRoutes, ...registryPages);
