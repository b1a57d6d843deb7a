import type { Platform } from '@netra/core';
import { type NormalisedAccount, normaliseAccount, splitAccountCell } from '../accounts/handles.ts';
import { PLATFORM_LABEL } from '../accounts/platform-names.ts';
import { validateNip } from '../nip/validate-nip.ts';
import { resolveRegion } from '../region/regions.ts';
import type { Table } from '../table/table.ts';
import {
  COLUMNS,
  type ColumnField,
  type ColumnMapping,
  type HeaderMap,
  mapHeaders,
  parseLinkMethod,
  parsePlatform,
  parseStatus,
} from './columns.ts';

/**
 * One problem in the file: where it is (row number in the file, column header as written), the value, a
 * stable code and a fix-it message in Indonesian. `scope: 'row'` problems reject the row's person (and so its
 * accounts); `scope: 'account'` problems reject only that account — the person and the row's other accounts
 * are still imported.
 */
export interface RowIssue {
  row: number;
  column: string;
  value: string;
  code: string;
  message: string;
  scope: 'row' | 'account' | 'file';
}

export interface ParsedPerson {
  name: string;
  nip: string;
  agency: string;
  unit: string | null;
  position: string;
  region_code: string;
  ppk: string | null;
  status: 'active' | 'paused' | 'retired';
  notes: string | null;
}

export interface ParsedAccount {
  platform: Platform;
  handle: string;
  profile_url: string;
  /** Null when the file leaves it blank: an existing value is kept. */
  platform_id: string | null;
  /** Null when the file leaves it blank: an existing value is kept, a new account is `self_declared`. */
  link_method: 'self_declared' | 'analyst_verified' | 'found' | null;
  /** Header of the column it came from (for messages). */
  column: string;
}

export interface ParsedRow {
  row: number;
  /** Index into the table's rows (for the rejected-rows file). */
  index: number;
  person: ParsedPerson;
  accounts: ParsedAccount[];
}

export interface ParsedFile {
  header: HeaderMap;
  rows: ParsedRow[];
  rejected: RowIssue[];
  /** Data rows read (header and skipped rows excluded). */
  total: number;
  /** Rows with no name, NIP or account (a signature block, a note under the table): not data, reported. */
  skipped: { row: number }[];
  /** Rows that took their person from the row above (merged cells in the sheet). */
  filledDown: { row: number }[];
  /** Row number → index into the table's rows, for every data row. */
  rowIndex: Map<number, number>;
}

const MAX_TEXT = 2000;

/** The person's fields: a row naming none of them but holding accounts continues the person above. */
const PERSON_FIELDS = ['name', 'nip', 'agency', 'unit', 'position', 'regionCode', 'ppk', 'status', 'notes'] as const;

/** Cells carry what Excel puts around text: non-breaking and zero-width spaces, stray line breaks. */
function clean(value: string | undefined): string {
  return (value ?? '')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .trim();
}

/**
 * Turns a sheet into validated rows. Every problem of a row is reported at once, each with the file's row
 * number and the column header as the admin wrote it. Problems with the person reject the row; a bad account
 * rejects only that account.
 */
