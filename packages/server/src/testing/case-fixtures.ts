import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ContestTiming } from '@netra/core';
import { insertUser, saveClassification, upsertPost } from '@netra/db';
import { insertWatchedAccount } from '@netra/db/testing';
import { hashPassword } from '../auth/passwords.ts';
import { TEST_PASSWORD, type TestServer } from './test-server.ts';

export const CASE_CONTEST = 'pilbup-mesuji-2024';

/** A Pilkada contest with every milestone (penetapan 22 Sep 2024) and candidate #2 with a stage history. */
export async function seedCaseContest(server: TestServer): Promise<void> {
  const db = server.database.db;
  await db
    .insertInto('contests')
    .values({
      id: CASE_CONTEST,
      kind: 'bupati',
      region_code: '18.11',
      region_name: 'Kabupaten Mesuji',
      election_date: '2024-11-27',
      campaign_from: '2024-09-25',
      campaign_to: '2024-11-23',
      quiet_from: '2024-11-24',
      quiet_to: '2024-11-26',
      regime: 'pilkada',
      registration_from: '2024-08-27',
      registration_to: '2024-08-29',
      determined_on: '2024-09-22',
      recap_to: '2024-12-16',
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
  await db
    .insertInto('candidates')
    .values({
      contest_id: CASE_CONTEST,
      number: 2,
      names: JSON.stringify(['Bambang Wijaya', 'Nurul Hasanah']),
      aliases: '[]',
      jargon: '[]',
      hashtags: '[]',
      slogans: '[]',
      parties: '[]',
      official_accounts: '[]',
    })
    .onConflict((oc) => oc.columns(['contest_id', 'number']).doNothing())
    .execute();
}

export interface SeededPost {
  reviewItemId: string;
  postId: string;
  text: string;
  /** SHA-256 → the bytes written to the evidence store. */
  artefacts: Map<string, Buffer>;
}

/** A tiny valid PNG (1×1), different per seed so each post gets its own hash. */
function png(seed: number): Buffer {
  const base = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  // Trailing bytes after IEND are ignored by decoders and make the hash unique.
  return Buffer.concat([base, Buffer.from(`netra-test-${seed}`)]);
}

let seedCounter = 0;

/** A flagged post with a screenshot and an HTML snapshot written to the evidence store. */
export async function seedFlaggedCasePost(
  server: TestServer,
  person: { accountId: string; handle: string },
  post: {
    externalId: string;
    text: string;
    postedAt: string;
    category?: 'online_campaigning' | 'candidate_interaction';
    /** The candidate the classifier named (default `${CASE_CONTEST}#2`). */
    candidate?: string;
    /** What the classifier said about the post's day and the contest (dated posts). */
    contestTiming?: ContestTiming;
  },
): Promise<SeededPost> {
  const db = server.database.db;
  seedCounter += 1;
  const artefacts = new Map<string, Buffer>();
  const evidence = [];
  for (const [kind, bytes, mediaType, ext] of [
    ['screenshot', png(seedCounter), 'image/png', 'png'],
    ['html', Buffer.from(`<html><body><p>${post.externalId}</p></body></html>`), 'text/html', 'html'],
  ] as const) {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = join(sha256.slice(0, 2), `${sha256}.${ext}`);
    await mkdir(dirname(join(server.config.evidenceDir, path)), { recursive: true });
    await writeFile(join(server.config.evidenceDir, path), bytes);
    artefacts.set(sha256, bytes);
    evidence.push({ kind, sha256, bytes: bytes.length, mediaType, path, capturedAt: '2024-10-02T01:00:00Z' });
  }
  const stored = await upsertPost(db, {
    platform: 'facebook',
    externalId: post.externalId,
    url: `https://www.facebook.com/${person.handle}/posts/${post.externalId}`,
    kind: 'post',
    accountId: person.accountId,
    authorHandle: person.handle,
    text: post.text,
    postedAt: post.postedAt,
    fetchedAt: '2024-10-02T01:00:00Z',
    mediaDescriptions: [],
    evidence,
    raw: { collector: 'netra-browser-facebook', collectorVersion: '0.1.0' },
    crawlRunId: null,
  });
  const saved = await saveClassification(db, stored.id, {
    score: 0.95,
    flagged: true,
    candidate: post.candidate ?? `${CASE_CONTEST}#2`,
    stance: 'pro',
    category: post.category ?? 'online_campaigning',
    evidence: [],
    language: 'ind',
    modelVersion: 'test-1',
    ...(post.contestTiming ? { contestTiming: post.contestTiming } : {}),
  });
  return { reviewItemId: saved.reviewItemId!, postId: stored.id, text: post.text, artefacts };
}

export async function seedCasePerson(server: TestServer, handle: string, nip: string) {
  const account = await insertWatchedAccount(server.database.db, {
    name: 'Siti Aminah',
    nip,
    agency: 'Dinas Pendidikan Kabupaten Mesuji',
    position: 'Guru Ahli Muda',
    ppk: 'Bupati Mesuji',
    handle,
  });
  return { ...account, handle };
}

/** An analyst confirms a flagged post for candidate #2 and opens a case for it; answers the new case row. */
export async function openCaseForPost(server: TestServer, reviewItemId: string) {
  const analyst = await server.signIn('analyst');
  const decided = await server.app.inject({
    method: 'POST',
    url: `/api/review/items/${reviewItemId}/decisions`,
    headers: analyst.headers,
    payload: {
      decision: 'confirmed',
      label: 'endorse',
      candidate: `${CASE_CONTEST}#2`,
      stance: 'pro',
      category: 'online_campaigning',
    },
  });
  if (decided.statusCode !== 201) throw new Error(`decision refused: ${decided.statusCode} ${decided.body}`);
  const created = await server.app.inject({
    method: 'POST',
    url: '/api/cases',
    headers: analyst.headers,
    payload: { itemIds: [reviewItemId] },
  });
  if (created.statusCode !== 201) throw new Error(`case refused: ${created.statusCode} ${created.body}`);
  return created.json() as { id: string; case_number: string };
}

/** A watched person with one flagged post, confirmed by an analyst and opened as a case (`openCaseForPost`). */
export async function seedPersonWithCase(
  server: TestServer,
  person: { handle: string; nip: string },
  post: { externalId: string; text: string; postedAt: string },
) {
  const seeded = await seedCasePerson(server, person.handle, person.nip);
  const flagged = await seedFlaggedCasePost(server, seeded, post);
  return { person: seeded, post: flagged, case: await openCaseForPost(server, flagged.reviewItemId) };
}

/** Another user of a role, signed in; the seeded users are one per role. */
export async function signInExtraUser(server: TestServer, username: string, role: 'analyst' | 'supervisor') {
  await insertUser(server.database.db, {
    username,
    displayName: `Test ${username}`,
    passwordHash: await hashPassword(TEST_PASSWORD),
    role,
  });
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: TEST_PASSWORD },
  });
  const cookie = response.cookies.find((c) => c.name === 'netra_session');
  if (!cookie) throw new Error(`sign-in as ${username} failed: ${response.body}`);
  const csrfToken = (response.json() as { csrfToken: string }).csrfToken;
  return {
    cookie: `netra_session=${cookie.value}`,
    csrfToken,
    headers: { cookie: `netra_session=${cookie.value}`, 'x-csrf-token': csrfToken },
  };
}
