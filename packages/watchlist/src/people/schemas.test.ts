import { describe, expect, it } from 'vitest';
import { accountInputSchema, profileUrlFor } from './schemas.ts';

describe('accounts on the API platforms', () => {
  it('accepts Mastodon accounts only as user@instance, with the instance as profile host', () => {
    const ok = accountInputSchema.parse({ platform: 'mastodon', handle: '@budi@mastodon.social' });
    expect(ok).toMatchObject({ handle: 'budi@mastodon.social', profileUrl: 'https://mastodon.social/@budi' });
    const bad = accountInputSchema.safeParse({ platform: 'mastodon', handle: 'budi' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ['handle'], message: expect.stringContaining('Mastodon') });
  });

  it('accepts Bluesky domain handles and Telegram channel names', () => {
    expect(accountInputSchema.parse({ platform: 'bluesky', handle: 'budi.bsky.social' }).profileUrl).toBe(
      'https://bsky.app/profile/budi.bsky.social',
    );
    expect(profileUrlFor('telegram', 'infodinas')).toBe('https://t.me/infodinas');
    expect(accountInputSchema.safeParse({ platform: 'bluesky', handle: 'budi' }).success).toBe(false);
    expect(accountInputSchema.safeParse({ platform: 'telegram', handle: 'info_dinas_kab' }).success).toBe(true);
    expect(
      accountInputSchema.safeParse({ platform: 'telegram', handle: 'x', profileUrl: 'https://t.me/x' }).success,
    ).toBe(false);
  });
});
