import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiPlatformServer,
  emptyWorld,
  mastodonAccount,
  mastodonStatus,
  startApiPlatformServer,
} from '../testing/index.ts';
import { fragmentText } from './fragment-text.ts';
import { htmlToText } from './html-text.ts';
import { collectMastodon, MAX_STATUS_HTML_CHARS } from './mastodon.ts';

/**
 * A page of statuses each just under `MAX_STATUS_HTML_CHARS`, in markup that node-html-parser reads in quadratic
 * time (unclosed elements re-parented one by one, patterns that scan to the end from every `<` that never closes, a
 * long run of spaces). Before, the first status alone held the event loop ~15–19 s and the page ~30 s; a page of
 * 160 such statuses, inside the 16 MiB JSON limit, for most of an hour. Status text is now read in one pass.
 */
const INSTANCE = 'sosial.example.id';
const me = mastodonAccount('402', 'hostile', INSTANCE);
const account = {
  id: '22222222-2222-4222-8222-222222222225',
  platform: 'mastodon' as const,
  handle: `hostile@${INSTANCE}`,
  profileUrl: `https://${INSTANCE}/@hostile`,
};
const fill = (unit: string) => unit.repeat(Math.floor((MAX_STATUS_HTML_CHARS - 10) / unit.length));
const SHAPES = [fill('<a>x'), fill('<div>'), fill('<p'), fill('<a ">x'), fill('<!--'), `${' '.repeat(99_000)}x\n`];

let server: ApiPlatformServer;

beforeAll(async () => {
  const world = emptyWorld();
  world.mastodon.push({ id: '402', username: 'hostile', instance: INSTANCE, statuses: [], history: {}, following: [] });
  server = await startApiPlatformServer(world);
  const statuses = SHAPES.map((content, i) =>
    mastodonStatus({
      id: String(6000 - i),
      account: me,
      instance: INSTANCE,
      content,
      createdAt: '2026-11-02T06:00:00Z',
    }),
  );
  server.override('/api/v1/accounts/402/statuses', {
    status: 200,
    body: JSON.stringify(statuses),
    type: 'application/json',
  });
});
afterAll(() => server.close());

describe('Mastodon statuses in markup that is slow to parse', () => {
  it('reads a page of them in time proportional to its length', async () => {
    const started = performance.now();
    const result = await collectMastodon({
      account,
      platformOrigins: { mastodon: server.origins.mastodon },
      http: { backoffBaseMs: 10, attempts: 1 },
    });
    const ms = performance.now() - started;
    expect(result.status).toBe('ok');
    const starts = Object.fromEntries(result.posts.map((p) => [p.externalId, p.text.slice(0, 8)]));
    // Unclosed elements' text kept, a `<` that opens no tag kept as text, markup without text ''.
    expect(starts).toEqual({
      '6000': 'xxxxxxxx',
      '5999': '',
      '5998': '<p<p<p<p',
      '5997': 'xxxxxxxx',
      '5996': '<!--<!--',
      '5995': 'x',
    });
    // Before: ~30 s (15–19 s for the first status alone). After: well under a second on an idle machine.
    expect(ms).toBeLessThan(3_000);
  }, 120_000);

  it('gives the parser’s text for the HTML platforms send', () => {
    const samples = [
      '<p>Satu</p><p>Dua</p>',
      '<p>Satu</p>\n <p class="x">Dua<br>tiga<br/>empat<br />lima</p>',
      '<p><span class="h-card"><a href="https://sosial.example.id/@budi" class="u-url mention">@<span>budi</span></a></span> Halo &amp; selamat &#x1F600; &nbsp;x <a href="https://contoh.id/x" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span class="">contoh.id/x</span></a></p>',
      '<p>Ayo pilih nomor 2 <a href="https://sosial.example.id/tags/Pilkada" class="mention hashtag" rel="tag">#<span>Pilkada</span></a></p>',
      'teks &lt;b&gt; biasa &amp;amp; &copy &unknown; a<b',
      '<!-- c --><p>a</p><!-- d',
      '<pre><code>x &lt; y</code></pre><p>z</p>',
      '<P>Besar</P><P>kecil</P>',
      '<p>a</p><blockquote><p>b</p></blockquote><ul><li>c</li><li>d</li></ul>',
      '<p>a  \t<br>  b</p><p>a<p>b',
      '<script>var a = 1 < 2;</script><p>x</p>',
      '<del>x</del> <em>y</em> <strong>z</strong>',
      '',
    ];
    for (const html of samples) expect(fragmentText(html), html).toBe(htmlToText(html));
  });
});
