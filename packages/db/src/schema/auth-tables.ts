import type { ColumnType, Generated } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Role = 'admin' | 'supervisor' | 'analyst' | 'viewer';

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  /** Officer profile for the Form A (jabatan, surat perintah tugas, office). */
  position: ColumnType<string | null, string | null | undefined, string | null>;
  assignment_letter_no: ColumnType<string | null, string | null | undefined, string | null>;
  office_name: ColumnType<string | null, string | null | undefined, string | null>;
  active: Generated<boolean>;
  last_login_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a leaked database does not leak live sessions. */
  id_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  ip: string;
  success: boolean;
  at: Generated<Date>;
}
