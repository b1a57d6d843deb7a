import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './auth-tables.ts';

export type PersonStatus = 'active' | 'paused' | 'retired';
export type AccountLinkMethod = 'self_declared' | 'analyst_verified' | 'found';
export type AccountStatus = 'unknown' | 'ok' | 'blocked' | 'private' | 'not_found';

export interface PeopleTable {
  id: Generated<string>;
  name: string;
  nip: string;
  agency: string;
  unit: string | null;
  position: string;
  region_code: string;
  /** Pejabat Pembina Kepegawaian: the official who handles the person's discipline case. */
  ppk: string | null;
  /** Pangkat/golongan, e.g. `Penata, III/c`: recipients return files without it. */
  rank_grade: ColumnType<string | null, string | null | undefined, string | null>;
  status: Generated<PersonStatus>;
  notes: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface AccountsTable {
  id: Generated<string>;
  person_id: string;
  platform: string;
  handle: string;
  profile_url: string;
  platform_id: string | null;
  link_method: Generated<AccountLinkMethod>;
  status: Generated<AccountStatus>;
  last_crawled_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** Column mapping chosen in an import preview, remembered per file shape (see @netra/watchlist columns.ts). */
export interface ImportColumnMappingsTable {
  signature: string;
  headers: ColumnType<string[], string, string>;
  mapping: ColumnType<Record<string, string>, string, string>;
  updated_by: string;
  updated_at: Generated<Date>;
}
