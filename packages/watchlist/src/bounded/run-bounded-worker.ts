/** Moved to @netra/core so the collectors (which do not depend on the watchlist) bound their page parses too. */
export { boundedWorkerStats, MAX_BOUNDED_WORKERS, resetBoundedWorkerPeak, runBoundedWorker } from '@netra/core';
export type { BoundedWorkerFailures } from '@netra/core';
