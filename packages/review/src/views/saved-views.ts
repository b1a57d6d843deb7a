import { deleteSavedView, type Executor, listSavedViews, saveView } from '@netra/db';
import { z } from 'zod';
import { ReviewError } from '../errors/review-errors.ts';
import { parseQueueQueryString, queueQueryString } from '../queue/queue-params.ts';

export const savedViewNameSchema = z
  .string({ error: 'Nama tampilan wajib diisi / a name is required' })
  .trim()
  .min(1, 'Nama tampilan wajib diisi / a name is required')
  .max(80, 'Nama tampilan paling banyak 80 karakter / at most 80 characters');

/** Saves the queue's current filters and order under a name, per user; only known filters are kept. */
export async function saveQueueView(db: Executor, userId: string, name: string, query: string) {
  const clean = queueQueryString(parseQueueQueryString(query));
  return saveView(db, { userId, name: savedViewNameSchema.parse(name), query: clean });
}

export async function listQueueViews(db: Executor, userId: string) {
  return listSavedViews(db, userId);
}

export async function removeQueueView(db: Executor, userId: string, id: string) {
  if (!(await deleteSavedView(db, { userId, id }))) {
    throw new ReviewError('REVIEW_VIEW_NOT_FOUND', 'Tampilan tidak ditemukan / saved view not found', { id });
  }
}
