import { readFileSync } from 'node:fs';
import { buildXlsx } from '@netra/watchlist/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing/test-server.ts';

const CSV = [
  'Nama;NIP;Instansi/OPD;Jabatan;Wilayah;Platform;Akun;URL Profil',
  'Suryadi <b>guru</b>;197805122005011003;Pemkab Mesuji;Guru;18.11;facebook;suryadi.guru;',
  'Rina;198903182014032001;RSUD;Perawat;18.11;instagram;rina.nurse;https://www.tiktok.com/@rina',
].join('\n');

describe('watchlist and registry routes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(async () => server?.close());

  const person = {
    name: 'Budi Santoso',
    nip: '198001012005011001',
    agency: 'Dinas Pendidikan',
    position: 'Guru',
    regionCode: '18.11',
  };

  it('lets only admins change the watchlist; analysts and viewers can read it', async () => {
    for (const role of ['viewer', 'analyst', 'supervisor'] as const) {
      const session = await server.signIn(role);
      const write = await server.app.inject({
        method: 'POST',
        url: '/api/watchlist/people',
        headers: session.headers,
        payload: person,
      });
      expect(write.statusCode).toBe(403);
      const read = await server.app.inject({ method: 'GET', url: '/api/watchlist/people', headers: session.headers });
      expect(read.statusCode).toBe(200);
    }
    const admin = await server.signIn('admin');
    const created = await server.app.inject({
      method: 'POST',
      url: '/api/watchlist/people',
      headers: admin.headers,
      payload: person,
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const analyst = await server.signIn('analyst');
    const detail = await server.app.inject({
      method: 'GET',
      url: `/api/watchlist/people/${id}`,
      headers: analyst.headers,
    });
    expect(detail.json()).toMatchObject({ person: { nip: person.nip }, accounts: [] });
    const audit = await server.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', id).execute();
    expect(audit).toEqual([expect.objectContaining({ action: 'person.create', actor_username: 'admin' })]);
  });

  it('validates NIP, region and profile URL with field-named 400s and refuses duplicates with 409', async () => {
    const admin = await server.signIn('admin');
    const bad = await server.app.inject({
      method: 'POST',
      url: '/api/watchlist/people',
      headers: admin.headers,
      payload: { ...person, nip: '198013012005011001', regionCode: '18.99' },
    });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json().error.details.issues as { field: string }[]).map((i) => i.field);
    expect(fields).toEqual(['body.nip', 'body.regionCode']);
    const dup = await server.app.inject({
      method: 'POST',
      url: '/api/watchlist/people',
      headers: admin.headers,
      payload: person,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('PERSON_NIP_CONFLICT');

    const list = await server.app.inject({
      method: 'GET',
      url: '/api/watchlist/people?q=budi',
      headers: admin.headers,
    });
    const id = list.json().rows[0].id as string;
    const wrongUrl = await server.app.inject({
      method: 'POST',
      url: `/api/watchlist/people/${id}/accounts`,
      headers: admin.headers,
      payload: { platform: 'instagram', handle: 'budi', profileUrl: 'https://www.facebook.com/budi' },
    });
    expect(wrongUrl.statusCode).toBe(400);
    expect(wrongUrl.json().error.details.issues[0].field).toBe('body.profileUrl');
    const ok = await server.app.inject({
      method: 'POST',
      url: `/api/watchlist/people/${id}/accounts`,
      headers: admin.headers,
      payload: { platform: 'instagram', handle: '@budi' },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ handle: 'budi', profile_url: 'https://www.instagram.com/budi/' });
  });

  it('imports over the API: dry run, apply, fingerprint conflict', async () => {
    const admin = await server.signIn('admin');
    const contentBase64 = Buffer.from(CSV).toString('base64');
    const dry = await server.app.inject({
      method: 'POST',
      url: '/api/watchlist/import',
      headers: admin.headers,
      payload: { contentBase64, filename: 'opd.csv' },
    });
    expect(dry.statusCode).toBe(200);
    const plan = dry.json();
    // Rina's URL is on TikTok, not Instagram: only that account is rejected, Rina herself is imported.
    expect(plan).toMatchObject({
      applied: false,
      people: { create: 2 },
      accounts: { create: 1 },
      rowsRejected: 0,
      accountsRejected: 1,
      rejected: [{ row: 3, column: 'URL Profil', scope: 'account', code: 'ACCOUNT_PLATFORM_MISMATCH' }],
    });
    const stale = await server.app.inject({
      method: 'POST',
      url: '/api/watchlist/import',
      headers: admin.headers,
      payload: { contentBase64, dryRun: false, expectedFingerprint: 'f'.repeat(64) },
    });
    expect(stale.statusCode).toBe(409);
    const applied = await server.app.inject({
      method: 'POST',
      url: '/api/watchlist/import',
      headers: admin.headers,
      payload: { contentBase64, dryRun: false, expectedFingerprint: plan.fingerprint },
    });
    expect(applied.json()).toMatchObject({ applied: true, people: { create: 2 }, accountsRejected: 1 });
    const analyst = await server.signIn('analyst');
    const refused = await server.app.inject({
      method: 'POST',
      url: '/api/watchlist/import',
      headers: analyst.headers,
      payload: { contentBase64 },
    });
    expect(refused.statusCode).toBe(403);
    const exported = await server.app.inject({
      method: 'GET',
      url: '/api/watchlist/export?format=csv',
      headers: analyst.headers,
    });
    expect(exported.headers['content-type']).toContain('text/csv');
    expect(exported.body).toContain('Suryadi <b>guru</b>');
  });

  it('renders the pages with user data escaped', async () => {
    const analyst = await server.signIn('analyst');
    const page = await server.app.inject({ method: 'GET', url: '/watchlist?q=suryadi', headers: analyst.headers });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Suryadi &lt;b&gt;guru&lt;/b&gt;');
    expect(page.body).not.toContain('/watchlist/import"');
    const admin = await server.signIn('admin');
    const adminPage = await server.app.inject({ method: 'GET', url: '/watchlist', headers: admin.headers });
    expect(adminPage.body).toContain('href="/watchlist/import"');
    const form = await server.app.inject({ method: 'GET', url: '/watchlist/import', headers: admin.headers });
    expect(form.body).toContain(`name="_csrf" value="${admin.csrfToken}"`);
    expect(form.body).toContain('src="/assets/file-import.js"');
    expect(form.body).not.toMatch(/<script>(?!<\/script>)/);
  });

  it('imports the registry over the API with errors pointing into the file; analysts read it', async () => {
    const admin = await server.signIn('admin');
    const text = readFileSync(new URL('../../../../data/corpus/elections.json', import.meta.url), 'utf8');
    const broken = text.replace('"number": 2', '"number": "dua"');
    const bad = await server.app.inject({
      method: 'POST',
      url: '/api/registry/import',
      headers: admin.headers,
      payload: { content: broken },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.registryIssues[0]).toMatchObject({
      path: 'contests[0].candidates[1].number',
      line: expect.any(Number),
    });
    const ok = await server.app.inject({
      method: 'POST',
      url: '/api/registry/import',
      headers: admin.headers,
      payload: { content: text },
    });
    expect(ok.statusCode).toBe(200);
    const analyst = await server.signIn('analyst');
    const registry = await server.app.inject({ method: 'GET', url: '/api/registry', headers: analyst.headers });
    expect(registry.json().contests.length).toBe(JSON.parse(text).contests.length);
    const page = await server.app.inject({ method: 'GET', url: '/registry', headers: analyst.headers });
    expect(page.body).toContain('pilgub-lampung-2024');
    const refused = await server.app.inject({
      method: 'POST',
      url: '/api/registry/import',
      headers: analyst.headers,
      payload: { content: text },
    });
    expect(refused.statusCode).toBe(403);
  });

  it('re-shows the person form with the error beside the field, then saves and audits edits', async () => {
    const admin = await server.signIn('admin');
    const form = (fields: Record<string, string>) =>
      new URLSearchParams({ _csrf: admin.csrfToken, status: 'active', ...fields }).toString();
    const headers = { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' };
    const values = { name: 'Dewi', nip: '199001012015012001', agency: 'Dinas', position: 'Staf', regionCode: '18.11' };
    const bad = await server.app.inject({
      method: 'POST',
      url: '/watchlist/people',
      headers,
      payload: form({ ...values, nip: '199001012015012000' }),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toMatch(/data-field="nip">nomor urut/);
    expect(bad.body).toContain('value="Dewi"');
    const ok = await server.app.inject({ method: 'POST', url: '/watchlist/people', headers, payload: form(values) });
    expect(ok.statusCode).toBe(303);
    const id = ok.headers.location!.split('/')[3]!.split('?')[0]!;
    const edit = await server.app.inject({
      method: 'POST',
      url: `/watchlist/people/${id}`,
      headers,
      payload: form({ ...values, status: 'retired' }),
    });
    expect(edit.statusCode).toBe(303);
    const account = await server.app.inject({
      method: 'POST',
      url: `/watchlist/people/${id}/accounts`,
      headers,
      payload: new URLSearchParams({
        _csrf: admin.csrfToken,
        platform: 'x',
        handle: 'dewi_x',
        linkMethod: 'found',
      }).toString(),
    });
    expect(account.statusCode).toBe(303);
    const detail = await server.app.inject({ method: 'GET', url: `/watchlist/people/${id}`, headers: admin.headers });
    expect(detail.body).toContain('https://x.com/dewi_x');
    expect(detail.body).toContain('Pensiun');
    const audit = await server.database.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('actor_username', '=', 'admin')
      .where('action', 'in', ['person.update', 'account.create'])
      .orderBy('id')
      .execute();
    expect(audit.slice(-2).map((a) => a.action)).toEqual(['person.update', 'account.create']);
    expect(audit.at(-2)).toMatchObject({ before: { status: 'active' }, after: { status: 'retired' } });
    expect(audit.at(-1)).toMatchObject({ after: { handle: 'dewi_x', link_method: 'found', person_id: id } });
  });

  it('shows registry file errors with path and line on the registry page', async () => {
    const admin = await server.signIn('admin');
    const response = await server.app.inject({
      method: 'POST',
      url: '/registry/import',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: admin.csrfToken,
        text: '{\n  "contests": [\n    { "id": "X Y" }\n  ]\n}',
      }).toString(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('<code>contests[0].id</code>');
    expect(response.body).toMatch(/<td>3:\d+<\/td>/);
  });

  it('documents the watchlist and registry API in OpenAPI', async () => {
    const doc = (await server.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/watchlist/people',
        '/api/watchlist/people/{id}',
        '/api/watchlist/import',
        '/api/registry/import',
      ]),
    );
    expect(doc.paths['/api/watchlist/import'].post['x-netra-role']).toBe('admin');
  });

  it('answers a hostile spreadsheet with 413 naming the limit, while other requests keep answering', async () => {
    const admin = await server.signIn('admin');
    const bomb = buildXlsx(Buffer.alloc(100 * 1024 * 1024, 0x20));
    const api = server.app.inject({
      method: 'POST',
      url: '/api/watchlist/import',
      headers: admin.headers,
      payload: { contentBase64: bomb.toString('base64'), filename: 'bom.xlsx' },
    });
    const health = await server.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(health.statusCode).toBe(200);
    const response = await api;
    expect(response.statusCode).toBe(413);
    expect(response.json().error).toMatchObject({ code: 'IMPORT_FILE_TOO_LARGE' });
    expect(['maxUncompressedBytes', 'maxCompressionRatio']).toContain(response.json().error.details.limit);

    const page = await server.app.inject({
      method: 'POST',
      url: '/watchlist/import',
      headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: admin.csrfToken,
        filename: 'rusak.xlsx',
        content: Buffer.from('PK\u0003\u0004 rusak').toString('base64'),
      }).toString(),
    });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('data-code="IMPORT_FILE_UNREADABLE"');
  });
});
