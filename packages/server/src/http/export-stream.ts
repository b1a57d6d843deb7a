import { Readable } from 'node:stream';

/** What an export sent: its rows, the persons in them, and whether it ran to the end. */
export interface ExportSent {
  rows: number;
  personIds: string[];
  complete: boolean;
}

/**
 * Passes an export's pages through while counting its rows and collecting the persons in them, then calls
 * `sent` once: after the last page, or when the client went away or a read failed midway (`complete: false`).
 * The audit and access entries are written there because only then are the rows and persons known; a failure
 * to write them fails the stream, so the client never receives a complete file that was not logged.
 */
export async function* trackExport<R>(
  pages: AsyncIterable<readonly R[]>,
  personOf: (row: R) => string | null | undefined,
  sent: (what: ExportSent) => Promise<void>,
): AsyncGenerator<readonly R[]> {
  let rows = 0;
  let complete = false;
  const persons = new Set<string>();
  try {
    for await (const page of pages) {
      rows += page.length;
      for (const row of page) {
        const person = personOf(row);
        if (person) persons.add(person);
      }
      yield page;
    }
    complete = true;
  } finally {
    await sent({ rows, personIds: [...persons], complete });
  }
}

/** Text chunks as a response body stream (Fastify pipes it; backpressure bounds what is held). */
export function textStream(chunks: AsyncIterable<string>): Readable {
  return Readable.from(chunks, { objectMode: false });
}
