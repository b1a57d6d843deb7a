import { saveClassification, upsertPost } from '@netra/db';
import { insertWatchedAccount } from '@netra/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing/test-server.ts';

const XSS_TEXT = '<script>alert("x")</script> =HYPERLINK("http://evil") Coblos no 2 ya #MesujiBersinar';

async function seedFlaggedPost(server: TestServer, externalId: string, text: string) {
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
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await db
    .insertInto('candidates')
    .values({
      contest_id: 'pilbup-mesuji-2024',
      number: 2,
      names: JSON.stringify(['Bambang Wijaya', 'Nurul Hasanah']),
      aliases: '[]',
      jargon: '[]',
      hashtags: '[]',
      slogans: '[]',
      parties: '[]',
      official_accounts: '[]',
    })
    .onConflict((oc) => oc.columns(['contest_id', 'number']).doNothing())
    .execute();
  const account = await insertWatchedAccount(db, {
    name: 'Siti Aminah',
    nip: `1985010320100120${externalId.slice(-2).padStart(2, '0')}`,
    agency: 'Dinas Pendidikan',
    position: 'Guru',
    ppk: 'Bupati Mesuji',
    handle: `siti.${externalId}`,
  });
  const post = await upsertPost(db, {
    platform: 'facebook',
    externalId,
    url: `https://www.facebook.com/siti/posts/${externalId}`,
    kind: 'post',
    accountId: account.accountId,
    authorHandle: `siti.${externalId}`,
    text,
    postedAt: '2024-10-01T08:00:00+07:00',
    fetchedAt: '2024-10-02T01:00:00Z',
    mediaDescriptions: [],
    evidence: [],
    raw: {},
    crawlRunId: null,
  });
  const saved = await saveClassification(db, post.id, {
    score: 0.93,
    flagged: true,
    candidate: 'pilbup-mesuji-2024#2',
    stance: 'pro',
    category: 'online_campaigning',
    evidence: [{ start: text.indexOf('Coblos'), end: text.indexOf('Coblos') + 11, cue: 'vote_call' }],
    language: 'ind',
    modelVersion: 'test-1',
    // The post is dated: the classifier said how its day matched the contest (and that the date chose it).
    contestTiming: {
      contest: 'pilbup-mesuji-2024',
      postedOn: '2024-10-01',
      window: { from: '2024-09-25', to: '2025-02-25' },
      phase: 'during',
      decided: true,
    },
  });
  return saved.reviewItemId!;
}

