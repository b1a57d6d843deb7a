// The scraper deployable's entry: the crawl worker (Playwright, through @netra/collectors) and the nightly
// scheduler. The classifier deployable imports `@netra/pipeline/classifier` instead and never loads a browser.
export * from './scheduler.ts';
export * from './scraper-worker.ts';
