import { describe, expect, it } from 'vitest';
import { recordingDatabase } from '../testing/recording-database.ts';
import { logRead } from './access-log-repository.ts';
import { listAccountsOfPeople, listPersonsOfAccounts, lockAccountHandle } from './account-repository.ts';
import { listAudit } from './audit-repository.ts';
import {
  casesReferencing,
  itemsForCase,
  listCases,
  listDoubleReviews,
  lockItemsForCase,
  nextCaseSequence,
} from './case-repository.ts';
import { saveClassification, saveClassifications } from './classification-repository.ts';
import {
  findActiveCrawlRun,
  findActiveCrawlRunHolding,
  findActiveListRunHolding,
  listCrawlableAccounts,
  lockCrawlTarget,
  recordAccountCrawled,
} from './crawl-repository.ts';
import { listArtefactsAfter } from './evidence-repository.ts';
import { saveInteractions } from './interaction-repository.ts';
import { countRecentFailures } from './login-attempt-repository.ts';
import { countPostsStoredSince, readReviewBacklog } from './ops-stats-repository.ts';
import { listAllPersonIds, listPeoplePage, lockPersonNip } from './people-repository.ts';
import { listPersonsOfArtefact, listPostIdsForEvidence, upsertPost, upsertPosts } from './post-repository.ts';
import { listPostsToRecheck } from './post-watch-repository.ts';
import { listOutcomesOfPerson, listReferralsDue } from './referral-repository.ts';
import { readStoredRegistry } from './registry-repository.ts';
import { purgeUnflaggedPosts } from './retention-repository.ts';
import { countBulkSelection, dismissReviewItems, lockBulkSelection } from './review-bulk-repository.ts';
import { claimNextReviewItem, claimReviewItem, lockReviewItem, releaseReviewClaim } from './review-claim-repository.ts';
import { analystThroughput, openItemsByAge, overviewCounts } from './review-overview-repository.ts';
import { listPersonReviewItems, searchPeople, summarisePersonReviews } from './review-person-repository.ts';
import {
  appendDecision,
  countReviewItemsByStatus,
  countReviewQueue,
  findQueueNeighbour,
  listDecidedItemsPage,
  listReviewItems,
} from './review-repository.ts';
import { findLiveSession } from './session-repository.ts';
import { findPostForTextJob, recordSightingsAndTexts } from './sighting-text-repository.ts';
import { findWatchedAccount, storedPostedAt } from './tip-repository.ts';

const ID = '00000000-0000-4000-8000-000000000001';

/**
 * The SQL of the queries that matter most (the analysts' queue, idempotent writes, the crawl counters,
 * sign-in throttling), kept in a file beside this test. A change to any of them changes the file, so it is
 * seen in review — the habit immich keeps for its repositories.
 */