describe('review flow', () => {
  let server: TestServer;
  let itemId: string;
  beforeAll(async () => {
    server = await createTestServer();
    itemId = await seedFlaggedPost(server, 'p01', XSS_TEXT);
  });
  afterAll(async () => server?.close());

  it('lists the flagged post in the queue for a viewer', async () => {
    const viewer = await server.signIn('viewer');
    const response = await server.app.inject({
      method: 'GET',
      url: '/api/review/items?status=open',
      headers: viewer.headers,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.items.map((i: { id: string }) => i.id)).toContain(itemId);
    expect(body.counts.open).toBe(1);
  });

  it('renders hostile post text escaped, with the evidence span highlighted', async () => {
    const analyst = await server.signIn('analyst');
    const page = await server.app.inject({
      method: 'GET',
      url: `/review/${itemId}`,
      headers: { cookie: analyst.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page.body).toContain('<mark title="vote_call">Coblos no 2</mark>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.body).toContain('Siti Aminah');
    // What the classification in force was scored from; no newer one yet.
    expect(page.body).toContain('Dinilai dari</dt><dd>teks unggahan ·');
    expect(page.body).not.toContain('newer-classification');
  });

  it('says when the post was scored again after the classification the item keeps', async () => {
    const db = server.database.db;
    const item = await db
      .selectFrom('review_items')
      .select(['post_id', 'classification_id'])
      .where('id', '=', itemId)
      .executeTakeFirstOrThrow();
    // A later classification with image text that the item does not point at (the item was decided meanwhile).
    await db
      .insertInto('classifications')
      .values({
        post_id: item.post_id,
        model_version: 'test',
        score: 0.42,
        flagged: true,
        candidate: null,
        stance: null,
        category: null,
        evidence: '[]',
        language: 'id',
        with_image_text: true,
        image_text_key: 'e'.repeat(64),
        created_at: new Date(Date.now() + 60_000),
      })
      .execute();
    const analyst = await server.signIn('analyst');
    const page = await server.app.inject({
      method: 'GET',
      url: `/review/${itemId}`,
      headers: { cookie: analyst.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(
      /class="newer-classification"[^>]*><small>Unggahan ini sudah dinilai ulang \([^)]*, skor 42\.0%\)/,
    );
    await db.deleteFrom('classifications').where('image_text_key', '=', 'e'.repeat(64)).execute();
  });

  it('shows how the post’s date matched the chosen contest, and that the date chose it', async () => {
    const analyst = await server.signIn('analyst');
    const page = await server.app.inject({
      method: 'GET',
      url: `/review/${itemId}`,
      headers: { cookie: analyst.cookie },
    });
    expect(page.body).toContain('Tanggal unggah dan pemilihan');
    expect(page.body).toContain(
      '2024-10-01 WIB · <code>pilbup-mesuji-2024</code>: dalam masa berjalan pemilihan (2024-09-25 – 2025-02-25 WIB)',
    );
    expect(page.body).toContain('tanggal inilah yang memilih pemilihan ini');
    const api = await server.app.inject({
      method: 'GET',
      url: `/api/review/items/${itemId}`,
      headers: analyst.headers,
    });
    expect(api.json().contest_timing).toMatchObject({ contest: 'pilbup-mesuji-2024', phase: 'during', decided: true });
  });

  it('refuses a confirmed decision labelled neutral and names the field', async () => {
    const analyst = await server.signIn('analyst');
    const response = await server.app.inject({
      method: 'POST',
      url: `/api/review/items/${itemId}/decisions`,
      headers: analyst.headers,
      payload: { decision: 'confirmed', label: 'neutral' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details.issues.map((i: { field: string }) => i.field)).toContain('body.label');
  });

  it('refuses a candidate that is not in the registry', async () => {
    const analyst = await server.signIn('analyst');
    const response = await server.app.inject({
      method: 'POST',
      url: `/api/review/items/${itemId}/decisions`,
      headers: analyst.headers,
      payload: {
        decision: 'confirmed',
        label: 'endorse',
        candidate: 'pilbup-mesuji-2024#9',
        stance: 'pro',
        category: 'online_campaigning',
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('REVIEW_CANDIDATE_UNKNOWN');
  });

  it('appends decisions, moves the status, keeps history and writes the audit entry', async () => {
    const analyst = await server.signIn('analyst');
    const first = await server.app.inject({
      method: 'POST',
      url: `/api/review/items/${itemId}/decisions`,
      headers: analyst.headers,
      payload: { decision: 'needs_info', label: 'endorse', note: 'cek tangkapan layar asli' },
    });
    expect(first.statusCode).toBe(201);
    const second = await server.app.inject({
      method: 'POST',
      url: `/api/review/items/${itemId}/decisions`,
      headers: analyst.headers,
      payload: {
        decision: 'confirmed',
        label: 'endorse',
        candidate: 'pilbup-mesuji-2024#2',
        stance: 'pro',
        category: 'online_campaigning',
      },
    });
    expect(second.statusCode).toBe(201);
    const detail = (
      await server.app.inject({ method: 'GET', url: `/api/review/items/${itemId}`, headers: analyst.headers })
    ).json();
    expect(detail.status).toBe('confirmed');
    expect(detail.decisions.map((d: { decision: string }) => d.decision)).toEqual(['needs_info', 'confirmed']);
    const audit = await server.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'review.decide')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[1]?.before).toEqual({ status: 'needs_info' });
    await expect(server.database.db.deleteFrom('review_decisions').execute()).rejects.toThrow(/append-only/);
  });

  it('submits the decision form from the page and redirects back with a notice', async () => {
    const otherId = await seedFlaggedPost(server, 'p02', 'Salam dua jari ✌️ Mesuji Bersinar!');
    const analyst = await server.signIn('analyst');
    const response = await server.app.inject({
      method: 'POST',
      url: `/review/${otherId}/decide`,
      headers: { cookie: analyst.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: analyst.csrfToken,
        decision: 'dismissed',
        label: 'neutral',
        candidate: '',
        stance: '',
        category: '',
        reason: 'news_report',
        note: '',
      }).toString(),
    });
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe(`/review/${otherId}?saved=1`);
  });

  it('exports the case file as CSV with formula cells neutralised, and training JSONL', async () => {
    const supervisor = await server.signIn('supervisor');
    const csv = await server.app.inject({
      method: 'GET',
      url: '/api/review/export?format=csv',
      headers: supervisor.headers,
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body.charCodeAt(0)).toBe(0xfeff);
    expect(csv.body).toContain('Siti Aminah');
    expect(csv.body).toContain('pilbup-mesuji-2024#2');
    const jsonl = await server.app.inject({
      method: 'GET',
      url: '/api/review/export?format=jsonl',
      headers: supervisor.headers,
    });
    const lines = jsonl.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.label).sort()).toEqual(['endorse', 'neutral']);
    expect(lines.find((l) => l.label === 'endorse').candidate).toBe('pilbup-mesuji-2024#2');
  });
});
