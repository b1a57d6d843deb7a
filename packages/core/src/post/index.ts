export * from './classification.ts';
export * from './collected-post.ts';
export * from './post-schema.ts';
