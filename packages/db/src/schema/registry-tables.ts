import type { ColumnType, Generated } from 'kysely';

/** jsonb column: written as a JSON string, read back parsed. */
export type Json<T> = ColumnType<T, string, string>;
/** `date` columns are read as `YYYY-MM-DD` strings (the connection sets that parser) to avoid time zones. */
export type DateString = ColumnType<string, string, string>;

export interface ContestsTable {
  id: string;
  kind: string;
  region_code: string;
  region_name: string;
  election_date: DateString;
  campaign_from: DateString;
  campaign_to: DateString;
  quiet_from: DateString | null;
  quiet_to: DateString | null;
  /** Selects the deadline rules; null: derived from `kind` (regional head → pilkada). */
  regime: ColumnType<'pemilu' | 'pilkada' | null, 'pemilu' | 'pilkada' | null | undefined, 'pemilu' | 'pilkada' | null>;
  registration_from: ColumnType<string | null, string | null | undefined, string | null>;
  registration_to: ColumnType<string | null, string | null | undefined, string | null>;
  /** Penetapan: KPU determines the candidates (bakal calon → calon). */
  determined_on: ColumnType<string | null, string | null | undefined, string | null>;
  recap_to: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CandidatesTable {
  id: Generated<string>;
  contest_id: string;
  number: number;
  names: Json<string[]>;
  aliases: Json<string[]>;
  jargon: Json<string[]>;
  hashtags: Json<string[]>;
  slogans: Json<string[]>;
  parties: Json<string[]>;
  official_accounts: Json<{ platform: string; handle: string }[]>;
  stage: Generated<'bakal_calon' | 'calon'>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
