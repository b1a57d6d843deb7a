import { PLATFORMS, toCsvChunks } from '@netra/core';
import {
  type AccountRow,
  type Executor,
  listAccountsOfPeople,
  listAllAccounts,
  listAllPeople,
  listPeoplePage,
  type PersonRow,
} from '@netra/db';
import { PLATFORM_LABEL } from '../accounts/platform-names.ts';
import { writeCsv } from '../table/read-table.ts';
import { writeXlsxBounded } from '../table/write-xlsx-bounded.ts';
import { COLUMNS, EXPORT_FIELDS, EXPORT_ONLY_COLUMNS, LINK_METHOD_LABEL, STATUS_LABEL } from './columns.ts';

/** `long` (default): one row per account, every field; `wide`: one row per person, a column per platform. */
export type WatchlistLayout = 'long' | 'wide';

/** One exported row and the person it shows (the read log names every person an export showed). */
export interface WatchlistRow {
  personId: string;
  cells: string[];
}

/** Persons per page of a streamed export: their rows are a few hundred KB at most, whatever the watchlist's size. */
export const WATCHLIST_PAGE_SIZE = 1_000;

const PERSON_FIELDS = EXPORT_FIELDS.slice(0, EXPORT_FIELDS.indexOf('platform'));

/** The header row of the layout, as the import reads it back. */
export function watchlistHeader(layout: WatchlistLayout): string[] {
  return layout === 'wide'
    ? [...PERSON_FIELDS.map((f) => COLUMNS[f][0]), ...PLATFORMS.map((p) => `Akun ${PLATFORM_LABEL[p]}`)]
    : [...EXPORT_FIELDS.map((f) => COLUMNS[f][0]), ...EXPORT_ONLY_COLUMNS];
}

function personCells(p: PersonRow): string[] {
  return [
    p.name,
    p.nip,
    p.agency,
    p.unit ?? '',
    p.position,
    p.region_code,
    p.ppk ?? '',
    STATUS_LABEL[p.status],
    p.notes ?? '',
  ];
}

/**
 * A person's rows: `long`, one per account (person columns repeated; one row with empty account columns for a
 * person without accounts); `wide`, the agencies' own layout — one row, one column per platform holding every
 * handle of that platform separated by `, `. `accounts` in (platform, handle) order.
 */
function personRows(p: PersonRow, accounts: readonly AccountRow[], layout: WatchlistLayout): string[][] {
  const person = personCells(p);
  if (layout === 'wide') {
    return [
      [
        ...person,
        ...PLATFORMS.map((platform) =>
          accounts
            .filter((a) => a.platform === platform)
            .map((a) => a.handle)
            .join(', '),
        ),
      ],
    ];
  }
  if (accounts.length === 0) return [[...person, '', '', '', '', '', '', '']];
  return accounts.map((a) => [
    ...person,
    a.platform,
    a.handle,
    a.profile_url,
    a.platform_id ?? '',
    LINK_METHOD_LABEL[a.link_method],
    a.status,
    a.last_crawled_at ? new Date(a.last_crawled_at).toISOString() : '',
  ]);
}

function byPerson(accounts: readonly AccountRow[]): Map<string, AccountRow[]> {
  const out = new Map<string, AccountRow[]>();
  for (const a of accounts) {
    const list = out.get(a.person_id) ?? [];
    list.push(a);
    out.set(a.person_id, list);
  }
  return out;
}

async function wholeWatchlist(db: Executor, layout: WatchlistLayout): Promise<string[][]> {
  const people = await listAllPeople(db);
  const accounts = byPerson(await listAllAccounts(db));
  return [watchlistHeader(layout), ...people.flatMap((p) => personRows(p, accounts.get(p.id) ?? [], layout))];
}

/** The watchlist as rows in the import format: one row per account, person columns repeated. */
export async function watchlistRows(db: Executor): Promise<string[][]> {
  return wholeWatchlist(db, 'long');
}

/**
 * The agencies' own layout: one row per person, one column per platform (`Akun Instagram`, …) holding every
 * handle of that platform separated by `, ` — what they send, and what the import reads back.
 */
export async function watchlistWideRows(db: Executor): Promise<string[][]> {
  return wholeWatchlist(db, 'wide');
}

/**
 * The rows of `watchlistRows`/`watchlistWideRows` without the header, a page of persons at a time (two queries
 * per page: the persons, then their accounts), in the same order: a streamed export holds one page, not the list.
 */
export async function* eachWatchlistPage(
  db: Executor,
  layout: WatchlistLayout,
  pageSize = WATCHLIST_PAGE_SIZE,
): AsyncGenerator<WatchlistRow[]> {
  let after: PersonRow | null = null;
  for (;;) {
    const people = await listPeoplePage(db, after, pageSize);
    if (people.length === 0) return;
    const accounts = byPerson(
      await listAccountsOfPeople(
        db,
        people.map((p) => p.id),
      ),
    );
    yield people.flatMap((p) =>
      personRows(p, accounts.get(p.id) ?? [], layout).map((cells) => ({ personId: p.id, cells })),
    );
    if (people.length < pageSize) return;
    after = people[people.length - 1]!;
  }
}

/** The bytes of `exportWatchlist(db, 'csv', …)` over the pages, written a page at a time (`toCsvChunks`). */
export function watchlistCsvChunks(
  pages: AsyncIterable<readonly WatchlistRow[]>,
  layout: WatchlistLayout,
  delimiter: ',' | ';',
): AsyncGenerator<string> {
  return toCsvChunks(watchlistHeader(layout), pages, delimiter, (r) => r.cells);
}

export interface ExportOptions {
  /** CSV delimiter: `;` for Excel in Indonesian locale (its list separator). */
  delimiter?: ',' | ';';
  layout?: WatchlistLayout;
}

/**
 * Exports the whole watchlist as CSV (UTF-8 with BOM) or XLSX (text cells), re-importable unchanged, in memory
 * (the CLI, and the XLSX download: the workbook is built whole). The HTTP CSV download streams the same bytes
 * (`eachWatchlistPage` + `watchlistCsvChunks`).
 */
export async function exportWatchlist(
  db: Executor,
  format: 'csv' | 'xlsx',
  delimiterOrOptions: ',' | ';' | ExportOptions = {},
): Promise<Buffer> {
  const options = typeof delimiterOrOptions === 'string' ? { delimiter: delimiterOrOptions } : delimiterOrOptions;
  const rows = await wholeWatchlist(db, options.layout ?? 'long');
  return format === 'csv' ? writeCsv(rows, options.delimiter ?? ',') : writeXlsxBounded(rows, 'Daftar pantau');
}
