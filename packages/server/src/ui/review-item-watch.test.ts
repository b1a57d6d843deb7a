import type { PostWatch } from '@netra/db';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../i18n/messages.ts';
import { reviewItemWatch } from './review-item-watch.ts';

const base: PostWatch = { deletedAt: null, lastCheckedAt: null, versions: [], interaction: null, tip: null };

describe('review item watch card', () => {
  it('is empty for a post with nothing to report', () => {
    expect(reviewItemWatch(catalogue.id, 'id', base, '18.11', new Map()).value).toBe('');
  });

  it('shows a like toward a candidate with the target text as context, escaped', () => {
    const out = reviewItemWatch(
      catalogue.id,
      'id',
      {
        ...base,
        interaction: {
          post_id: 'p',
          kind: 'like',
          target_type: 'post',
          target_external_id: 'at://did:plc:x/app.bsky.feed.post/1',
          target_url: 'https://bsky.app/profile/paslon.bsky.social/post/1',
          target_author: 'paslon.bsky.social',
          target_text: 'Program <b>air</b> bersih',
          target_candidate: 'pilbup-x-2026#1',
          interacted_at: new Date('2026-11-04T00:00:00Z'),
          created_at: new Date(),
        },
      },
      '18.11',
      new Map([['pilbup-x-2026#1', '01 · Sutrisno']]),
    ).value;
    expect(out).toContain('Menyukai postingan');
    expect(out).toContain('Program &lt;b&gt;air&lt;/b&gt; bersih');
    expect(out).toContain('01 · Sutrisno');
    expect(out).toContain('WIB');
  });

  it('marks edits and deletions with their times in the person’s zone', () => {
    const out = reviewItemWatch(
      catalogue.id,
      'id',
      {
        ...base,
        deletedAt: new Date('2026-11-10T07:00:00Z'),
        versions: [
          {
            version: 1,
            text: 'Coblos nomor 1',
            content_hash: 'a'.repeat(64),
            seen_at: new Date('2026-11-02T00:00:00Z'),
            evidence: [],
            score: null,
          },
          {
            version: 2,
            text: 'Coblos nomor 1 ya',
            content_hash: 'b'.repeat(64),
            seen_at: new Date('2026-11-09T01:00:00Z'),
            evidence: [],
            // A later tip's text, classified: its score is listed with it.
            score: 0.875,
          },
        ],
      },
      '73.71',
      new Map(),
    ).value;
    expect(out).toContain('diubah');
    expect(out).toContain('dihapus');
    // 07:00 UTC is 15.00 in Makassar (WITA).
    expect(out).toMatch(/15[.:]00 WITA/);
    expect(out).toMatch(/09[.:]00 WITA/);
    expect(out).toContain('Coblos nomor 1 ya');
    expect(out).toContain('Skor <strong class="version-score">87.5%</strong>');
    expect(out.match(/version-score/g)).toHaveLength(1);
    const en = reviewItemWatch(
      catalogue.en,
      'en',
      { ...base, deletedAt: new Date('2026-11-10T07:00:00Z') },
      '91.01',
      new Map(),
    ).value;
    expect(en).toMatch(/deleted.*16:00 WIT/s);
  });

  it('says the text was removed when the newest version has none, and keeps the earlier words shown', () => {
    const version = (n: number, text: string) => ({
      version: n,
      text,
      content_hash: String(n).repeat(64),
      seen_at: new Date(`2026-11-0${n}T01:00:00Z`),
      evidence: [],
      score: null,
    });
    const out = reviewItemWatch(
      catalogue.id,
      'id',
      { ...base, versions: [version(1, 'Coblos nomor 1'), version(2, '')] },
      '18.11',
      new Map(),
    ).value;
    expect(out).toContain('teks dihapus');
    expect(out).not.toContain('diubah');
    expect(out).toContain('Coblos nomor 1');
    expect(out).toContain('penulis menghapus teksnya');
    expect(
      reviewItemWatch(catalogue.en, 'en', { ...base, versions: [version(1, 'a'), version(2, '')] }, null, new Map())
        .value,
    ).toContain('text removed');
  });
});