describe('repository SQL', () => {
  it('matches the reviewed snapshot', async () => {
    const { db, queries } = recordingDatabase();
    const calls: [string, () => Promise<unknown>][] = [
      [
        'listReviewItems (all filters)',
        () =>
          listReviewItems(db, {
            status: 'open',
            platform: 'x',
            contestId: 'c',
            regionCode: '18',
            minScore: 0.5,
            search: 'a',
            limit: 10,
            offset: 20,
          }),
      ],
      [
        'listReviewItems (my queue, NIP search, sorted by posted time)',
        () =>
          listReviewItems(db, {
            status: 'open',
            assignedTo: ID,
            search: { kind: 'nip', value: '19850103' },
            sort: 'posted',
            direction: 'asc',
          }),
      ],
      ['countReviewQueue', () => countReviewQueue(db, { status: 'open', search: { kind: 'hashtag', value: 'x' } })],
      ['findQueueNeighbour', () => findQueueNeighbour(db, { status: 'open', sort: 'captured' }, ID, 'next')],
      [
        'claimNextReviewItem (row lock, SKIP LOCKED, lease)',
        () => claimNextReviewItem(db, { userId: ID, leaseSeconds: 120, filter: { platform: 'x' }, excludeIds: [ID] }),
      ],
      ['claimReviewItem', () => claimReviewItem(db, { itemId: ID, userId: ID, leaseSeconds: 120 })],
      ['releaseReviewClaim', () => releaseReviewClaim(db, { itemId: ID, userId: ID })],
      ['lockReviewItem (decision)', () => lockReviewItem(db, ID)],
      ['lockBulkSelection', () => lockBulkSelection(db, { contestId: 'c' }, ID)],
      ['countBulkSelection', () => countBulkSelection(db, { contestId: 'c' }, ID)],
      [
        'dismissReviewItems (bulk)',
        () => dismissReviewItems(db, { ids: [ID], decidedBy: ID, reason: 'news_report', note: null }),
      ],
      ['searchPeople (NIP prefix)', () => searchPeople(db, { nip: '1985' })],
      ['listPersonReviewItems', () => listPersonReviewItems(db, ID)],
      ['summarisePersonReviews', () => summarisePersonReviews(db, ID)],
      ['overviewCounts', () => overviewCounts(db)],
      ['openItemsByAge', () => openItemsByAge(db)],
      ['analystThroughput', () => analystThroughput(db)],
      ['countReviewItemsByStatus', () => countReviewItemsByStatus(db)],
      ['readReviewBacklog', () => readReviewBacklog(db)],
      ['listArtefactsAfter', () => listArtefactsAfter(db, 'ab', 500)],
      ['countPostsStoredSince', () => countPostsStoredSince(db, new Date(0))],
      ['listDecidedItemsPage', () => listDecidedItemsPage(db, { since: new Date(0), contestId: 'c' }, ID, 1000)],
      ['listAllPersonIds', () => listAllPersonIds(db)],
      [
        'listPeoplePage (the watchlist export, a page after a person)',
        () => listPeoplePage(db, { name: 'a', nip: '1' }, 500),
      ],
      ['listAccountsOfPeople', () => listAccountsOfPeople(db, [ID])],
      ['listPersonsOfArtefact', () => listPersonsOfArtefact(db, 'a'.repeat(64))],
      [
        'appendDecision',
        () =>
          appendDecision(db, {
            reviewItemId: ID,
            decidedBy: ID,
            decision: 'confirmed',
            label: 'endorse',
            candidate: 'c#1',
            stance: 'pro',
            category: null,
            note: null,
          }),
      ],
      [
        'upsertPost',
        () =>
          upsertPost(db, {
            platform: 'x',
            externalId: '1',
            url: 'https://x.com/a/status/1',
            kind: 'post',
            accountId: ID,
            authorHandle: 'a',
            text: 't',
            postedAt: null,
            fetchedAt: '2024-10-01T00:00:00Z',
            mediaDescriptions: [],
            evidence: [],
            raw: {},
            crawlRunId: null,
          }),
      ],
      [
        'saveClassification',
        () =>
          saveClassification(db, ID, {
            score: 0.9,
            flagged: true,
            candidate: 'c#1',
            stance: 'pro',
            category: 'online_campaigning',
            evidence: [],
            language: 'id',
            modelVersion: 'm',
          }),
      ],
      [
        'upsertPosts (the classifier worker: one statement for a batch of posts and their evidence)',
        () =>
          upsertPosts(db, [
            {
              platform: 'x',
              externalId: '1',
              url: 'https://x.com/a/status/1',
              kind: 'post',
              accountId: ID,
              authorHandle: 'a',
              text: 't',
              postedAt: null,
              fetchedAt: '2024-10-01T00:00:00Z',
              mediaDescriptions: [],
              evidence: [],
              raw: {},
              crawlRunId: null,
            },
          ]),
      ],
      [
        'saveClassifications (the classifier worker: one statement for classifications and review items)',
        () =>
          saveClassifications(db, [
            {
              postId: ID,
              result: {
                score: 0.9,
                flagged: true,
                candidate: 'c#1',
                stance: 'pro',
                category: 'online_campaigning',
                evidence: [],
                language: 'id',
                modelVersion: 'm',
              },
            },
          ]),
      ],
      ['listCrawlableAccounts', () => listCrawlableAccounts(db, [ID])],
      [
        'recordAccountCrawled',
        () =>
          recordAccountCrawled(db, {
            runId: ID,
            accountId: ID,
            status: 'ok',
            postsFound: 3,
            failed: false,
            errors: [{ code: 'E', message: 'm' }],
          }),
      ],
      ['countRecentFailures', () => countRecentFailures(db, { username: 'u', ip: '127.0.0.1' }, new Date(0))],
      ['findLiveSession', () => findLiveSession(db, 'h', new Date(0))],
      [
        'listAudit',
        () => listAudit(db, { entityType: 'user', entityId: ID, actorUsername: 'admin', beforeId: 10, limit: 5 }),
      ],
      ['readStoredRegistry', () => readStoredRegistry(db)],
      ['nextCaseSequence (case numbers per office and year)', () => nextCaseSequence(db, '18.11', 2024)],
      ['itemsForCase', () => itemsForCase(db, [ID])],
      ['lockPersonNip (adding or changing a person)', () => lockPersonNip(db, '198001012005011001')],
      ['lockAccountHandle (adding or changing an account)', () => lockAccountHandle(db, 'instagram', 'Budi.S')],
      ['lockCrawlTarget ("crawl now" of one target)', () => lockCrawlTarget(db, 'all')],
      ['findActiveCrawlRun ("crawl now" sent again)', () => findActiveCrawlRun(db, 'all', new Date(0))],
      [
        'findActiveCrawlRunHolding ("crawl now" of accounts a crawl of all holds)',
        () => findActiveCrawlRunHolding(db, ['all', 'full:all'], [ID], new Date(0)),
      ],
      [
        'findActiveListRunHolding ("crawl now" of accounts a crawl of a list holds)',
        () => findActiveListRunHolding(db, ['accounts:', 'full:accounts:'], [ID], new Date(0)),
      ],
      [
        'listPersonsOfAccounts (the failed-job pages’ read entry)',
        () => listPersonsOfAccounts(db, { ids: [ID], handles: [{ platform: 'x', handle: '@Ani' }] }),
      ],
      ["lockItemsForCase (open a case, add items: under the items' locks)", () => lockItemsForCase(db, [ID])],
      ['listCases (the /cases list)', () => listCases(db, { status: 'draft', personId: ID, limit: 10 })],
      ['casesReferencing (a person or contest a case keeps)', () => casesReferencing(db, { personId: ID })],
      ['listDoubleReviews (kappa)', () => listDoubleReviews(db)],
      ['listReferralsDue (follow-up reminders)', () => listReferralsDue(db, '2024-10-19')],
      ['listOutcomesOfPerson', () => listOutcomesOfPerson(db, ID)],
      [
        'logRead (UU PDP read log)',
        () => logRead(db, { actorId: ID, actorUsername: 'viewer', action: 'read', entityType: 'case', entityId: ID }),
      ],
      ['purgeUnflaggedPosts (retention)', () => purgeUnflaggedPosts(db, new Date(0))],
      [
        'listPostsToRecheck',
        () => listPostsToRecheck(db, { checkedBefore: new Date(0), limit: 50, platforms: ['bluesky', 'mastodon'] }),
      ],
      [
        // The one statement every crawl pays: its posts stored or seen again, with their stored and latest hashes.
        "recordSightingsAndTexts (a crawl's posts, with their stored and latest hashes)",
        () =>
          recordSightingsAndTexts(
            db,
            [
              {
                platform: 'bluesky',
                externalId: 'at://x',
                url: 'https://bsky.app/x',
                kind: 'post',
                accountId: ID,
                authorHandle: 'a',
                text: '',
                postedAt: null,
                fetchedAt: '2026-11-29T00:00:00Z',
                mediaDescriptions: [],
                evidence: [],
                raw: {},
                crawlRunId: null,
              },
            ],
            { textComplete: true },
          ),
      ],
      ['findPostForTextJob', () => findPostForTextJob(db, ID)],
      [
        'saveInteractions',
        () =>
          saveInteractions(db, [
            {
              postId: ID,
              interaction: {
                kind: 'like',
                at: null,
                target: {
                  type: 'post',
                  externalId: 'at://x',
                  url: null,
                  authorHandle: 'c',
                  text: 't',
                  candidate: 'c#1',
                },
              },
            },
          ]),
      ],
      ['findWatchedAccount', () => findWatchedAccount(db, 'x', 'Budi')],
      ['storedPostedAt', () => storedPostedAt(db, ID)],
      ['listPostIdsForEvidence', () => listPostIdsForEvidence(db, { after: ID, limit: 500 })],
    ];
    const sections: string[] = [];
    for (const [name, call] of calls) {
      const before = queries.length;
      await call().catch(() => undefined);
      const emitted = queries.slice(before).map((q) => `${q.sql};`);
      expect(emitted.length, name).toBeGreaterThan(0);
      sections.push(`-- ${name}\n${emitted.join('\n')}`);
    }
    await expect(`${sections.join('\n\n')}\n`).toMatchFileSnapshot('./__snapshots__/queries.sql');
  });
});
