export * from './config/index.ts';
export * from './csv/index.ts';
export * from './errors/index.ts';
export * from './json/index.ts';
export * from './lifecycle/index.ts';
export * from './log/index.ts';
export * from './post/index.ts';
export * from './registry/index.ts';
