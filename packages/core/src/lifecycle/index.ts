export * from './dependency-state.ts';
export * from './graceful-shutdown.ts';
export * from './start-or-exit.ts';
