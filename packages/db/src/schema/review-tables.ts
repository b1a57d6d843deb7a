import type { Generated } from 'kysely';
import type { Json } from './registry-tables.ts';

export type ReviewStatus = 'open' | 'confirmed' | 'dismissed' | 'escalated' | 'needs_info';
export type ReviewDecisionKind = Exclude<ReviewStatus, 'open'>;

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
