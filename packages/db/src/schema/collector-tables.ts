import type { ColumnType, Generated } from 'kysely';

/** One platform's result of one canary check (`netra collectors check`). */
export interface CanaryResultsTable {
  id: Generated<string>;
  platform: string;
  definition_version: string | null;
  account: string;
  verdict: 'recognised' | 'changed' | 'walled' | 'consent' | 'captcha' | 'not_found' | 'unreachable';
  items: number;
  detail: string;
  checked_at: ColumnType<Date, Date | string, Date | string>;
}

/** The admin's kill switch per platform; a platform without a row is on. */
export interface PlatformSwitchesTable {
  platform: string;
  enabled: boolean;
  reason: string;
  changed_by: string | null;
  changed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
