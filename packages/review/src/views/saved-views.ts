import { countSavedViews, deleteSavedView, type Executor, listSavedViews, saveView } from '@netra/db';
import { z } from 'zod';
import { ReviewError } from '../errors/review-errors.ts';
import { parseQueueQueryString, queueQueryString } from '../queue/queue-params.ts';

export const savedViewNameSchema = z
  .string({ error: 'Nama tampilan wajib diisi / a name is required' })
  .trim()
  .min(1, 'Nama tampilan wajib diisi / a name is required')
  .max(80, 'Nama tampilan paling banyak 80 karakter / at most 80 characters');

/** Saved views per user: each is listed on every queue page, and any role may save them. */
export const MAX_SAVED_VIEWS = 100;

/**
 * Saves the queue's current filters and order under a name, per user; only known filters are kept. A new name
 * beyond `MAX_SAVED_VIEWS` is refused (each save made a row, and every one was rendered on each queue page).
 */
export async function saveQueueView(db: Executor, userId: string, name: string, query: string) {
  const clean = queueQueryString(parseQueueQueryString(query));
  const parsedName = savedViewNameSchema.parse(name);
  const saved = await countSavedViews(db, userId, parsedName);
  if (saved.named === 0 && saved.total >= MAX_SAVED_VIEWS) {
    throw new ReviewError(
      'REVIEW_VIEW_LIMIT',
      `Paling banyak ${MAX_SAVED_VIEWS} tampilan tersimpan; hapus satu dulu / at most ${MAX_SAVED_VIEWS} saved views`,
      { limit: MAX_SAVED_VIEWS },
    );
  }
  return saveView(db, { userId, name: parsedName, query: clean });
}

export async function listQueueViews(db: Executor, userId: string) {
  return listSavedViews(db, userId);
}

export async function removeQueueView(db: Executor, userId: string, id: string) {
  if (!(await deleteSavedView(db, { userId, id }))) {
    throw new ReviewError('REVIEW_VIEW_NOT_FOUND', 'Tampilan tidak ditemukan / saved view not found', { id });
  }
}
