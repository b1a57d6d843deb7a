import type { Platform } from '@netra/core';
import { validateNip } from '../nip/validate-nip.ts';
import { handleProblem, normaliseHandle, PLATFORM_HOSTS, profileUrlFor, profileUrlProblem } from '../people/schemas.ts';
import { validateRegionCode } from '../region/regions.ts';
import type { Table } from '../table/read-table.ts';
import {
  COLUMNS,
  type ColumnField,
  type HeaderMap,
  mapHeaders,
  parseLinkMethod,
  parsePlatform,
  parseStatus,
} from './columns.ts';

/** One problem with one row: where it is (row number in the file, column header as written) and why. */
export interface RowIssue {
  row: number;
  column: string;
  value: string;
  code: string;
  message: string;
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
}

export interface ParsedRow {
  row: number;
  person: ParsedPerson;
  account: ParsedAccount | null;
}

export interface ParsedFile {
  header: HeaderMap;
  rows: ParsedRow[];
  rejected: RowIssue[];
  /** Data rows read (header excluded). */
  total: number;
}

const MAX_TEXT = 2000;

function hostPlatform(url: string): Platform | undefined {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return (Object.keys(PLATFORM_HOSTS) as Platform[]).find((p) => PLATFORM_HOSTS[p].includes(host));
  } catch {
    return undefined;
  }
}

/** A handle read from a profile URL, for files that give only the link. */
function handleFromUrl(platform: Platform, url: string): string | undefined {
  try {
    const parsed = new URL(url);
    const parts = parsed.pathname.split('/').filter(Boolean);
    if (platform === 'bluesky') return parts[0] === 'profile' && parts[1] ? decodeURIComponent(parts[1]) : undefined;
    if (platform === 'mastodon') {
      const user = parts[0]?.startsWith('@') ? parts[0].slice(1) : undefined;
      return user ? `${decodeURIComponent(user)}@${parsed.hostname.toLowerCase()}` : undefined;
    }
    const first = parts[0];
    if (!first) return undefined;
    if (platform === 'facebook' && first === 'profile.php') return undefined;
    return normaliseHandle(decodeURIComponent(first));
  } catch {
    return undefined;
  }
}

/**
 * Turns a sheet into validated rows. Every problem is reported with the file's row number and the column
 * header as the admin wrote it; a row with any problem is rejected whole (and only that row).
 */
export function parseWatchlistTable(table: Table): ParsedFile {
  const [headerRow = [], ...dataRows] = table.rows;
  const header = mapHeaders(headerRow);
  const headerRowNumber = table.rowNumbers[0] ?? 1;
  if (header.problems.length > 0) {
    return {
      header,
      rows: [],
      total: dataRows.length,
      rejected: header.problems.map((p) => ({ row: headerRowNumber, value: '', ...p })),
    };
  }
  const rows: ParsedRow[] = [];
  const rejected: RowIssue[] = [];
  const columnName = (field: ColumnField) => header.headers[header.index[field]!] ?? COLUMNS[field][0];
  dataRows.forEach((cells, i) => {
    const row = table.rowNumbers[i + 1] ?? i + 2;
    const issues: RowIssue[] = [];
    const get = (field: ColumnField): string => {
      const index = header.index[field];
      return index === undefined ? '' : (cells[index] ?? '').trim();
    };
    const fail = (field: ColumnField, code: string, message: string) =>
      issues.push({ row, column: columnName(field), value: get(field), code, message });
    const required = (field: ColumnField, label: string) => {
      const value = get(field);
      if (!value) fail(field, 'IMPORT_REQUIRED', `${label} wajib diisi`);
      else if (value.length > MAX_TEXT) fail(field, 'IMPORT_TOO_LONG', `${label} terlalu panjang`);
      return value;
    };
    const optional = (field: ColumnField) => {
      const value = get(field);
      if (value.length > MAX_TEXT) fail(field, 'IMPORT_TOO_LONG', 'isian terlalu panjang');
      return value || null;
    };

    const name = required('name', 'nama');
    const agency = required('agency', 'instansi');
    const position = required('position', 'jabatan');
    const nipRaw = get('nip');
    const nip = validateNip(nipRaw);
    if (!nip.ok) fail('nip', nip.code, nip.message);
    const regionRaw = get('regionCode');
    const region = validateRegionCode(regionRaw);
    if (!regionRaw) fail('regionCode', 'IMPORT_REQUIRED', 'kode wilayah wajib diisi');
    else if (!region.ok) fail('regionCode', region.code, region.message);
    const status = parseStatus(get('status'));
    if (!status) fail('status', 'IMPORT_INVALID_STATUS', 'status harus aktif, ditangguhkan atau pensiun');

    let account: ParsedAccount | null = null;
    const platformRaw = get('platform');
    let handle = normaliseHandle(get('handle'));
    const urlRaw = get('profileUrl');
    if (platformRaw || handle || urlRaw) {
      const platform = platformRaw ? parsePlatform(platformRaw) : urlRaw ? hostPlatform(urlRaw) : undefined;
      if (!platform) {
        fail(
          'platform',
          'IMPORT_INVALID_PLATFORM',
          platformRaw
            ? `platform "${platformRaw}" tidak dikenal (facebook, instagram, tiktok, x, youtube, bluesky, mastodon, telegram)`
            : 'platform wajib diisi bila ada akun',
        );
      } else {
        if (!handle && urlRaw) handle = handleFromUrl(platform, urlRaw) ?? '';
        if (!handle) fail('handle', 'IMPORT_REQUIRED', 'akun (handle) wajib diisi bila ada platform');
        else {
          const badHandle = handleProblem(platform, handle);
          if (badHandle) fail('handle', 'IMPORT_INVALID_HANDLE', badHandle);
        }
        const profileUrl = urlRaw || (handle ? profileUrlFor(platform, handle) : '');
        const problem = profileUrl ? profileUrlProblem(platform, profileUrl) : null;
        if (problem) fail('profileUrl', 'IMPORT_INVALID_PROFILE_URL', problem);
        const linkRaw = get('linkMethod');
        const linkMethod = linkRaw ? parseLinkMethod(linkRaw) : null;
        if (linkRaw && !linkMethod) {
          fail(
            'linkMethod',
            'IMPORT_INVALID_LINK_METHOD',
            'cara tautan harus mandiri, diverifikasi analis atau ditemukan',
          );
        }
        account = {
          platform,
          handle,
          profile_url: profileUrl,
          platform_id: optional('platformId'),
          link_method: linkMethod ?? null,
        };
      }
    }
    if (issues.length > 0 || !nip.ok || !region.ok || !status) {
      rejected.push(...issues);
      return;
    }
    rows.push({
      row,
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
      account,
    });
  });
  return { header, rows, rejected, total: dataRows.length };
}
