import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestServer, type TestServer } from '../testing/test-server.ts';
import { catalogue } from './messages.ts';

describe('language', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await createTestServer();
  });
  afterAll(async () => server?.close());

  it('has an English string for every Indonesian one, and none left empty', () => {
    expect(Object.keys(catalogue.en).sort()).toEqual(Object.keys(catalogue.id).sort());
    for (const [key, value] of Object.entries(catalogue.en)) expect(value, key).not.toBe('');
  });

  it('speaks Indonesian by default and English after ?lang=en, remembered in a cookie', async () => {
    const viewer = await server.signIn('viewer');
    const id = await server.app.inject({ method: 'GET', url: '/review', headers: { cookie: viewer.cookie } });
    expect(id.body).toContain('<html lang="id">');
    expect(id.body).toContain(catalogue.id.reviewTitle);
    const en = await server.app.inject({ method: 'GET', url: '/review?lang=en', headers: { cookie: viewer.cookie } });
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain(catalogue.en.reviewTitle);
    const langCookie = en.cookies.find((c) => c.name === 'netra_lang');
    expect(langCookie?.value).toBe('en');
    const later = await server.app.inject({
      method: 'GET',
      url: '/review',
      headers: { cookie: `${viewer.cookie}; netra_lang=en` },
    });
    expect(later.body).toContain(catalogue.en.reviewTitle);
  });
});
