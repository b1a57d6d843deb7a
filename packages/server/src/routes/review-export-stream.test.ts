import { get, type IncomingMessage } from 'node:http';
import { seedBenchData, waitUntil } from '@netra/db/testing';
import { decisionsToCsv, eachDecidedPage } from '@netra/review';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureLiveHeap } from '../testing/live-heap.ts';
import { createTestServer, type TestServer } from '../testing/test-server.ts';

const DECISIONS = 50_000;
/** Post text per decision: 50,000 × ~1 KB makes the old in-memory export hold well over 100 MB. */
const TEXT_CHARS = 1_000;

/**
 * The decision export on a large database (issue 14): it used to read every decision with its post text into
 * one array and build the whole CSV string before sending a byte. Now it is written a page at a time.
 */
describe('decision export at 50,000 decisions', () => {
  let server: TestServer;
  let base: string;

  beforeAll(async () => {
    server = await createTestServer();
    const db = server.database.db;
    await seedBenchData(db, { people: 1_000, posts: DECISIONS, reviewItems: DECISIONS });
    // Every item decided (the seed decides ~40%), all at the same instant: ties the page cursor must break.
    await sql`INSERT INTO review_decisions (review_item_id, decided_by, decision, label, created_at)
      SELECT ri.id, (SELECT id FROM users WHERE username = 'bench1'), 'confirmed', 'endorse', now()
        FROM review_items ri WHERE NOT EXISTS (SELECT 1 FROM review_decisions d WHERE d.review_item_id = ri.id)`.execute(
      db,
    );
    await sql`UPDATE posts SET text = text || ' ' || repeat('kegiatan dinas ', ${Math.round(TEXT_CHARS / 15)})`.execute(
      db,
    );
    base = await server.app.listen({ port: 0, host: '127.0.0.1' });
  }, 180_000);
  afterAll(async () => server?.close());

  it('pages through every decision once, ties on the decision time included', async () => {
    const seen: string[] = [];
    for await (const page of eachDecidedPage(server.database.db, {}, 997)) seen.push(...page.map((r) => r.decision_id));
    expect(seen.length).toBe(DECISIONS);
    expect(new Set(seen).size).toBe(DECISIONS);
  });

  it('streams the CSV with bounded memory, byte for byte the in-memory writer’s output', async () => {
    const supervisor = await server.signIn('supervisor');
    const download = (query: string) =>
      fetch(`${base}/api/review/export?${query}`, { headers: { cookie: supervisor.cookie } });
    await (await download('format=csv&since=2999-01-01T00:00:00Z')).text(); // warm the route up
    const measured = await measureLiveHeap(async () => {
      const response = await download('format=csv');
      expect(response.status).toBe(200);
      // Kept as Buffers (bytes outside the JS heap) for the comparison below; the heap is the server's.
      const chunks: Buffer[] = [];
      for await (const chunk of response.body!) chunks.push(Buffer.from(chunk));
      return { response, body: Buffer.concat(chunks) };
    }, 25);
    const body = measured.value.body;
    console.log(
      `decision export: ${(body.length / 1024 / 1024).toFixed(1)} MB sent; live heap growth ${measured.heapMb.toFixed(1)} MB, RSS ${measured.rssMb.toFixed(1)} MB`,
    );
    // Held in memory, the export was every row and then the whole CSV string; streamed, a few pages' worth.
    expect(measured.heapMb).toBeLessThan(32);

    const rows = [];
    for await (const page of eachDecidedPage(server.database.db, {}, DECISIONS + 1)) rows.push(...page);
    expect(body.toString('utf8')).toBe(decisionsToCsv(rows));
  }, 180_000);

  it('audits an export the client abandoned midway, with the rows sent so far and complete: false', async () => {
    const supervisor = await server.signIn('supervisor');
    // A connection of its own (`agent: false`), not one from fetch's pool: the test before leaves its pooled
    // connection idle while it compares 50,000 rows — 60–75 s at load 20, about the server's 72 s keep-alive —
    // and a request sent on a kept-alive connection as it is being closed is reset (`fetch failed`, ECONNRESET,
    // in a whole-suite run under load).
    const request = get(`${base}/api/review/export?format=jsonl`, {
      headers: { cookie: supervisor.cookie },
      agent: false,
    });
    request.on('error', () => undefined); // the reset we cause below
    const response = await new Promise<IncomingMessage>((resolve) => request.once('response', resolve));
    response.on('error', () => undefined);
    expect(response.statusCode).toBe(200);
    // The first rows arrive, then the client goes away.
    await new Promise((resolve) => response.once('data', resolve));
    request.destroy();
    const entry = await waitUntil(
      'the abandoned export to be audited',
      () =>
        server.database.db
          .selectFrom('audit_log')
          .select('after')
          .where('action', '=', 'review.export')
          .where('entity_id', '=', 'jsonl')
          .executeTakeFirst(),
      (row) => row !== undefined,
    );
    const after = entry!.after as { rows: number; complete: boolean };
    expect(after.complete).toBe(false);
    expect(after.rows).toBeGreaterThan(0);
    expect(after.rows).toBeLessThan(DECISIONS);
  });
});
