import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiPlatformServer,
  bskyBlockedNode,
  bskyFeedItem,
  bskyNotFoundNode,
  bskyPostView,
  bskyThreadNode,
  emptyWorld,
  mastodonAccount,
  mastodonStatus,
  startApiPlatformServer,
  youtubeComment,
  youtubeCommentThread,
} from '../testing/index.ts';
import { collectBluesky } from './bluesky.ts';
import { replyItem } from './candidate-replies.ts';
import { collectCandidateReplies } from './collect-candidate-replies.ts';
import { interactionItems } from './interaction-posts.ts';

const http = { backoffBaseMs: 1, attempts: 2 };
const CAND = { did: 'did:plc:cccccccccccccccccccccccc', handle: 'paslon2.bsky.social' };
const ASN = { did: 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa', handle: 'budi.bsky.social' };
const OTHER = { did: 'did:plc:oooooooooooooooooooooooo', handle: 'warga.bsky.social' };
const candidatePost = bskyPostView({
  ...CAND,
  rkey: 'c1',
  text: 'Mohon doa restu warga',
  createdAt: '2026-11-01T00:00:00.000Z',
});
const candidateOlder = bskyPostView({
  ...CAND,
  rkey: 'c0',
  text: 'Kampanye di pasar',
  createdAt: '2026-10-01T00:00:00.000Z',
});
const asnReply = bskyPostView({
  ...ASN,
  rkey: 'r1',
  text: 'Siap mendukung nomor dua',
  createdAt: '2026-11-02T00:00:00.000Z',
  reply: { parent: candidatePost.uri as string },
});
const otherReply = bskyPostView({
  ...OTHER,
  rkey: 'o1',
  text: 'Pertanyaan soal jalan desa',
  createdAt: '2026-11-02T01:00:00.000Z',
  reply: { parent: candidatePost.uri as string },
});
// A watched account answering someone else's reply inside the candidate's thread: not aimed at the candidate.
const asnNested = bskyPostView({
  ...ASN,
  rkey: 'r2',
  text: 'Jalan desa sudah dianggarkan',
  createdAt: '2026-11-02T02:00:00.000Z',
  reply: { parent: otherReply.uri as string, root: candidatePost.uri as string },
});
const candidateAnswer = bskyPostView({
  ...CAND,
  rkey: 'c2',
  text: 'Terima kasih dukungannya',
  createdAt: '2026-11-02T03:00:00.000Z',
  reply: { parent: asnReply.uri as string, root: candidatePost.uri as string },
});
// The watched account replying again under the candidate's answer, two levels down.
const asnDeep = bskyPostView({
  ...ASN,
  rkey: 'r3',
  text: 'Sama-sama, sukses',
  createdAt: '2026-11-02T04:00:00.000Z',
  reply: { parent: candidateAnswer.uri as string, root: candidatePost.uri as string },
});

const M_CAND = mastodonAccount('200', 'paslon2', 'kampanye.example');
const M_ASN_REMOTE = mastodonAccount('777', 'budi', 'mastodon.example.id', false);
const mCandStatus = mastodonStatus({
  id: '500',
  account: M_CAND,
  instance: 'kampanye.example',
  content: '<p>Debat malam ini</p>',
  createdAt: '2026-11-01T00:00:00.000Z',
});
// The watched account's reply as the candidate's instance sees it: a local id there, the home id in `uri`.
const mRemoteReply = {
  ...mastodonStatus({
    id: '9001',
    account: M_ASN_REMOTE,
    instance: 'kampanye.example',
    content: '<p>Hadir mendukung</p>',
    createdAt: '2026-11-02T00:00:00.000Z',
    inReplyToId: '500',
    inReplyToAccountId: '200',
  }),
  uri: 'https://mastodon.example.id/users/budi/statuses/1004',
  url: 'https://mastodon.example.id/@budi/1004',
};

let server: ApiPlatformServer;

beforeAll(async () => {
  const world = emptyWorld();
  world.bluesky.push(
    {
      ...CAND,
      feed: [bskyFeedItem(candidateAnswer), bskyFeedItem(candidatePost), bskyFeedItem(candidateOlder)],
      likes: [],
      follows: [],
    },
    { ...ASN, feed: [bskyFeedItem(asnReply, { parent: candidatePost })], likes: [], follows: [] },
  );
  world.blueskyThreads = {
    [candidatePost.uri as string]: [
      bskyThreadNode(asnReply, [bskyThreadNode(candidateAnswer, [bskyThreadNode(asnDeep)])]),
      bskyThreadNode(otherReply, [bskyThreadNode(asnNested)]),
      bskyNotFoundNode(`at://${OTHER.did}/app.bsky.feed.post/gone`),
      bskyBlockedNode(`at://${OTHER.did}/app.bsky.feed.post/blk`, OTHER.did),
    ],
  };
  world.mastodon.push({
    id: '200',
    username: 'paslon2',
    instance: 'kampanye.example',
    statuses: [mCandStatus],
    history: {},
    following: [],
  });
  world.mastodonContexts = { '500': [mRemoteReply] };
  world.youtube.push({
    channelId: 'UCcccccccccccccccccccccc',
    handle: 'paslon2',
    title: 'Paslon Dua',
    videos: [
      { videoId: 'vid00000001', title: 'Debat', description: 'Debat kandidat', published: '2026-11-01T00:00:00Z' },
      { videoId: 'vid00000002', title: 'Kampanye', description: '', published: '2026-10-20T00:00:00Z' },
    ],
  });
  const top = (id: string, author: string, name: string, text: string, parentId?: string) =>
    youtubeComment({
      id,
      videoId: 'vid00000001',
      channelId: 'UCcccccccccccccccccccccc',
      authorChannelId: author,
      authorDisplayName: name,
      text,
      publishedAt: '2026-11-02T00:00:00Z',
      ...(parentId ? { parentId } : {}),
    });
  world.youtubeComments = {
    vid00000001: [
      youtubeCommentThread(top('Ug1', 'UCwarga000000000000000000', '@warga', 'Semangat')),
      youtubeCommentThread(top('Ug2', 'UCcccccccccccccccccccccc', '@paslon2', 'Terima kasih semua'), [
        top('Ug2.r1', 'UCasn00000000000000000000', '@budiasn', 'Dukung terus', 'Ug2'),
      ]),
      youtubeCommentThread(top('Ug3', 'UCasn00000000000000000000', '@budiasn', 'Pilih nomor dua')),
      // Two more than the server's page of 4 threads, so the video's comments take a second page.
      youtubeCommentThread(top('Ug4', 'UCwarga000000000000000000', '@warga', 'Hadir')),
      youtubeCommentThread(top('Ug5', 'UCwarga000000000000000000', '@warga', 'Lanjutkan')),
    ],
    vid00000002: 'disabled',
  };
  server = await startApiPlatformServer(world);
});
afterAll(async () => {
  await server.close();
});

describe('reverse crawl of candidate accounts', () => {
  it('Bluesky: replies directly under the candidate’s posts, at any depth, skipping missing and blocked nodes', async () => {
    const result = await collectCandidateReplies({
      account: { platform: 'bluesky', handle: CAND.handle, candidate: 'pilkada-lampung#2' },
      platformOrigins: { bluesky: server.origins.bluesky },
      maxPosts: 1,
      http,
    });
    expect(result.status).toBe('ok');
    expect(result.postsRead).toBe(1);
    // The cap keeps the older post's thread unread.
    expect(server.requests.filter((r) => r.path.endsWith('getPostThread'))).toHaveLength(1);
    const byId = new Map(result.replies.map((r) => [r.externalId, r]));
    expect([...byId.keys()].sort()).toEqual([asnReply.uri, asnDeep.uri, otherReply.uri].sort());
    expect(byId.get(asnDeep.uri as string)?.target.externalId).toBe(candidateAnswer.uri);
    expect(byId.get(asnReply.uri as string)).toMatchObject({
      authorHandle: ASN.handle,
      authorKeys: [ASN.handle, ASN.did],
      text: 'Siap mendukung nomor dua',
      target: { text: 'Mohon doa restu warga', authorHandle: CAND.handle, candidate: 'pilkada-lampung#2' },
    });
    expect(result.notices.map((n) => n.code)).toEqual(['REPLIES_UNAVAILABLE']);
    expect(result.notices[0]?.message).toMatch(/^2 /);
  });

  it('Bluesky: the reverse item is the forward crawl’s item (same id, same interaction), so it is stored once', async () => {
    const reverse = await collectCandidateReplies({
      account: { platform: 'bluesky', handle: CAND.handle, candidate: 'pilkada-lampung#2' },
      platformOrigins: { bluesky: server.origins.bluesky },
      http,
    });
    const account = { id: '11111111-1111-4111-8111-111111111111', handle: ASN.handle };
    const found = reverse.replies.find((r) => r.externalId === asnReply.uri)!;
    const made = replyItem(found, account);
    if (!made.ok) throw new Error(made.message);
    const forward = await collectBluesky({
      account: { ...account, platform: 'bluesky', profileUrl: `https://bsky.app/profile/${ASN.handle}` },
      platformOrigins: { bluesky: server.origins.bluesky },
      candidateAccounts: { [`bluesky:${CAND.handle}`]: 'pilkada-lampung#2' },
      http,
    });
    const items = interactionItems(
      { ...account, platform: 'bluesky', profileUrl: 'https://bsky.app/' },
      forward.posts,
      forward.interactions,
    );
    const marked = items.posts.find((p) => p.externalId === asnReply.uri)!;
    expect(made.post.externalId).toBe(marked.externalId);
    expect(made.post.kind).toBe(marked.kind);
    expect(made.post.interaction).toMatchObject({ kind: 'reply', target: { externalId: candidatePost.uri } });
    expect(made.post.interaction?.target.candidate).toBe(marked.interaction?.target.candidate);
    expect(made.post.context?.parentText).toBe(marked.context?.parentText);
  });

  it('Bluesky: an unknown candidate handle is not_found, not ok', async () => {
    const result = await collectCandidateReplies({
      account: { platform: 'bluesky', handle: 'tidakada.bsky.social', candidate: 'x#1' },
      platformOrigins: { bluesky: server.origins.bluesky },
      http,
    });
    expect(result.status).toBe('not_found');
  });

  it('Mastodon: descendants answering the candidate, keyed by the author’s home status id', async () => {
    const result = await collectCandidateReplies({
      account: { platform: 'mastodon', handle: 'paslon2@kampanye.example', candidate: 'pilkada-lampung#2' },
      platformOrigins: { mastodon: server.origins.mastodon },
      http,
    });
    expect(result.status).toBe('ok');
    expect(result.replies).toHaveLength(1);
    expect(result.replies[0]).toMatchObject({
      externalId: '1004',
      authorHandle: 'budi@mastodon.example.id',
      text: 'Hadir mendukung',
      url: 'https://mastodon.example.id/@budi/1004',
      target: { externalId: '500', text: 'Debat malam ini', authorHandle: 'paslon2@kampanye.example' },
    });
    const context = server.requests.find((r) => r.path.endsWith('/statuses/500/context'));
    expect(context).toBeDefined();
    expect(server.requests.some((r) => r.url.includes('exclude_replies=true'))).toBe(true);
  });

  it('Mastodon: a changed context answer is response_unrecognised', async () => {
    server.override('/statuses/500/context', { status: 200, body: '{"ancestors":[]}', type: 'application/json' });
    try {
      const result = await collectCandidateReplies({
        account: { platform: 'mastodon', handle: 'paslon2@kampanye.example', candidate: 'x#2' },
        platformOrigins: { mastodon: server.origins.mastodon },
        http,
      });
      expect(result.status).toBe('response_unrecognised');
      expect(result.errors[0]?.message).toMatch(/descendants/);
    } finally {
      server.override('/statuses/500/context', null);
    }
  });

  it('YouTube: top-level comments and replies under the candidate’s videos; comments off is a notice', async () => {
    const result = await collectCandidateReplies({
      account: { platform: 'youtube', handle: '@paslon2', candidate: 'pilkada-lampung#2' },
      platformOrigins: { youtube: server.origins.youtube },
      youtubeApiKey: 'test-key',
      http,
    });
    expect(result.status).toBe('ok');
    expect(result.postsRead).toBe(1);
    // The channel's own comment is not an interaction with itself.
    expect(result.replies.map((r) => r.externalId).sort()).toEqual([
      'comment:Ug1',
      'comment:Ug2.r1',
      'comment:Ug3',
      'comment:Ug4',
      'comment:Ug5',
    ]);
    const reply = result.replies.find((r) => r.externalId === 'comment:Ug2.r1')!;
    expect(reply).toMatchObject({
      authorKeys: ['ucasn00000000000000000000', 'budiasn'],
      text: 'Dukung terus',
      url: 'https://www.youtube.com/watch?v=vid00000001&lc=Ug2.r1',
      target: { externalId: 'vid00000001', text: 'Debat\nDebat kandidat', candidate: 'pilkada-lampung#2' },
      raw: { parentId: 'Ug2' },
    });
    expect(result.notices).toEqual([
      expect.objectContaining({ code: 'YOUTUBE_COMMENTS_DISABLED', postId: 'vid00000002' }),
    ]);
    const calls = server.requests.filter((r) => r.path.endsWith('/commentThreads'));
    // Paging: video 1's 5 threads come on two pages (4 per page here), the second asked by its token; video 2
    // (comments off) once. The fixture used to have 3 threads, one page, so this check could never hold.
    expect(calls.map((r) => new URL(r.url, 'http://x').searchParams.get('videoId'))).toEqual([
      'vid00000001',
      'vid00000001',
      'vid00000002',
    ]);
    expect(new URL(calls[1]!.url, 'http://x').searchParams.get('pageToken')).toBe('4');
    expect(calls.every((r) => r.url.includes('part=snippet%2Creplies'))).toBe(true);
    // The key never reaches the evidence.
    expect(JSON.stringify(result.replies)).not.toContain('test-key');
  });

  it('YouTube: quota exhausted is a retryable COLLECTOR_RATE_LIMITED; without a key the status says so', async () => {
    server.override('/api/v3/commentThreads', {
      status: 403,
      type: 'application/json',
      body: JSON.stringify({
        error: {
          code: 403,
          message: 'quota',
          errors: [{ message: 'quota', domain: 'youtube.quota', reason: 'quotaExceeded' }],
        },
      }),
    });
    try {
      const result = await collectCandidateReplies({
        account: { platform: 'youtube', handle: '@paslon2', candidate: 'x#2' },
        platformOrigins: { youtube: server.origins.youtube },
        youtubeApiKey: 'test-key',
        http,
      });
      expect(result.status).toBe('blocked');
      expect(result.errors[0]).toMatchObject({ code: 'COLLECTOR_RATE_LIMITED', retryable: true });
    } finally {
      server.override('/api/v3/commentThreads', null);
    }
    const noKey = await collectCandidateReplies({
      account: { platform: 'youtube', handle: '@paslon2', candidate: 'x#2' },
      platformOrigins: { youtube: server.origins.youtube },
      http,
    });
    expect(noKey.status).toBe('needs_key');
    expect(noKey.notices[0]?.code).toBe('YOUTUBE_KEY_MISSING');
  });
});
