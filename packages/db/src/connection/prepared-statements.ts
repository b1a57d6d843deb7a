import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type pg from 'pg';

const MARKER = '/* netra:prepared */ ';

/**
 * Put first in a repository statement whose text never varies (every value a parameter, arrays included):
 * PostgreSQL then parses it once per connection instead of on every call, and after a few executions reuses
 * one cached plan instead of planning each call. For the classifier
 * worker's two batch statements (a data-modifying CTE each) that was a measurable share of the server's CPU
 * per post (docs/performance.md). Only for fixed texts: each distinct text stays prepared on every pooled
 * connection for the connection's life. On PGlite the marker is an ordinary comment.
 */
export const preparedStatement = sql.raw(MARKER);

const names = new Map<string, string>();
/**
 * More distinct marked texts than this means a marked statement's text varies (a mistake): those go unnamed
 * rather than piling up prepared statements on every connection.
 */
const MAX_NAMED = 64;

/** A name per distinct text: a text that changed (a new release) can never reuse an older statement's name. */
function statementName(text: string): string | null {
  let name = names.get(text);
  if (!name) {
    if (names.size >= MAX_NAMED) return null;
    name = `netra_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Sends statements that start with the marker as named (prepared) statements. pg keeps per connection which
 * names it has already parsed, so a new connection (after a restart, say) prepares them again by itself.
 */
export function prepareMarkedStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const [text, values, ...rest] = args;
      const name = typeof text === 'string' && text.startsWith(MARKER) ? statementName(text) : null;
      return name ? query({ name, text, values }, ...rest) : query(...args);
    };
  });
}
