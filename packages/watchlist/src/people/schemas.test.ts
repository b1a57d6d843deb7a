import { describe, expect, it } from 'vitest';
import { accountInputSchema, handleProblem, profileUrlFor } from './schemas.ts';

describe('accounts on the API platforms', () => {
  it('accepts Mastodon accounts only as user@instance, with the instance as profile host', () => {
    const ok = accountInputSchema.parse({ platform: 'mastodon', handle: '@budi@mastodon.social' });
    expect(ok).toMatchObject({ handle: 'budi@mastodon.social', profileUrl: 'https://mastodon.social/@budi' });
    const bad = accountInputSchema.safeParse({ platform: 'mastodon', handle: 'budi' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({
      path: ['handle'],
      message: expect.stringContaining('pengguna@instans'),
    });
  });

  it('accepts Bluesky domain handles and Telegram channel names', () => {
    expect(accountInputSchema.parse({ platform: 'bluesky', handle: 'budi.bsky.social' }).profileUrl).toBe(
      'https://bsky.app/profile/budi.bsky.social',
    );
    expect(profileUrlFor('telegram', 'infodinas')).toBe('https://t.me/infodinas');
    expect(handleProblem('bluesky', 'budi')).toContain('domain');
    expect(handleProblem('telegram', 'ab')).toContain('Telegram');
    expect(handleProblem('telegram', 'info_dinas_kab')).toBeNull();
    expect(
      accountInputSchema.safeParse({ platform: 'telegram', handle: 'x', profileUrl: 'https://t.me/x' }).success,
    ).toBe(false);
  });
});
