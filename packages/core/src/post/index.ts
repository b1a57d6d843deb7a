export * from './classification.ts';
export * from './post-schema.ts';
