import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './auth-tables.ts';
import type { Json } from './registry-tables.ts';

export type CrawlTrigger = 'nightly' | 'on_demand';
export type CrawlStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface CrawlRunsTable {
  id: Generated<string>;
  trigger: CrawlTrigger;
  requested_by: string | null;
  status: Generated<CrawlStatus>;
  accounts_total: Generated<number>;
  accounts_done: Generated<number>;
  accounts_failed: Generated<number>;
  posts_found: Generated<number>;
  errors: ColumnType<unknown[], string | undefined, string>;
  created_at: Generated<Date>;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  /** What an on-demand run was asked to crawl (`startCrawlRun`'s target key); null for nightly runs. */
  target: ColumnType<string | null, string | null | undefined, string | null>;
  /** The accounts a run of a list of accounts queued (migration 2026-12-06-2100); null for a run of all. */
  account_ids: ColumnType<string[] | null, string[] | null | undefined, string[] | null>;
}

/** One account's result in one crawl run; the run's counters are derived from these rows. */
export interface CrawlRunAccountsTable {
  run_id: string;
  account_id: string;
  status: string;
  posts_found: number;
  failed: boolean;
  errors: ColumnType<unknown[], string | undefined, string>;
  recorded_at: Generated<Date>;
}

export interface PostsTable {
  id: Generated<string>;
  platform: string;
  external_id: string;
  account_id: string | null;
  author_handle: string;
  url: string;
  kind: 'post' | 'comment' | 'caption' | 'share' | 'interaction';
  text: string;
  content_hash: string;
  posted_at: Timestamp | null;
  fetched_at: Timestamp;
  last_seen_at: Timestamp;
  context: Json<Record<string, unknown>> | null;
  media_descriptions: Json<string[]>;
  /** Which images the classifier read, in evidence order, with the text it read (`ImageReading` without words). */
  image_readings: ColumnType<PostImageReading[], string | undefined, string>;
  raw: Json<Record<string, unknown>>;
  crawl_run_id: string | null;
  created_at: Generated<Date>;
  /** When a re-check first found the post gone from its platform; its evidence stays. */
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The last edit/deletion re-check. */
  last_checked_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface EvidenceArtefactsTable {
  id: Generated<string>;
  post_id: string;
  kind: 'screenshot' | 'html' | 'json' | 'image' | 'page_screenshot' | 'page_html';
  sha256: string;
  bytes: number;
  media_type: string;
  path: string;
  captured_at: Timestamp;
}

/** One image of a post as the classifier read it. */
export interface PostImageReading {
  sha256: string;
  engine: string | null;
  text: string;
  error: { code: string; message: string } | null;
}

/** What OCR read from one image (by content hash): words with boxes `[x, y, w, h]` and confidences, or an error. */
export interface ImageOcrTable {
  sha256: string;
  engine: string | null;
  text: string;
  words: ColumnType<{ text: string; confidence: number; box: [number, number, number, number] }[], string, string>;
  width: number | null;
  height: number | null;
  error_code: string | null;
  error_message: string | null;
  elapsed_ms: number | null;
  read_at: Generated<Date>;
}

/** Which of an account's streams a cursor follows. */
export type CursorStream = 'posts' | 'likes' | 'follows';

/** The newest item an API collector has seen on one stream of one account (incremental crawls). */
export interface AccountCursorsTable {
  account_id: string;
  stream: CursorStream;
  newest_id: string | null;
  newest_at: Timestamp | null;
  updated_at: Generated<Date>;
}

export type PostInteractionKind = 'like' | 'follow' | 'repost' | 'reply';

/** What an `interaction` post (or a repost/reply post) of a watched account was aimed at. */
export interface PostInteractionsTable {
  post_id: string;
  kind: PostInteractionKind;
  target_type: 'post' | 'account';
  target_external_id: string;
  target_url: string | null;
  target_author: string | null;
  target_text: string | null;
  target_candidate: string | null;
  interacted_at: Timestamp | null;
  created_at: Generated<Date>;
}

/** One text of a post as a re-check saw it (append-only); version 1 is the first captured text. */
export interface PostVersionsTable {
  post_id: string;
  version: number;
  text: string;
  content_hash: string;
  seen_at: Timestamp;
  evidence: Json<{ kind: string; sha256: string; bytes: number; mediaType: string; path: string }[]>;
}

/** A post an analyst captured by hand (walled platforms) and submitted as a tip. */
export interface TipsTable {
  id: Generated<string>;
  post_id: string;
  submitted_by: string;
  person_id: string | null;
  note: string | null;
  created_at: Generated<Date>;
}
