import type { ContestTiming } from '@netra/core';
import type { Generated } from 'kysely';
import type { Timestamp } from './auth-tables.ts';
import type { Json } from './registry-tables.ts';

export type ReviewStatus = 'open' | 'confirmed' | 'dismissed' | 'escalated' | 'needs_info';
export type ReviewDecisionKind = Exclude<ReviewStatus, 'open'> | 'reopened';
export type DismissReason =
  | 'news_report'
  | 'official_duty'
  | 'ordinary_word'
  | 'namesake'
  | 'not_their_account'
  | 'other';

export interface ClassificationsTable {
  id: Generated<string>;
  post_id: string;
  model_version: string;
  score: number;
  flagged: boolean;
  candidate: string | null;
  stance: 'pro' | 'contra' | null;
  category: string | null;
  evidence: Json<{ start: number; end: number; cue: string }[]>;
  language: string;
  /** The model read the text OCR found in the post's images too (part of the key: a tip is re-scored once read). */
  with_image_text: Generated<boolean>;
  /**
   * What the image text was computed from: '' without image text, else the SHA-256 of the sorted digests of the
   * texts read (`imageTextKey`). Part of the key, so a further image with new text is a new classification.
   */
  image_text_key: Generated<string>;
  /** '' = read the post's stored text; else the SHA-256 of the later text it read (a tip's new text; migration 2026-12-04-3000). */
  text_key: Generated<string>;
  /** A dated post's `contestTiming` (the chosen contest's running window and the post's day); null when undated. */
  contest_timing: Json<ContestTiming> | null;
  created_at: Generated<Date>;
}

export interface ReviewItemsTable {
  id: Generated<string>;
  post_id: string;
  classification_id: string;
  /** Mirrors the latest decision so the queue can be listed by index; decisions stay the record. */
  status: Generated<ReviewStatus>;
  score: number;
  assigned_to: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** Who holds the item now; free again once `claim_expires_at` has passed. */
  claimed_by: string | null;
  claim_expires_at: Timestamp | null;
  /** Sort and filter keys copied from the post, account and classification by an insert trigger. */
  posted_at: Generated<Date | null>;
  captured_at: Generated<Date | null>;
  platform: Generated<string | null>;
  person_id: Generated<string | null>;
  contest_id: Generated<string | null>;
  /** The model's candidate until a decision names one. */
  candidate: Generated<string | null>;
  decided_at: Timestamp | null;
  decided_by: string | null;
}

export interface ReviewSavedViewsTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  query: string;
  created_at: Generated<Date>;
}

export interface ReviewDecisionsTable {
  id: Generated<string>;
  review_item_id: string;
  decided_by: string;
  decision: ReviewDecisionKind;
  label: 'endorse' | 'neutral';
  candidate: string | null;
  stance: 'pro' | 'contra' | null;
  category: string | null;
  note: string | null;
  reason: DismissReason | null;
  /** Set on an undo: the decision this one takes back. */
  undoes: string | null;
  created_at: Generated<Date>;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_id: string | null;
  actor_username: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  ip: string | null;
}
