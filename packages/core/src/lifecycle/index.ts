export * from './dependency-state.ts';
export * from './graceful-shutdown.ts';
export * from './shared-check.ts';
export * from './start-or-exit.ts';
