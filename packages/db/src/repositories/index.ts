export * from './audit-repository.ts';
export * from './classification-repository.ts';
export * from './crawl-repository.ts';
export * from './login-attempt-repository.ts';
export * from './post-repository.ts';
export * from './review-repository.ts';
export * from './session-repository.ts';
export * from './user-repository.ts';
