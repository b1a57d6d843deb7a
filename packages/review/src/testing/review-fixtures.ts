import { type Database, insertUser, saveClassification, upsertPost } from '@netra/db';
import { insertWatchedAccount } from '@netra/db/testing';
import type { Kysely } from 'kysely';

let serial = 0;

/** A contest with two candidates, for decisions that name one. */
export async function seedContest(db: Kysely<Database>, id = 'pilbup-uji-2024', regionCode = '73.71') {
  await db
    .insertInto('contests')
    .values({
      id,
      kind: 'walikota',
      region_code: regionCode,
      region_name: `Kota Uji ${regionCode}`,
      election_date: '2024-11-27',
      campaign_from: '2024-09-25',
      campaign_to: '2024-11-23',
      quiet_from: null,
      quiet_to: null,
    })
    .execute();
  for (const number of [1, 2]) {
    await db
      .insertInto('candidates')
      .values({
        contest_id: id,
        number,
        names: JSON.stringify([`Calon ${number}`]),
        aliases: '[]',
        jargon: '[]',
        hashtags: '[]',
        slogans: '[]',
        parties: '[]',
        official_accounts: '[]',
      })
      .execute();
  }
  return id;
}

export async function seedAnalyst(db: Kysely<Database>, username: string) {
  const row = await insertUser(db, { username, displayName: `Analis ${username}`, passwordHash: 'x', role: 'analyst' });
  return { id: row.id, username: row.username, ip: '127.0.0.1' };
}

/** One flagged post of a (new or given) watched person, as an open review item. */
export async function seedReviewItem(
  db: Kysely<Database>,
  options: { score: number; contestId: string; platform?: 'facebook' | 'x' | 'tiktok'; accountId?: string },
) {
  serial += 1;
  // Taken before the first await: items seeded concurrently must not share a number.
  const n = serial;
  const accountId =
    options.accountId ??
    (await insertWatchedAccount(db, { handle: `uji.${n}`, platform: options.platform ?? 'facebook' })).accountId;
  const post = await upsertPost(db, {
    platform: options.platform ?? 'facebook',
    externalId: `uji-${n}`,
    url: `https://example.org/${n}`,
    kind: 'post',
    accountId,
    authorHandle: `uji.${n}`,
    text: `unggahan uji ${n} #uji`,
    postedAt: new Date(Date.UTC(2024, 9, 1, 0, n)).toISOString(),
    fetchedAt: new Date(Date.UTC(2024, 9, 2, 0, n)).toISOString(),
    mediaDescriptions: [],
    evidence: [],
    raw: {},
    crawlRunId: null,
  });
  const saved = await saveClassification(db, post.id, {
    score: options.score,
    flagged: true,
    candidate: `${options.contestId}#2`,
    stance: 'pro',
    category: 'online_campaigning',
    evidence: [],
    language: 'id',
    modelVersion: 'uji',
  });
  return { id: saved.reviewItemId!, accountId };
}
