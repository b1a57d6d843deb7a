import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './auth-tables.ts';
import type { DateString } from './registry-tables.ts';

export type CaseStatusValue =
  | 'draft'
  | 'second_review'
  | 'adjudication'
  | 'ready'
  | 'referred'
  | 'closed'
  | 'dismissed';

export interface CandidateStageHistoryTable {
  id: Generated<string>;
  candidate_id: string;
  stage: 'bakal_calon' | 'calon';
  from_date: DateString;
  note: string | null;
  recorded_by: string | null;
  recorded_at: Generated<Date>;
}

export interface CaseNumberCountersTable {
  office_code: string;
  year: number;
  last: number;
}

export interface CasesTable {
  id: Generated<string>;
  case_number: string;
  case_type: 'temuan' | 'laporan';
  status: Generated<CaseStatusValue>;
  person_id: string;
  contest_id: string;
  regime: 'pemilu' | 'pilkada';
  office_level: 'RI' | 'provinsi' | 'kabupaten_kota';
  office_region_code: string;
  office_name: string;
  found_at: Timestamp;
  registered_at: Timestamp | null;
  info_requested_at: Timestamp | null;
  extended: Generated<boolean>;
  witnesses: ColumnType<{ name: string; address: string }[], string | undefined, string>;
  chronology: string | null;
  facts: string | null;
  analysis: string | null;
  articles: ColumnType<string[], string | undefined, string>;
  skb_behaviour: string | null;
  violation_type: string | null;
  track: string | null;
  suggested_track: string | null;
  second_review_mode: 'supervisor' | 'blind' | null;
  created_by: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CaseItemsTable {
  case_id: string;
  review_item_id: string;
  stage_at_act: string | null;
  target_status: 'bakal_calon' | 'calon' | null;
  evidence_verified: Generated<boolean>;
  verified_by: string | null;
  verified_at: Timestamp | null;
  added_at: Generated<Date>;
}

export interface CaseOfficersTable {
  case_id: string;
  user_id: string;
  added_at: Generated<Date>;
}

export interface CaseReviewsTable {
  id: Generated<string>;
  case_id: string;
  reviewer_id: string;
  kind: 'first' | 'second' | 'adjudication';
  mode: 'supervisor' | 'blind' | null;
  verdict: 'pelanggaran' | 'bukan_pelanggaran';
  skb_behaviour: string | null;
  note: string | null;
  created_at: Generated<Date>;
}

export interface ReferralsTable {
  id: Generated<string>;
  case_id: string;
  letter_number: string;
  letter_date: DateString;
  recipient: string;
  channel: string;
  external_number: string | null;
  follow_up_on: DateString;
  created_by: string;
  created_at: Generated<Date>;
}

export interface CaseOutcomesTable {
  id: Generated<string>;
  case_id: string;
  referral_id: string | null;
  outcome: string;
  sk_number: string | null;
  sk_date: DateString | null;
  note: string | null;
  recorded_by: string;
  recorded_at: Generated<Date>;
}

export interface CaseDocumentsTable {
  id: Generated<string>;
  case_id: string;
  referral_id: string | null;
  name: string;
  media_type: string;
  sha256: string;
  bytes: number;
  path: string;
  uploaded_by: string;
  uploaded_at: Generated<Date>;
}

/** Reads of personal data (UU PDP Ps 31), beside the write audit. */
export interface AccessLogTable {
  id: Generated<number>;
  at: Generated<Date>;
  actor_id: string | null;
  actor_username: string;
  action: string;
  entity_type: string;
  entity_id: string;
  ip: string | null;
  /** The persons whose data the read showed (one row per request, also for a list). */
  person_ids: ColumnType<string[], string[] | undefined, never>;
}
