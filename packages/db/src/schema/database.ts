import type { LoginAttemptsTable, SessionsTable, UsersTable } from './auth-tables.ts';
import type {
  AccessLogTable,
  CandidateStageHistoryTable,
  CaseDocumentsTable,
  CaseItemsTable,
  CaseNumberCountersTable,
  CaseOfficersTable,
  CaseOutcomesTable,
  CaseReviewsTable,
  CasesTable,
  ReferralsTable,
} from './case-tables.ts';
import type { CanaryResultsTable, PlatformSwitchesTable } from './collector-tables.ts';
import type {
  AccountCursorsTable,
  CrawlRunAccountsTable,
  CrawlRunsTable,
  EvidenceArtefactsTable,
  ImageOcrTable,
  PostInteractionsTable,
  PostsTable,
  PostVersionsTable,
  TipsTable,
} from './content-tables.ts';
import type { CandidatesTable, ContestsTable } from './registry-tables.ts';
import type {
  AuditLogTable,
  ClassificationsTable,
  ReviewDecisionsTable,
  ReviewItemsTable,
  ReviewSavedViewsTable,
} from './review-tables.ts';
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
  review_saved_views: ReviewSavedViewsTable;
  audit_log: AuditLogTable;
  account_cursors: AccountCursorsTable;
  import_column_mappings: ImportColumnMappingsTable;
  candidate_stage_history: CandidateStageHistoryTable;
  case_number_counters: CaseNumberCountersTable;
  cases: CasesTable;
  case_items: CaseItemsTable;
  case_officers: CaseOfficersTable;
  case_reviews: CaseReviewsTable;
  referrals: ReferralsTable;
  case_outcomes: CaseOutcomesTable;
  case_documents: CaseDocumentsTable;
  access_log: AccessLogTable;
  post_interactions: PostInteractionsTable;
  post_versions: PostVersionsTable;
  tips: TipsTable;
  canary_results: CanaryResultsTable;
  platform_switches: PlatformSwitchesTable;
}
