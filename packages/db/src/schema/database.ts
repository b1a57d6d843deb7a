import type { LoginAttemptsTable, SessionsTable, UsersTable } from './auth-tables.ts';
import type {
  AccountCursorsTable,
  CrawlRunAccountsTable,
  CrawlRunsTable,
  EvidenceArtefactsTable,
  ImageOcrTable,
  PostsTable,
} from './content-tables.ts';
import type { CandidatesTable, ContestsTable } from './registry-tables.ts';
import type { AuditLogTable, ClassificationsTable, ReviewDecisionsTable, ReviewItemsTable } from './review-tables.ts';
import type { AccountsTable, ImportColumnMappingsTable, PeopleTable } from './watchlist-tables.ts';

/** Every table Netra owns, as kysely sees it. */
export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  people: PeopleTable;
  accounts: AccountsTable;
  contests: ContestsTable;
  candidates: CandidatesTable;
  crawl_runs: CrawlRunsTable;
  crawl_run_accounts: CrawlRunAccountsTable;
  posts: PostsTable;
  evidence_artefacts: EvidenceArtefactsTable;
  image_ocr: ImageOcrTable;
  classifications: ClassificationsTable;
  review_items: ReviewItemsTable;
  review_decisions: ReviewDecisionsTable;
  audit_log: AuditLogTable;
  account_cursors: AccountCursorsTable;
  import_column_mappings: ImportColumnMappingsTable;
}