export function parseWatchlistTable(table: Table, mapping: ColumnMapping = {}): ParsedFile {
  const [headerRow = [], ...dataRows] = table.rows;
  const header = mapHeaders(headerRow, mapping, dataRows);
  const headerRowNumber = table.rowNumbers[0] ?? 1;
  const rowIndex = new Map<number, number>();
  for (let i = 0; i < dataRows.length; i++) rowIndex.set(table.rowNumbers[i + 1] ?? i + 2, i + 1);
  if (header.problems.length > 0) {
    return {
      header,
      rows: [],
      total: dataRows.length,
      rowIndex,
      skipped: [],
      filledDown: [],
      rejected: header.problems.map((p) => ({ row: headerRowNumber, value: '', scope: 'file' as const, ...p })),
    };
  }
  const rows: ParsedRow[] = [];
  const rejected: RowIssue[] = [];
  const skipped: { row: number }[] = [];
  const filledDown: { row: number }[] = [];
  const rowHasAccounts = (cells: readonly string[]) =>
    [
      ...header.accountColumns.map((c) => c.index),
      ...(['handle', 'profileUrl'] as const).map((f) => header.index[f]).filter((i) => i !== undefined),
    ].some((i) => !['', '-'].includes(clean(cells[i])));
  const columnName = (field: ColumnField) => header.headers[header.index[field]!] ?? COLUMNS[field][0];
  const personColumns = PERSON_FIELDS.map((f) => header.index[f]).filter((i): i is number => i !== undefined);
  let previous: readonly string[] | null = null;
  dataRows.forEach((given, i) => {
    const row = table.rowNumbers[i + 1] ?? i + 2;
    // Merged cells: agencies list a person once and their accounts on the rows below, with the person's cells
    // merged (Excel keeps the value in the first row only). A row with accounts and not one person field takes
    // the person from the row above, as it reads on screen.
    let cells = given;
    if (previous && personColumns.every((c) => clean(given[c]) === '') && rowHasAccounts(given)) {
      const filled = [...given];
      for (const c of personColumns) filled[c] = previous[c] ?? '';
      cells = filled;
      filledDown.push({ row });
    }
    previous = cells;
    const issues: RowIssue[] = [];
    const accountIssues: RowIssue[] = [];
    const get = (field: ColumnField): string => {
      const index = header.index[field];
      return index === undefined ? '' : clean(cells[index]);
    };
    const fail = (field: ColumnField, code: string, message: string) =>
      issues.push({ row, column: columnName(field), value: get(field), code, message, scope: 'row' });
    const required = (field: ColumnField, label: string) => {
      const value = get(field);
      if (!value) fail(field, 'IMPORT_REQUIRED', `${label} wajib diisi`);
      else if (value.length > MAX_TEXT)
        fail(field, 'IMPORT_TOO_LONG', `${label} terlalu panjang (lebih dari ${MAX_TEXT} karakter)`);
      return value.replace(/\s+/g, ' ');
    };
    const optional = (field: ColumnField) => {
      const value = get(field);
      if (value.length > MAX_TEXT)
        fail(field, 'IMPORT_TOO_LONG', `isian terlalu panjang (lebih dari ${MAX_TEXT} karakter)`);
      return value || null;
    };

    // A line under the table (place and date, "Kepala Dinas", a note) is not a person: without a name, a NIP
    // or any account there is nothing to import or to fix, so it is reported as skipped, not as a rejected row.
    if (!get('name') && !get('nip') && !rowHasAccounts(cells)) {
      skipped.push({ row });
      return;
    }
    const name = required('name', 'nama');
    const nipRaw = get('nip');
    const nip = nipRaw ? validateNip(nipRaw) : null;
    if (!nip) fail('nip', 'IMPORT_REQUIRED', 'NIP wajib diisi: 18 angka');
    else if (!nip.ok) fail('nip', nip.code, nip.message);
    const agency = required('agency', 'instansi');
    const position = required('position', 'jabatan');
    const regionRaw = get('regionCode');
    const region = resolveRegion(regionRaw);
    if (!regionRaw)
      fail(
        'regionCode',
        'IMPORT_REQUIRED',
        'kode wilayah wajib diisi (kode Kemendagri, mis. 18.71, atau nama kabupaten/kota)',
      );
    else if (!region.ok) fail('regionCode', region.code, region.message);
    const status = parseStatus(get('status'));
    if (!status)
      fail('status', 'IMPORT_INVALID_STATUS', 'status harus aktif, ditangguhkan atau pensiun (kosongkan untuk aktif)');
    const linkRaw = get('linkMethod');
    const linkMethod = linkRaw ? parseLinkMethod(linkRaw) : null;
    if (linkRaw && !linkMethod) {
      fail(
        'linkMethod',
        'IMPORT_INVALID_LINK_METHOD',
        'cara tautan harus mandiri, diverifikasi analis atau ditemukan (atau kosong)',
      );
    }

    const accounts: ParsedAccount[] = [];
    const seen = new Set<string>();
    const add = (account: NormalisedAccount, column: string, platformId: string | null) => {
      const key = `${account.platform}:${account.handle.toLowerCase()}`;
      if (seen.has(key)) return; // the same account twice on one row is one account
      seen.add(key);
      accounts.push({
        platform: account.platform,
        handle: account.handle,
        profile_url: account.profileUrl,
        platform_id: platformId ?? account.platformId,
        link_method: linkMethod ?? null,
        column,
      });
    };
    const accountFail = (column: string, value: string, code: string, message: string) =>
      accountIssues.push({ row, column, value, code, message, scope: 'account' });

    // Long layout: Platform + Akun (+ URL, ID) on the row.
    const platformRaw = get('platform');
    const handleRaw = get('handle');
    const urlRaw = get('profileUrl');
    if (handleRaw || urlRaw || (platformRaw && !['-', ''].includes(platformRaw))) {
      const platform = platformRaw ? parsePlatform(platformRaw) : undefined;
      if (platformRaw && !platform) {
        accountFail(
          columnName('platform'),
          platformRaw,
          'IMPORT_INVALID_PLATFORM',
          `platform "${platformRaw}" tidak dikenal; tulis salah satu: ${Object.values(PLATFORM_LABEL).join(', ')}`,
        );
      } else {
        const values = handleRaw ? splitAccountCell(handleRaw) : [];
        const column = handleRaw ? columnName('handle') : columnName('profileUrl');
        const urlResult = urlRaw ? normaliseAccount(platform, urlRaw) : null;
        if (urlResult && !urlResult.ok)
          accountFail(columnName('profileUrl'), urlRaw, urlResult.code, urlResult.message);
        if (values.length === 0 && urlResult?.ok) add(urlResult.account, column, optional('platformId'));
        else if (values.length === 0 && !urlRaw && platformRaw) {
          accountFail(
            columnName('handle'),
            '',
            'IMPORT_REQUIRED',
            `akun ${platform ? PLATFORM_LABEL[platform] : ''} wajib diisi bila kolom platform diisi (atau kosongkan platformnya)`,
          );
        }
        // A URL that does not fit describes the same account badly: reject it rather than guess which is right.
        for (const value of urlResult && !urlResult.ok ? [] : values) {
          const result = normaliseAccount(platform, value);
          if (!result.ok) {
            accountFail(column, value, result.code, result.message);
            continue;
          }
          if (urlResult?.ok && values.length === 1) {
            const u = urlResult.account;
            if (
              u.platform !== result.account.platform ||
              u.handle.toLowerCase() !== result.account.handle.toLowerCase()
            ) {
              accountFail(
                columnName('profileUrl'),
                urlRaw,
                'IMPORT_URL_HANDLE_MISMATCH',
                `URL profil menunjuk ke ${u.handle}, bukan ${result.account.handle}; samakan akun dan URL-nya`,
              );
              continue;
            }
            add(
              { ...result.account, profileUrl: u.profileUrl, platformId: u.platformId },
              column,
              optional('platformId'),
            );
            continue;
          }
          add(result.account, column, values.length === 1 ? optional('platformId') : null);
        }
      }
    }
    // Wide layout: one column per platform, any number of accounts per cell.
    for (const { index, platform } of header.accountColumns) {
      const cell = clean(cells[index]);
      if (!cell) continue;
      const column = header.headers[index] ?? PLATFORM_LABEL[platform];
      for (const value of splitAccountCell(cell)) {
        const result = normaliseAccount(platform, value);
        if (result.ok) add(result.account, column, null);
        else accountFail(column, value, result.code, result.message);
      }
    }

    if (issues.length > 0 || !nip?.ok || !region.ok || !status) {
      // Everything wrong with the row at once; its accounts' problems too, so one pass fixes the row.
      rejected.push(...issues, ...accountIssues);
      return;
    }
    rejected.push(...accountIssues);
    rows.push({
      row,
      index: i + 1,
      person: {
        name,
        nip: nip.nip,
        agency,
        unit: optional('unit'),
        position,
        region_code: region.code,
        ppk: optional('ppk'),
        status,
        notes: optional('notes'),
      },
      accounts,
    });
  });
  return { header, rows, rejected, total: dataRows.length - skipped.length, rowIndex, skipped, filledDown };
}
