export * from './classification.ts';
export * from './collected-post.ts';
export * from './contest-timing-label.ts';
export * from './post-schema.ts';
