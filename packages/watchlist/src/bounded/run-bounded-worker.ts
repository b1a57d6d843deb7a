/** Moved to @netra/core so the collectors (which do not depend on the watchlist) bound their page parses too. */

export type { BoundedWorkerFailures } from '@netra/core';
export { boundedWorkerStats, MAX_BOUNDED_WORKERS, resetBoundedWorkerPeak, runBoundedWorker } from '@netra/core';
