export * from './accounts/user-errors.ts';
export * from './accounts/user-service.ts';
export * from './passwords/password-policy.ts';
export * from './passwords/passwords.ts';
