import { describe, expect, it } from 'vitest';
import { replyItem } from './candidate-replies.ts';

describe('reverse-crawl items tolerate what records carry', () => {
  it('a zone-less time is read as UTC and an over-long alt text is cut, not the reply dropped', () => {
    const made = replyItem(
      {
        platform: 'bluesky',
        externalId: 'at://did:plc:warga/app.bsky.feed.post/3lr',
        url: 'https://bsky.app/profile/warga.bsky.social/post/3lr',
        authorHandle: 'warga.bsky.social',
        authorKeys: ['warga.bsky.social'],
        text: 'Setuju',
        postedAt: '2026-10-12T08:30:00',
        fetchedAt: '2026-10-12T09:00:00.000Z',
        mediaDescriptions: ['🗳️'.repeat(1500)],
        imageUrls: [],
        target: {
          type: 'post',
          externalId: 'at://did:plc:cand/app.bsky.feed.post/3lc',
          url: null,
          authorHandle: 'cand.bsky.social',
          text: 'Visi',
          candidate: 'pilkada-x#1',
        },
        raw: {},
        evidence: [],
      },
      { id: '55555555-5555-4555-8555-555555555555', handle: 'warga.bsky.social' },
    );
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    expect(made.post.postedAt).toBe('2026-10-12T08:30:00.000Z');
    expect(made.post.interaction?.at).toBe('2026-10-12T08:30:00.000Z');
    expect(made.post.mediaDescriptions[0]!.length).toBeLessThanOrEqual(2000);
  });
});
