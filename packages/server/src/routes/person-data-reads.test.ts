import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaseForPost, seedCaseContest, seedCasePerson, seedFlaggedCasePost } from '../testing/case-fixtures.ts';
import { failJob } from '../testing/failed-job.ts';
import { createTestServer, type TestServer } from '../testing/test-server.ts';
import { allRoutes } from './index.ts';

const NIP = '199001152015032004';

/** What the test knows once the fixture is seeded: the ids a route's URL needs. */
interface Seeded {
  personId: string;
  accountId: string;
  caseId: string;
  reviewItemId: string;
  /** A screenshot of the person's post. */
  artefactSha: string;
}

/**
 * `url`: shows the seeded person there (one entry naming them); `staff`: shows officers' data there (one
 * `user_list` entry naming no person); `none`: why it shows no personal data.
 */
type Read = { url: (s: Seeded) => string } | { staff: string } | { none: string };

/**
 * Every GET route, and either the URL at which it shows the seeded person's data (then the request must leave an
 * `access_log` entry naming that person) or why it shows none. A new GET route missing here fails the first test,
 * so it cannot be added without deciding whether its reads are logged (UU PDP 27/2022 Ps 31).
 */
const READS: Record<string, Read> = {
  '/api/health': { none: 'store reachability' },
  '/api/openapi.json': { none: 'the API description' },
  '/assets/netra.css': { none: 'static file' },
  '/assets/review.js': { none: 'static file' },
  '/assets/tip-capture.js': { none: 'static file' },
  '/assets/file-import.js': { none: 'static file' },
  '/': { none: 'a redirect' },
  '/login': { none: 'the sign-in form' },
  '/api/auth/me': { none: 'the signed-in officer’s own account' },
  '/api/audit': { url: () => '/api/audit?entityType=person' },
  '/admin/audit': { url: () => '/admin/audit?entityType=person' },
  '/api/cases': { url: () => '/api/cases' },
  '/cases': { url: () => '/cases' },
  '/api/cases/:id': { url: (s) => `/api/cases/${s.caseId}` },
  '/cases/:id': { url: (s) => `/cases/${s.caseId}` },
  '/cases/:id/dossier.pdf': { url: (s) => `/cases/${s.caseId}/dossier.pdf` },
  '/api/case-export.csv': { url: () => '/api/case-export.csv' },
  '/cases/profile': { none: 'the signed-in officer’s own profile' },
  '/api/people/:id/outcomes': { url: (s) => `/api/people/${s.personId}/outcomes` },
  '/people/:id/outcomes': { url: (s) => `/people/${s.personId}/outcomes` },
  '/api/people/:id/export': { url: (s) => `/api/people/${s.personId}/export` },
  '/api/crawls': { none: 'crawl runs: platform, counts, times' },
  '/api/crawls/:id': { none: 'one crawl run' },
  '/crawls': { none: 'crawl runs and canary results' },
  '/api/queues/failed': { url: () => '/api/queues/failed' },
  '/admin/failed-jobs': { url: () => '/admin/failed-jobs' },
  '/ringkasan': { none: 'counts per platform, contest, week' },
  '/ringkasan.csv': { none: 'the same counts' },
  '/orang': { url: () => '/orang?q=Siti' },
  '/api/people/search': { url: () => '/api/people/search?q=Siti' },
  '/orang/:id': { url: (s) => `/orang/${s.personId}` },
  '/api/platform-switches': { none: 'platform switches' },
  '/admin/platforms': { none: 'platform switches' },
  '/api/registry': { none: 'contests and candidates (public figures, not ASN)' },
  '/api/registry/contests': { none: 'contests' },
  '/api/registry/contests/:id': { none: 'one contest and its candidates' },
  '/registry': { none: 'contests and candidates' },
  '/registry/export.json': { none: 'contests and candidates' },
  '/registry/contests/:id': { none: 'one contest and its candidates' },
  '/api/review/items': { url: () => '/api/review/items' },
  '/api/review/items/:id': { url: (s) => `/api/review/items/${s.reviewItemId}` },
  '/api/review/export': { url: () => '/api/review/export?format=csv' },
  '/evidence/:sha256': { url: (s) => `/evidence/${s.artefactSha}` },
  '/review': { url: () => '/review' },
  '/review/:id': { url: (s) => `/review/${s.reviewItemId}` },
  '/tips/new': { none: 'the tip form' },
  '/api/users': { staff: '/api/users' },
  '/admin/users': { staff: '/admin/users' },
  '/api/watchlist/people': { url: () => '/api/watchlist/people' },
  '/api/watchlist/people/:id': { url: (s) => `/api/watchlist/people/${s.personId}` },
  '/api/watchlist/export': { url: () => '/api/watchlist/export?format=csv' },
  '/watchlist': { url: () => '/watchlist' },
  '/watchlist/export.csv': { url: () => '/watchlist/export.csv' },
  '/watchlist/export.xlsx': { url: () => '/watchlist/export.xlsx' },
  '/watchlist/people/new': { none: 'an empty form' },
  '/watchlist/people/:id': { url: (s) => `/watchlist/people/${s.personId}` },
  '/watchlist/people/:id/edit': { url: (s) => `/watchlist/people/${s.personId}/edit` },
  '/watchlist/accounts/:id/edit': { url: (s) => `/watchlist/accounts/${s.accountId}/edit` },
  '/watchlist/import': { none: 'the upload form' },
};

