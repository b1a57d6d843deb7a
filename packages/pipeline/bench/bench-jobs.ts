import { benchPosts } from '@netra/classifier/bench-posts';
import type { Database } from '@netra/db';
import type { ClassifyJob } from '@netra/queue';
import type { Kysely } from 'kysely';

/**
 * `n` demo-like classify jobs for the pipeline bench and the store probe: corpus variants spread over the seeded
 * demo watchlist's accounts, each with two evidence references; `tag` keeps one run's external ids apart.
 */
export async function benchClassifyJobs(db: Kysely<Database>, n: number, tag: string): Promise<ClassifyJob[]> {
  const accounts = await db
    .selectFrom('accounts as a')
    .innerJoin('people as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.platform', 'a.handle', 'p.region_code as region'])
    .orderBy('a.handle')
    .execute();
  return benchPosts(n).map((post, i) => {
    const account = accounts[i % accounts.length]!;
    const hash = (k: string) => (BigInt(i) * 1_000_003n + BigInt(k.length)).toString(16).padStart(64, '0').slice(-64);
    const fetchedAt = new Date(Date.UTC(2024, 9, 1) + i * 60_000).toISOString();
    return {
      platform: account.platform as ClassifyJob['platform'],
      externalId: `${tag}-${i}`,
      url: `https://example.test/${account.platform}/${account.handle}/posts/${i}`,
      kind: post.kind ?? 'post',
      accountId: account.id,
      authorHandle: account.handle,
      text: post.text,
      postedAt: new Date(Date.UTC(2024, 8, 25) + i * 60_000).toISOString(),
      fetchedAt,
      ...(post.context ? { context: post.context } : {}),
      mediaDescriptions: i % 7 === 0 ? ['Foto bersama warga di halaman kantor kelurahan'] : [],
      evidence: (['screenshot', 'html'] as const).map((kind) => ({
        kind,
        sha256: hash(kind),
        bytes: kind === 'screenshot' ? 48_213 : 9_877,
        mediaType: kind === 'screenshot' ? 'image/png' : 'text/html',
        path: `${hash(kind).slice(0, 2)}/${hash(kind)}.${kind === 'screenshot' ? 'png' : 'html'}`,
        capturedAt: fetchedAt,
      })),
      raw: { source: 'bench', index: i },
      crawlRunId: null,
      regionCode: post.region ?? account.region,
    };
  });
}
