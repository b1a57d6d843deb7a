import { describe, expect, it } from 'vitest';
import { normaliseAccount, splitAccountCell } from './handles.ts';
import { platformOfHeader } from './platform-names.ts';

const ok = (platform: Parameters<typeof normaliseAccount>[0], value: string) => {
  const result = normaliseAccount(platform, value);
  if (!result.ok) throw new Error(`${value}: ${result.message}`);
  return `${result.account.platform}:${result.account.handle}`;
};
const code = (platform: Parameters<typeof normaliseAccount>[0], value: string) => {
  const result = normaliseAccount(platform, value);
  return result.ok ? 'ok' : result.code;
};

describe('account cells', () => {
  it('recognises platform columns by their many names', () => {
    const cases: [string, string | undefined][] = [
      ['Akun Instagram', 'instagram'],
      ['IG', 'instagram'],
      ['Akun FB', 'facebook'],
      ['Link TikTok', 'tiktok'],
      ['Twitter/X', 'x'],
      ['Username Twitter', 'x'],
      ['X', 'x'],
      ['Kanal YouTube', 'youtube'],
      ['Instagram 2', 'instagram'],
      ['Akun Bluesky', 'bluesky'],
      ['Mastodon', 'mastodon'],
      ['Telegram', 'telegram'],
      ['Nama', undefined],
      ['Akun FB/IG', undefined],
      ['Keterangan', undefined],
    ];
    for (const [header, platform] of cases) expect([header, platformOfHeader(header)]).toEqual([header, platform]);
  });

  it('normalises @handles, bare handles and profile URLs to the platform handle', () => {
    expect(ok('instagram', '@Budi.Guru')).toBe('instagram:Budi.Guru');
    expect(ok('instagram', 'https://www.instagram.com/budi.guru/?igshid=abc')).toBe('instagram:budi.guru');
    expect(ok('instagram', 'instagram.com/budi_guru')).toBe('instagram:budi_guru');
    expect(ok('facebook', 'https://web.facebook.com/budi.santoso?ref=bookmarks')).toBe('facebook:budi.santoso');
    expect(ok('facebook', 'facebook.com/profile.php?id=100004567890')).toBe('facebook:100004567890');
    expect(ok('tiktok', 'https://www.tiktok.com/@budi.tt?lang=id')).toBe('tiktok:budi.tt');
    expect(ok('x', 'https://twitter.com/budi_x/status/123')).toBe('x:budi_x');
    expect(ok('youtube', 'https://www.youtube.com/@BudiKanal')).toBe('youtube:BudiKanal');
    expect(ok('youtube', 'youtube.com/channel/UC1234567890abcdefghijkl')).toBe('youtube:UC1234567890abcdefghijkl');
    expect(ok('bluesky', '@Budi.bsky.social')).toBe('bluesky:budi.bsky.social');
    expect(ok('bluesky', 'https://bsky.app/profile/budi.bsky.social')).toBe('bluesky:budi.bsky.social');
    expect(ok('mastodon', '@budi@mastodon.social')).toBe('mastodon:budi@mastodon.social');
    expect(ok('mastodon', 'https://kolektiva.social/@budi')).toBe('mastodon:budi@kolektiva.social');
    expect(ok('telegram', 'https://t.me/budi_tg')).toBe('telegram:budi_tg');
    expect(ok(undefined, 'https://www.instagram.com/budi/')).toBe('instagram:budi');
    expect(ok(undefined, 'budi@mastodon.social')).toBe('mastodon:budi@mastodon.social');
    expect(code('x', 'IG: @budi.guru')).toBe('ACCOUNT_PLATFORM_MISMATCH');
    expect(ok(undefined, 'IG: @budi.guru')).toBe('instagram:budi.guru');
  });

  it('explains what is wrong, per platform', () => {
    expect(code('instagram', 'Budi Santoso')).toBe('ACCOUNT_HANDLE_HAS_SPACE');
    expect(code('x', 'nama_yang_terlalu_panjang')).toBe('ACCOUNT_INVALID_HANDLE');
    expect(code('instagram', 'https://www.tiktok.com/@budi')).toBe('ACCOUNT_PLATFORM_MISMATCH');
    expect(code('instagram', 'https://www.instagram.com/p/Cxyz123/')).toBe('ACCOUNT_URL_NOT_PROFILE');
    expect(code('tiktok', 'https://vm.tiktok.com/ZSabc/')).toBe('ACCOUNT_SHORT_LINK');
    expect(code('mastodon', 'budi')).toBe('ACCOUNT_MASTODON_SERVER_MISSING');
    expect(code('bluesky', 'budi')).toBe('ACCOUNT_BLUESKY_DOMAIN_MISSING');
    expect(code('telegram', 'ab')).toBe('ACCOUNT_INVALID_HANDLE');
    expect(code(undefined, 'budi')).toBe('ACCOUNT_PLATFORM_UNKNOWN');
    expect(code('facebook', 'https://example.com/budi')).toBe('ACCOUNT_UNKNOWN_SITE');
  });

  it('splits cells holding several accounts and skips placeholders', () => {
    expect(splitAccountCell('@a, @b;@c\n@d')).toEqual(['@a', '@b', '@c', '@d']);
    expect(splitAccountCell('@a @b')).toEqual(['@a', '@b']);
    expect(splitAccountCell('Budi Santoso')).toEqual(['Budi Santoso']);
    expect(splitAccountCell('-')).toEqual([]);
    expect(splitAccountCell('tidak ada')).toEqual([]);
    expect(splitAccountCell('@a dan @b')).toEqual(['@a', '@b']);
  });
});
