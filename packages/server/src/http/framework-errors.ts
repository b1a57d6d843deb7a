import { isNetraError } from '@netra/core';
import { HttpError } from './http-error.ts';

/** Fastify's router default (`maxParamLength`): longer path segments are refused before any route runs. */
export const ROUTER_MAX_PARAM_LENGTH = 100;

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MiB`
    : bytes >= 1024 && bytes % 1024 === 0
      ? `${bytes / 1024} KiB`
      : `${bytes} B`;
}

/**
 * Turns an error raised by Fastify itself — before or around a route handler: body too large, malformed JSON,
 * unsupported media type, bad URL encoding — into a Netra `HttpError` with a stable code and a message that
 * names the limit or the problem, so every response has the same `{ error: { code, message, details } }` shape.
 */
export function fromFrameworkError(error: unknown, bodyLimit: number): HttpError | null {
  if (error instanceof HttpError) return error;
  if (isNetraError(error)) {
    // The JSON bounds check runs in the body parser, before the route's own validation.
    if (error.code === 'JSON_TOO_DEEP' || error.code === 'JSON_TOO_LARGE') {
      return new HttpError(error.code === 'JSON_TOO_LARGE' ? 413 : 400, error.code, error.message, error.details);
    }
    return null;
  }
  const e = error as { code?: unknown; statusCode?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const status = typeof e.statusCode === 'number' ? e.statusCode : 0;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
    const limit = formatBytes(bodyLimit);
    return new HttpError(
      413,
      'REQUEST_TOO_LARGE',
      `Isi permintaan melebihi batas ${limit} / request body exceeds the limit of ${limit}`,
      { limitBytes: bodyLimit },
    );
  }
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) {
    return new HttpError(
      415,
      'REQUEST_MEDIA_TYPE_UNSUPPORTED',
      'Jenis isi tidak didukung; kirim application/json atau formulir / unsupported content type: send application/json or a form',
    );
  }
  if (code === 'FST_ERR_MAX_PARAM_LENGTH') {
    return new HttpError(
      414,
      'REQUEST_URL_TOO_LONG',
      `Bagian alamat (URL) terlalu panjang, batas ${ROUTER_MAX_PARAM_LENGTH} karakter / a URL path segment exceeds ${ROUTER_MAX_PARAM_LENGTH} characters`,
      { limit: ROUTER_MAX_PARAM_LENGTH },
    );
  }
  if (code === 'FST_ERR_BAD_URL') {
    return new HttpError(400, 'REQUEST_URL_INVALID', 'Alamat (URL) tidak sah / malformed URL', {
      issues: [{ field: 'url', message: 'percent-encoding tidak sah / invalid percent-encoding' }],
    });
  }
  if (code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return new HttpError(400, 'REQUEST_INVALID', 'body: isi JSON kosong / empty JSON body', {
      issues: [{ field: 'body', message: 'empty JSON body' }],
    });
  }
  if (error instanceof SyntaxError || code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH' || code.startsWith('FST_ERR_CTP')) {
    return new HttpError(400, 'REQUEST_MALFORMED', 'body: isi permintaan tidak dapat dibaca / malformed request body', {
      issues: [{ field: 'body', message: 'malformed request body' }],
    });
  }
  if (status >= 400 && status < 500) {
    return new HttpError(status, 'REQUEST_MALFORMED', 'Permintaan tidak sah / malformed request');
  }
  return null;
}
