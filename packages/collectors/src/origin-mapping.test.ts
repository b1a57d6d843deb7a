import { describe, expect, it } from 'vitest';
import { toFetchUrl, toRealUrl } from './origin-mapping.ts';

const origins = { facebook: 'http://127.0.0.1:4010/facebook', tiktok: 'http://127.0.0.1:4010/tiktok/' };

describe('origin mapping', () => {
  it('rewrites a real profile URL onto the configured origin, keeping path and query', () => {
    expect(toFetchUrl('facebook', 'https://www.facebook.com/suryadi.guru.mesuji?sk=posts', origins)).toBe(
      'http://127.0.0.1:4010/facebook/suryadi.guru.mesuji?sk=posts',
    );
    expect(toFetchUrl('tiktok', 'https://www.tiktok.com/@andi.wk', origins)).toBe(
      'http://127.0.0.1:4010/tiktok/@andi.wk',
    );
  });

  it('leaves the real URL alone when the platform has no override', () => {
    expect(toFetchUrl('x', 'https://x.com/dewikartika_id', origins)).toBe('https://x.com/dewikartika_id');
  });

  it('maps URLs seen on a remapped page back to the real platform URL', () => {
    expect(toRealUrl('facebook', 'http://127.0.0.1:4010/facebook/a/posts/1', origins)).toBe(
      'https://www.facebook.com/a/posts/1',
    );
    expect(toRealUrl('x', 'https://twitter.com/a/status/5', origins)).toBe('https://x.com/a/status/5');
  });

  it('rejects a URL of another platform with a typed error', () => {
    expect(() => toFetchUrl('facebook', 'https://x.com/someone', origins)).toThrowError(
      expect.objectContaining({ code: 'COLLECTOR_UNSUPPORTED_URL' }),
    );
  });
});
