import { type Logger, pino } from 'pino';

export type { Logger };

/**
 * JSON logs on stderr (stdout belongs to CLI output), with secrets redacted wherever they might appear.
 */
export function createLogger(name: string, level = 'info'): Logger {
  return pino(
    {
      name,
      level,
      redact: {
        paths: [
          'password',
          '*.password',
          'passwordHash',
          '*.password_hash',
          'req.headers.cookie',
          'headers.cookie',
          '*.csrf_token',
        ],
        censor: '[redacted]',
      },
    },
    pino.destination(2),
  );
}
