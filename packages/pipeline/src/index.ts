export * from './candidate-accounts.ts';
export * from './classifier-worker.ts';
export * from './classify-and-store.ts';
export * from './micro-batcher.ts';
export * from './registry-provider.ts';
export * from './scheduler.ts';
export * from './scraper-worker.ts';
export * from './start-crawl-run.ts';
