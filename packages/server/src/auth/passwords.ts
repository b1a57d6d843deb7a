// Passwords belong to the user service (@netra/users); the server re-exports them for its sign-in code.
export * from '@netra/users';
