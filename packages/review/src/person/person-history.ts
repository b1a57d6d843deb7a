import {
  appendAudit,
  type Executor,
  getPerson,
  listPersonAccounts,
  listPersonReviewItems,
  searchPeople,
  summarisePersonReviews,
} from '@netra/db';
import type { ReviewActor } from '../decide/decide.ts';
import { ReviewError } from '../errors/review-errors.ts';
import { cleanSearchText } from '../queue/queue-params.ts';

/**
 * A person's whole record: accounts, every flagged post across contests with the decision in force, counts
 * by outcome and the first and last confirmed violation. Reading it is a personal-data read: audited.
 */
export async function loadPersonHistory(db: Executor, personId: string, actor: ReviewActor) {
  const person = await getPerson(db, personId);
  if (!person) {
    throw new ReviewError('REVIEW_PERSON_NOT_FOUND', 'ASN tidak ditemukan / person not found', { id: personId });
  }
  const [accounts, items, summary] = await Promise.all([
    listPersonAccounts(db, personId),
    listPersonReviewItems(db, personId),
    summarisePersonReviews(db, personId),
  ]);
  await appendAudit(db, {
    actorId: actor.id,
    actorUsername: actor.username,
    action: 'person.view',
    entityType: 'person',
    entityId: personId,
    ip: actor.ip ?? null,
  });
  return { person, accounts, items, ...summary };
}

/** The people search: digits are the start of a NIP (spaces and dots ignored), anything else a name start. */
export async function findPeople(db: Executor, query: string) {
  const q = cleanSearchText(query);
  if (!q) return [];
  const digits = q.replace(/[\s.-]/g, '');
  if (/^\d+$/.test(digits)) return searchPeople(db, { nip: digits.slice(0, 18) });
  return searchPeople(db, { name: q });
}
