import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiPlatformServer,
  emptyWorld,
  mastodonAccount,
  mastodonStatus,
  startApiPlatformServer,
} from '../testing/index.ts';
import { HTML_CUT_MARKER, htmlToText } from './html-text.ts';
import { collectMastodon, MAX_STATUS_HTML_CHARS } from './mastodon.ts';

/**
 * A status whose `content` is megabytes of HTML (inside the 16 MiB JSON limit): parsing it blocked the scraper's
 * event loop ~0.8 s per MB (13 s for 16 MB). Only `MAX_STATUS_HTML_CHARS` of it is read now; the text says it was
 * cut and the crawl reports it.
 */
const INSTANCE = 'sosial.example.id';
const me = mastodonAccount('401', 'bambang', INSTANCE);
const account = {
  id: '22222222-2222-4222-8222-222222222224',
  platform: 'mastodon' as const,
  handle: `bambang@${INSTANCE}`,
  profileUrl: `https://${INSTANCE}/@bambang`,
};
const huge = '<p>Kata <span>demi</span> kata</p>'.repeat(250_000);

let server: ApiPlatformServer;

beforeAll(async () => {
  const world = emptyWorld();
  world.mastodon.push({
    id: '401',
    username: 'bambang',
    instance: INSTANCE,
    statuses: [
      mastodonStatus({ id: '5002', account: me, instance: INSTANCE, content: huge, createdAt: '2026-11-02T06:00:00Z' }),
      mastodonStatus({
        id: '5001',
        account: me,
        instance: INSTANCE,
        content: '<p>Apel pagi di kantor camat</p>',
        createdAt: '2026-11-01T06:00:00Z',
      }),
    ],
    history: {},
    following: [],
  });
  server = await startApiPlatformServer(world);
});
afterAll(() => server.close());

describe('Mastodon status with megabytes of HTML', () => {
  it('reads only the first part of it, marks the text and reports the cut; other statuses whole', async () => {
    expect(huge.length).toBeGreaterThan(8_000_000);
    const started = performance.now();
    const result = await collectMastodon({
      account,
      platformOrigins: { mastodon: server.origins.mastodon },
      http: { backoffBaseMs: 10, attempts: 2 },
    });
    const ms = performance.now() - started;
    expect(result.status).toBe('ok');
    const byId = Object.fromEntries(result.posts.map((p) => [p.externalId, p]));
    expect(byId['5001']!.text).toBe('Apel pagi di kantor camat');
    const cut = byId['5002']!.text;
    expect(cut.startsWith('Kata demi kata\n\nKata demi kata')).toBe(true);
    // Netra keeps 20,000 characters: the cut HTML's text still fills them (clipped like any long post).
    expect(cut.length).toBe(20_000);
    expect(cut.endsWith('…')).toBe(true);
    expect(result.errors).toMatchObject([
      {
        code: 'COLLECTOR_PAGE_MALFORMED',
        details: { field: 'content', externalId: '5002', chars: huge.length, maxChars: MAX_STATUS_HTML_CHARS },
      },
    ]);
    // Before: ~6 s on the event loop for this status alone.
    expect(ms).toBeLessThan(4_000);
  }, 60_000);

  it('HTML cut before a tag: mostly markup, the text ends with the marker; short HTML is read whole', () => {
    const markup = `<p>Awal ${'<span></span>'.repeat(20_000)}akhir</p>`;
    expect(htmlToText(markup, MAX_STATUS_HTML_CHARS)).toBe(`Awal\n${HTML_CUT_MARKER}`);
    expect(htmlToText(markup)).toBe('Awal akhir');
    expect(htmlToText('<p>Satu</p><p>Dua</p>', MAX_STATUS_HTML_CHARS)).toBe('Satu\n\nDua');
  });
});
