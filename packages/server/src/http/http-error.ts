import { NetraError } from '@netra/core';

/** A NetraError that carries its HTTP status; the error handler turns it into `{ error: { code, message } }`. */
export class HttpError extends NetraError {
  readonly status: number;
  constructor(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
    super(code, message, details);
    this.name = 'HttpError';
    this.status = status;
  }
}

export const unauthenticated = () =>
  new HttpError(401, 'AUTH_REQUIRED', 'Silakan masuk terlebih dahulu / please sign in');
export const forbidden = () =>
  new HttpError(403, 'AUTH_FORBIDDEN', 'Peran Anda tidak diizinkan / your role is not allowed');
export const notFound = (what: string) => new HttpError(404, 'NOT_FOUND', `${what} tidak ditemukan / not found`);
