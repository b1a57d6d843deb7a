import { performance } from 'node:perf_hooks';
import { collectedPostSchema } from '@netra/core';
import { saveClassification, upsertPost } from '@netra/db';
import { insertWatchedAccount } from '@netra/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RouteDef } from '../http/route.ts';
import { allRoutes } from '../routes/index.ts';
import { createTestServer, type TestServer } from '../testing/test-server.ts';

/**
 * Hostile input, end to end through the real server: each gets a clear error (or inert rendering) within a
 * bounded time, and another user's simple request keeps answering while the hostile one is handled.
 */
const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'`';
const FORMULAS = ['=HYPERLINK("http://evil.example","x")', '+cmd|/C calc', '-2+3', '@SUM(A1)', '\t=1', ' =1+1'];
const INVISIBLE = 'Bu\u200bdi \u202eolleh\u202c \u2066Santoso\u2069\ufeff';
const CONTROL = ['\r\n', '\u0000', '\t', '\u001b[31m', '\u0085', '\u2028', '%0d%0a', '%00', '%09'];
const BOUND_MS = 10_000; // generous: a hostile input that is handled at all is handled in well under this

/** Parses RFC 4180 CSV (quoted cells with doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

function concreteUrl(route: RouteDef, id: string): string {
  return route.url.replace(/:([A-Za-z]+)/g, (_m, name: string) =>
    name.toLowerCase().includes('sha') ? 'a'.repeat(64) : name === 'queue' ? 'classify' : id,
  );
}

describe('hostile input', () => {
  let server: TestServer;
  let itemId: string;
  let personId: string;

  /** Runs `hostile` while a viewer's simple request is made; both must answer, the simple one promptly. */
  async function whileOthersWait<T>(hostile: () => Promise<T>): Promise<T> {
    const viewer = await server.signIn('viewer');
    const started = performance.now();
    const hostileRun = hostile();
    const simpleStart = performance.now();
    const simple = await server.app.inject({ method: 'GET', url: '/api/auth/me', headers: viewer.headers });
    const simpleMs = performance.now() - simpleStart;
    const result = await hostileRun;
    expect(simple.statusCode).toBe(200);
    expect(simpleMs).toBeLessThan(BOUND_MS);
    expect(performance.now() - started).toBeLessThan(BOUND_MS * 2);
    return result;
  }

  beforeAll(async () => {
    server = await createTestServer();
    const db = server.database.db;
    await db
      .insertInto('contests')
      .values({
        id: 'pilbup-mesuji-2024',
        kind: 'bupati',
        region_code: '18.11',
        region_name: 'Kabupaten Mesuji',
        election_date: '2024-11-27',
        campaign_from: '2024-09-25',
        campaign_to: '2024-11-23',
        quiet_from: null,
        quiet_to: null,
      })
      .execute();
    await db
      .insertInto('candidates')
      .values({
        contest_id: 'pilbup-mesuji-2024',
        number: 2,
        names: JSON.stringify([XSS]),
        aliases: '[]',
        jargon: '[]',
        hashtags: '[]',
        slogans: '[]',
        parties: '[]',
        official_accounts: '[]',
      })
      .execute();
    const account = await insertWatchedAccount(db, {
      name: `${FORMULAS[0]} ${XSS}`,
      nip: '198501032010012001',
      agency: FORMULAS[1]!,
      position: FORMULAS[3]!,
      ppk: FORMULAS[2]!,
      handle: 'siti',
    });
    personId = (
      await db.selectFrom('accounts').select('person_id').where('id', '=', account.accountId).executeTakeFirstOrThrow()
    ).person_id;
    // Stored directly, as an old row or a bypassed collector would: rendering must stay inert regardless.
    const text = `${XSS} ${INVISIBLE} ${FORMULAS.join(' ')} Coblos no 2 ${'panjang '.repeat(125_000)}`;
    const post = await upsertPost(db, {
      platform: 'facebook',
      externalId: 'hostile1',
      url: 'javascript:alert(document.cookie)',
      kind: 'post',
      accountId: account.accountId,
      authorHandle: XSS,
      text,
      postedAt: null,
      fetchedAt: '2024-10-02T01:00:00Z',
      mediaDescriptions: [XSS],
      evidence: [],
      raw: { html: XSS },
      crawlRunId: null,
    });
    const saved = await saveClassification(db, post.id, {
      score: 0.9,
      flagged: true,
      candidate: 'pilbup-mesuji-2024#2',
      stance: 'pro',
      category: 'online_campaigning',
      evidence: [{ start: text.indexOf('Coblos'), end: text.indexOf('Coblos') + 11, cue: 'vote_call' }],
      language: 'ind',
      modelVersion: 'test-1',
    });
    itemId = saved.reviewItemId!;
    const analyst = await server.signIn('analyst');
    const decided = await server.app.inject({
      method: 'POST',
      url: `/api/review/items/${itemId}/decisions`,
      headers: analyst.headers,
      payload: {
        decision: 'confirmed',
        label: 'endorse',
        candidate: 'pilbup-mesuji-2024#2',
        stance: 'pro',
        category: 'online_campaigning',
        note: FORMULAS[0],
      },
    });
    expect(decided.statusCode).toBeLessThan(300);
  }, 60_000);
  afterAll(async () => server?.close());

  it('refuses a deeply nested registry file fast, naming the limit, while others keep being answered', async () => {
    const admin = await server.signIn('admin');
    const depth = 500_000;
    const content = `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const response = await whileOthersWait(() =>
      server.app.inject({ method: 'POST', url: '/api/registry/import', headers: admin.headers, payload: { content } }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toMatch(/32 tingkat/);
    const form = await whileOthersWait(() =>
      server.app.inject({
        method: 'POST',
        url: '/registry/import',
        headers: { ...admin.headers, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          _csrf: admin.csrfToken,
          text: `{"contests":${'{"a":'.repeat(50_000)}1`,
        }).toString(),
      }),
    );
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('32 tingkat');
  });

  it('refuses deeply nested JSON in any request body before parsing it', async () => {
    const response = await whileOthersWait(() =>
      server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"a":'.repeat(10_000),
      }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('JSON_TOO_DEEP');
  });

  it('answers invalid UTF-8 and a huge anonymous body with a clear 4xx in the error shape', async () => {
    const invalid = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: Buffer.concat([
        Buffer.from('{"username":"'),
        Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
        Buffer.from('","password":"x"}'),
      ]),
    });
    expect(invalid.statusCode).toBeGreaterThanOrEqual(400);
    expect(invalid.statusCode).toBeLessThan(500);
    expect(invalid.json().error.code).toEqual(expect.any(String));
    const huge = await whileOthersWait(() =>
      server.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'x', password: 'y'.repeat(1024 * 1024) },
      }),
    );
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.message).toContain('64 KiB');
  });

  it('refuses a 1 MB post and a javascript: URL at the collector boundary, naming the fields', () => {
    const result = collectedPostSchema.safeParse({
      platform: 'facebook',
      externalId: '1',
      url: 'javascript:alert(1)',
      kind: 'post',
      accountId: '00000000-0000-4000-8000-000000000000',
      authorHandle: 'a',
      text: 'x'.repeat(1024 * 1024),
      postedAt: null,
      fetchedAt: '2024-10-02T01:00:00Z',
    });
    expect(result.success).toBe(false);
    const fields = result.error!.issues.map((i) => i.path.join('.'));
    expect(fields).toEqual(expect.arrayContaining(['url', 'text']));
    for (const url of ['data:text/html,<script>1</script>', 'vbscript:x', 'JAVASCRIPT:alert(1)', 'ftp://x.example/a']) {
      expect(collectedPostSchema.shape.url.safeParse(url).success).toBe(false);
    }
    expect(collectedPostSchema.shape.url.safeParse('https://www.facebook.com/a/posts/1').success).toBe(true);
  });

  it('renders HTML/JS payloads, invisible characters and a 1 MB post inert on every page that shows them', async () => {
    const analyst = await server.signIn('analyst');
    for (const url of ['/review', `/review/${itemId}`, '/watchlist', `/watchlist/people/${personId}`, '/registry']) {
      const page = await whileOthersWait(() => server.app.inject({ method: 'GET', url, headers: analyst.headers }));
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).not.toContain('<script>alert');
      expect(page.body, url).not.toContain('<img src=x');
      expect(page.body, url).not.toMatch(/href="\s*javascript:/i);
    }
    const detail = await server.app.inject({ method: 'GET', url: `/review/${itemId}`, headers: analyst.headers });
    expect(detail.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(detail.body).toContain('class="unsafe-url"'); // the stored javascript: URL is not a link
  });

  it('neutralises formulas in every field of every CSV export', async () => {
    const viewer = await server.signIn('viewer');
    const supervisor = await server.signIn('supervisor');
    const exports = [
      await server.app.inject({ method: 'GET', url: '/api/watchlist/export?format=csv', headers: viewer.headers }),
      await server.app.inject({ method: 'GET', url: '/watchlist/export.csv', headers: viewer.headers }),
      await server.app.inject({ method: 'GET', url: '/api/review/export?format=csv', headers: supervisor.headers }),
    ];
    for (const response of exports) {
      expect(response.statusCode).toBe(200);
      const rows = parseCsv(response.body);
      expect(rows.length).toBeGreaterThan(1);
      const cells = rows.flat();
      expect(cells.some((c) => c.startsWith("'=HYPERLINK") || c.startsWith("'+cmd") || c.startsWith("'@SUM"))).toBe(
        true,
      );
      for (const cell of cells) expect(cell, cell.slice(0, 60)).not.toMatch(/^[\s\u200b\ufeff]*[=+\-@]|^[\t\r]/);
    }
  });

  it('answers control characters in every query parameter of every GET route without a server error', async () => {
    const admin = await server.signIn('admin');
    const gets = allRoutes.filter((r) => r.method === 'GET');
    for (const route of gets) {
      const shape = route.query instanceof z.ZodObject ? Object.keys(route.query.shape) : [];
      const names = [...new Set([...shape, 'next', 'lang', 'q'])];
      for (const value of CONTROL) {
        const query = names.map((n) => `${n}=${value.startsWith('%') ? value : encodeURIComponent(value)}`).join('&');
        const url = `${concreteUrl(route, personId)}?${query}`;
        const response = await server.app.inject({ method: 'GET', url, headers: admin.headers });
        expect(response.statusCode, `${url} → ${response.body.slice(0, 200)}`).toBeLessThan(500);
        const location = response.headers.location;
        if (typeof location === 'string') {
          expect(location).toMatch(/^\/(?![/\\])/);
          expect(location).not.toMatch(/[\u0000-\u001f]/);
        }
      }
    }
  }, 120_000);

  it('keeps invisible and right-to-left characters as data: a search for them answers normally', async () => {
    const viewer = await server.signIn('viewer');
    const response = await server.app.inject({
      method: 'GET',
      url: `/api/watchlist/people?q=${encodeURIComponent(INVISIBLE)}`,
      headers: viewer.headers,
    });
    expect(response.statusCode).toBe(200);
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: `admin\u200b\u202e`, password: 'x' },
    });
    expect(login.statusCode).toBe(401);
  });
});
