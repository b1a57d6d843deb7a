import { createTestDatabase, type TestDatabase } from '@netra/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAnalyst, seedContest, seedReviewItem } from '../testing/review-fixtures.ts';
import { claimItem, claimNext, releaseItem } from './claims.ts';

describe('claims', () => {
  let database: TestDatabase;
  let contest: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    contest = await seedContest(database.db);
  });
  afterAll(async () => database?.drop());

  it('gives concurrent analysts different items, never the same one', async () => {
    const db = database.db;
    const items = await Promise.all(
      [0.91, 0.92, 0.93, 0.94].map((score) => seedReviewItem(db, { score, contestId: contest })),
    );
    const analysts = await Promise.all(['k1', 'k2', 'k3', 'k4'].map((u) => seedAnalyst(db, u)));
    const claimed = await Promise.all(
      analysts.map((a) => claimNext(db, a, { contestId: contest, minScore: 0.9 }, { leaseSeconds: 60 })),
    );
    expect(new Set(claimed).size).toBe(4);
    expect([...claimed].sort()).toEqual(items.map((i) => i.id).sort());
    // Nothing is left for a fifth analyst, and one who asks again gets back what they hold.
    const fifth = await seedAnalyst(db, 'k5');
    expect(await claimNext(db, fifth, { contestId: contest, minScore: 0.9 }, { leaseSeconds: 60 })).toBeUndefined();
    expect(await claimNext(db, analysts[0]!, { contestId: contest, minScore: 0.9 }, { leaseSeconds: 60 })).toBe(
      claimed[0],
    );
  });

  it('keeps a live claim from others, and frees it on release or when the lease runs out', async () => {
    const db = database.db;
    const item = await seedReviewItem(db, { score: 0.5, contestId: contest });
    const [a, b] = [await seedAnalyst(db, 'l1'), await seedAnalyst(db, 'l2')];
    expect((await claimItem(db, a, item.id, 60)).mine).toBe(true);
    const refused = await claimItem(db, b, item.id, 60);
    expect(refused).toMatchObject({ mine: false, holderId: a.id });
    expect(await releaseItem(db, b, item.id)).toBe(false);
    expect(await releaseItem(db, a, item.id)).toBe(true);
    expect((await claimItem(db, b, item.id, 1)).mine).toBe(true);
    await new Promise((r) => setTimeout(r, 1_200));
    expect((await claimItem(db, a, item.id, 60)).mine).toBe(true);
  });
});
