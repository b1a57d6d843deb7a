import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiPlatformServer, emptyWorld, startApiPlatformServer } from '../testing/index.ts';
import { recheckPost } from './recheck-post.ts';

/** A re-check concludes "deleted" only from an answer it can read; moved markup is a failed check. */
const target = {
  platform: 'telegram' as const,
  externalId: 'kabarkec/20',
  kind: 'post' as const,
  url: 'https://t.me/kabarkec/20',
  accountHandle: 'kabarkec',
};
const page = (history: string) =>
  `<!DOCTYPE html><html><body><header class="tgme_header"><div class="tgme_channel_info"><div class="tgme_channel_info_header_title"><span>Kabar Kecamatan</span></div></div></header><main>${history}</main></body></html>`;
const message = (id: number, text: string) =>
  `<div class="tgme_widget_message_wrap"><div class="tgme_widget_message js-widget_message" data-post="kabarkec/${id}"><div class="tgme_widget_message_text js-message_text">${text}</div><a class="tgme_widget_message_date" href="https://t.me/kabarkec/${id}"><time datetime="2026-10-0${id - 15}T00:00:00+00:00"></time></a></div></div>`;

let server: ApiPlatformServer;
beforeAll(async () => {
  server = await startApiPlatformServer(emptyWorld());
});
afterAll(() => server.close());

async function check(html: string) {
  server.override('/s/kabarkec', { status: 200, body: html, type: 'text/html' });
  try {
    return await recheckPost(target, { platformOrigins: { telegram: server.origins.telegram } });
  } finally {
    server.override('/s/kabarkec', null);
  }
}

describe('Telegram re-check against changed pages', () => {
  it('present, gone, and "markup moved" are three different answers', async () => {
    const history = (inner: string) => `<section class="tgme_channel_history js-message_history">${inner}</section>`;
    expect(await check(page(history(message(19, 'lama') + message(20, 'teks baru'))))).toMatchObject({
      state: 'present',
      text: 'teks baru',
    });
    expect(await check(page(history(message(18, 'a') + message(19, 'b'))))).toMatchObject({ state: 'gone' });
    const moved = await check(page(history('<article class="tg_post" data-post="kabarkec/20">teks</article>')));
    expect(moved.state).toBe('failed');
    const noList = await check(page('<section class="feed"></section>'));
    expect(noList.state).toBe('failed');
  });
});

describe('Bluesky re-check against a changed answer', () => {
  it('posts without their uri are a failed check, an empty list is gone', async () => {
    const post = {
      ...target,
      platform: 'bluesky' as const,
      externalId: 'at://did:plc:x/app.bsky.feed.post/3k1',
      accountHandle: 'x.bsky.social',
    };
    const run = async (body: unknown) => {
      server.override('getPosts', { status: 200, body: JSON.stringify(body), type: 'application/json' });
      try {
        return await recheckPost(post, { platformOrigins: { bluesky: server.origins.bluesky } });
      } finally {
        server.override('getPosts', null);
      }
    };
    expect((await run({ posts: [{ postUri: post.externalId, record: { text: 'x' } }] })).state).toBe('failed');
    expect((await run({ posts: [] })).state).toBe('gone');
  });
});