describe('reads of personal data are logged', () => {
  let server: TestServer;
  let evidenceDir: string;
  let seeded: Seeded;

  beforeAll(async () => {
    evidenceDir = await mkdtemp(join(tmpdir(), 'netra-reads-'));
    server = await createTestServer({ evidenceDir });
    await seedCaseContest(server);
    const person = await seedCasePerson(server, 'siti.reads', NIP);
    const post = await seedFlaggedCasePost(server, person, {
      externalId: '301',
      text: 'Ayo dukung nomor 2 di pilkada nanti',
      postedAt: '2024-10-01T08:00:00+07:00',
    });
    const opened = await openCaseForPost(server, post.reviewItemId);
    const analyst = await server.signIn('analyst');
    // An audit entry about the person (their data before and after), for the audit pages.
    const ranked = await server.app.inject({
      method: 'POST',
      url: `/api/cases/people/${person.personId}/rank-grade`,
      headers: analyst.headers,
      payload: { rankGrade: 'Penata, III/c' },
    });
    expect(ranked.statusCode).toBe(200);
    // A crawl of the person's account that failed: the failed-job pages show its handle and id.
    await failJob(
      server,
      'crawl',
      {
        name: 'crawl-account',
        data: { runId: 'r1', accountId: person.accountId, platform: 'facebook', handle: 'siti.reads' },
        jobId: 'reads-crawl-1',
      },
      'blocked',
    );
    seeded = {
      personId: person.personId,
      accountId: person.accountId,
      caseId: opened.id,
      reviewItemId: post.reviewItemId,
      artefactSha: [...post.artefacts.keys()][0]!,
    };
  });
  afterAll(async () => {
    await server?.close();
    await rm(evidenceDir, { recursive: true, force: true });
  });

  it('classifies every GET route: logged with the person it shows, or showing no personal data', () => {
    const gets = allRoutes.filter((r) => r.method === 'GET').map((r) => r.url);
    expect(gets.sort()).toEqual(Object.keys(READS).sort());
  });

  const logged = Object.entries(READS).flatMap(([route, read]) => ('url' in read ? [[route, read.url] as const] : []));
  /** The `access_log` entries one GET as admin leaves (the request must answer 200). */
  async function accessEntriesOf(url: string) {
    const admin = await server.signIn('admin');
    const { max } = await server.database.db
      .selectFrom('access_log')
      .select((eb) => eb.fn.coalesce(eb.fn.max('id'), sql<number>`0`).as('max'))
      .executeTakeFirstOrThrow();
    const response = await server.app.inject({ method: 'GET', url, headers: admin.headers });
    expect(response.statusCode, response.body.slice(0, 300)).toBe(200);
    return server.database.db
      .selectFrom('access_log')
      .select(['actor_username', 'entity_type', 'entity_id', 'person_ids'])
      .where('id', '>', max)
      .execute();
  }

  it.each(logged)('GET %s leaves one access entry naming the person it showed', async (_route, url) => {
    const entries = await accessEntriesOf(url(seeded));
    expect(entries.length, 'one access entry per request').toBe(1);
    expect(entries[0]).toMatchObject({ actor_username: 'admin' });
    expect(entries[0]?.person_ids).toEqual([seeded.personId]);
  });

  const staff = Object.entries(READS).flatMap(([route, read]) =>
    'staff' in read ? [[route, read.staff] as const] : [],
  );
  it.each(staff)('GET %s leaves one user_list entry naming no person', async (route, url) => {
    const entries = await accessEntriesOf(url);
    expect(entries).toEqual([
      { actor_username: 'admin', entity_type: 'user_list', entity_id: `GET ${route}`, person_ids: [] },
    ]);
  });

  it('lists the list reads naming the person in their access export (who read my data)', async () => {
    const admin = await server.signIn('admin');
    await server.app.inject({ method: 'GET', url: '/review', headers: admin.headers });
    const response = await server.app.inject({
      method: 'GET',
      url: `/api/people/${seeded.personId}/export`,
      headers: admin.headers,
    });
    expect(response.statusCode).toBe(200);
    const reads = JSON.parse(response.body).processing.reads as { entity_type: string; entity_id: string }[];
    expect(reads.map((r) => `${r.entity_type} ${r.entity_id}`)).toContain('person_list GET /review');
  });
});
