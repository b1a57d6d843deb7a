export * from './graceful-shutdown.ts';
export * from './start-or-exit.ts';
export * from './dependency-state.ts';
