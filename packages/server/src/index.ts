export { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './auth/passwords.ts';
export { hasRole, ROLES, type Role } from './auth/roles.ts';
export { buildServer } from './http/build-server.ts';
export { HttpError } from './http/http-error.ts';
export { API_HTTP_LIMIT_MAXIMA, API_HTTP_LIMITS, type HttpLimits } from './http/http-limits.ts';
export { defineRoute, type RouteDef, type ServerConfig, type ServerDeps, type SessionUser } from './http/route.ts';
export { allRoutes } from './routes/index.ts';
