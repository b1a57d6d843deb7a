import { seedBenchData, waitUntil } from '@netra/db/testing';
import { exportWatchlist } from '@netra/watchlist';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureLiveHeap } from '../testing/live-heap.ts';
import { createTestServer, type TestServer } from '../testing/test-server.ts';

const PEOPLE = 40_000;
/** Notes per person: 40,000 × ~1 KB makes the old in-memory export hold well over 100 MB. */
const NOTE_CHARS = 1_000;

/**
 * The watchlist export on a large watchlist (issue 14): it used to read every person and account into arrays and
 * build the whole CSV before sending a byte, and its read-log and audit entries did not say how many rows were
 * sent. Now the CSV is written a page of persons at a time, and the entries are written at the end.
 */
describe('watchlist CSV export at 40,000 people', () => {
  let server: TestServer;
  let base: string;

  beforeAll(async () => {
    server = await createTestServer();
    const db = server.database.db;
    await seedBenchData(db, { people: PEOPLE, posts: 0, reviewItems: 1 });
    // Notes with a delimiter, a quote and a formula start (neutralised by the one CSV writer); every 7th person
    // shares a name (the page cursor must break ties on the NIP); every 5th has a second account on another
    // platform (several rows per person in the long layout, one cell of several handles in the wide one); the
    // last one none.
    await sql`UPDATE people SET notes = '=catatan; "kutipan", ' || repeat('pemantauan dinas ', ${Math.round(NOTE_CHARS / 17)})`.execute(
      db,
    );
    await sql`UPDATE people SET name = 'ASN Sama Nama' WHERE right(nip, 1) = '7'`.execute(db);
    await sql`INSERT INTO accounts (person_id, platform, handle, profile_url)
      SELECT id, 'bluesky', 'kedua_' || nip || '.bsky.social', 'https://bsky.app/profile/kedua_' || nip || '.bsky.social'
        FROM people WHERE right(nip, 1) IN ('0', '5')`.execute(db);
    await sql`DELETE FROM accounts WHERE person_id = (SELECT id FROM people ORDER BY nip DESC LIMIT 1)`.execute(db);
    base = await server.app.listen({ port: 0, host: '127.0.0.1' });
  }, 180_000);
  afterAll(async () => server?.close());

  it('streams the CSV with bounded memory, byte for byte the in-memory export, and logs it at the end', async () => {
    const viewer = await server.signIn('viewer');
    const download = (query: string) =>
      fetch(`${base}/watchlist/export.csv${query}`, { headers: { cookie: viewer.cookie } });
    await (await download('')).arrayBuffer(); // warm the route up
    const measured = await measureLiveHeap(async () => {
      const response = await download('');
      expect(response.status).toBe(200);
      // Kept as Buffers (bytes outside the JS heap) for the comparison below; the heap is the server's.
      const chunks: Buffer[] = [];
      for await (const chunk of response.body!) chunks.push(Buffer.from(chunk));
      return { response, body: Buffer.concat(chunks) };
    }, 250);
    const body = measured.value.body;
    expect(measured.value.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    console.log(
      `watchlist export: ${(body.length / 1024 / 1024).toFixed(1)} MB sent; live heap growth ${measured.heapMb.toFixed(1)} MB, RSS ${measured.rssMb.toFixed(1)} MB`,
    );
    // Held in memory, the export was every row and then the whole CSV string; streamed, a page of persons.
    expect(measured.heapMb).toBeLessThan(32);
    expect(body.equals(await exportWatchlist(server.database.db, 'csv'))).toBe(true);

    // Logged once the rows are sent: the row count, and every person in the read log.
    const lines = body.toString('utf8').split('\r\n').length - 2; // header, and the empty string after the last CRLF
    const audit = await waitUntil(
      'the export to be audited',
      () =>
        server.database.db
          .selectFrom('audit_log')
          .select('after')
          .where('action', '=', 'watchlist.export')
          .orderBy('id', 'desc')
          .executeTakeFirst(),
      (row) => (row?.after as { rows?: number } | undefined)?.rows === lines,
    );
    expect(audit!.after).toMatchObject({ format: 'csv', layout: 'long', rows: lines, complete: true });
    const read = await server.database.db
      .selectFrom('access_log')
      .select(sql<number>`cardinality(person_ids)`.as('persons'))
      .where('entity_type', '=', 'person_list')
      .where('entity_id', '=', 'GET /watchlist/export.csv')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(read.persons).toBe(PEOPLE);
  }, 180_000);

  it('streams the wide layout with the semicolon delimiter byte for byte too', async () => {
    const admin = await server.signIn('admin');
    const response = await fetch(`${base}/api/watchlist/export?format=csv&delimiter=%3B&layout=wide`, {
      headers: { cookie: admin.cookie },
    });
    expect(response.status).toBe(200);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.equals(await exportWatchlist(server.database.db, 'csv', { delimiter: ';', layout: 'wide' }))).toBe(
      true,
    );
  }, 120_000);
});
