import {
  type ApiPlatformServer,
  type BlueskyActorFixture,
  bskyFeedItem,
  bskyPostView,
  type MastodonAccountFixture,
  mastodonAccount,
  mastodonStatus,
  startApiPlatformServer,
  type TelegramChannelFixture,
} from '@netra/collectors/testing';

/** The API platforms the night bench spreads its accounts over, in turn. */
export const BENCH_PLATFORMS = ['bluesky', 'mastodon', 'telegram'] as const;
export type BenchPlatform = (typeof BENCH_PLATFORMS)[number];
const INSTANCE = 'asn.example';

export function benchAccount(i: number): { platform: BenchPlatform; handle: string; profileUrl: string } {
  const platform = BENCH_PLATFORMS[i % BENCH_PLATFORMS.length]!;
  if (platform === 'bluesky')
    return { platform, handle: `asn${i}.bsky.social`, profileUrl: `https://bsky.app/profile/asn${i}.bsky.social` };
  if (platform === 'mastodon')
    return { platform, handle: `asn${i}@${INSTANCE}`, profileUrl: `https://${INSTANCE}/@asn${i}` };
  return { platform, handle: `asn_${i}`, profileUrl: `https://t.me/asn_${i}` };
}

const did = (i: number) => `did:plc:${String(i).padStart(24, 'a')}`;

/**
 * Local servers in the platforms' documented shapes (the collectors' test server) whose accounts are made
 * on demand from their number, so 100,000 of them cost no memory; every answer waits `latencyMs`.
 */
export async function startSyntheticPlatforms(options: {
  postsPerAccount: number;
  latencyMs: number;
  texts: readonly string[];
}): Promise<ApiPlatformServer> {
  const text = (i: number, j: number) => options.texts[(i * 7 + j) % options.texts.length]!;
  const at = (i: number, j: number) => new Date(Date.UTC(2026, 10, 28, 0, 0) - (i % 1000) * 60_000 - j * 3_600_000);
  const number = (raw: string) => {
    const m = /(\d+)/.exec(raw);
    return m ? Number(m[1]) : Number.NaN;
  };
  return startApiPlatformServer(undefined, {
    pageSize: 50,
    telegramPageSize: 20,
    latencyMs: options.latencyMs,
    recordRequests: false,
    lazy: {
      bluesky(id): BlueskyActorFixture | undefined {
        const i = id.startsWith('did:plc:') ? Number(id.slice(8).replace(/^a+/, '') || '0') : number(id);
        if (!Number.isInteger(i) || benchAccount(i).platform !== 'bluesky') return undefined;
        const handle = `asn${i}.bsky.social`;
        const feed = Array.from({ length: options.postsPerAccount }, (_, j) =>
          bskyFeedItem(
            bskyPostView({
              did: did(i),
              handle,
              rkey: `3k${i}p${j}`,
              text: text(i, j),
              createdAt: at(i, j).toISOString(),
            }),
          ),
        );
        return { did: did(i), handle, feed, likes: [], follows: [] };
      },
      mastodon(usernameOrId): MastodonAccountFixture | undefined {
        const i = /^\d+$/.test(usernameOrId) ? Number(usernameOrId) - 1_000_000 : number(usernameOrId);
        if (!Number.isInteger(i) || i < 0 || benchAccount(i).platform !== 'mastodon') return undefined;
        const id = String(1_000_000 + i);
        const me = mastodonAccount(id, `asn${i}`, INSTANCE);
        const statuses = Array.from({ length: options.postsPerAccount }, (_, j) =>
          mastodonStatus({
            id: `${i}${String(options.postsPerAccount - j).padStart(4, '0')}`,
            account: me,
            instance: INSTANCE,
            content: `<p>${text(i, j)}</p>`,
            createdAt: at(i, j).toISOString(),
          }),
        );
        return { id, username: `asn${i}`, instance: INSTANCE, statuses, history: {}, following: [] };
      },
      telegram(name): TelegramChannelFixture | undefined {
        const i = number(name);
        if (!Number.isInteger(i) || benchAccount(i).platform !== 'telegram') return undefined;
        const messages = Array.from({ length: options.postsPerAccount }, (_, j) => ({
          id: options.postsPerAccount - j,
          text: text(i, j),
          date: at(i, j).toISOString().replace('.000Z', '+00:00'),
        }));
        return { name: `asn_${i}`, title: `ASN ${i}`, messages };
      },
    },
  });
}
