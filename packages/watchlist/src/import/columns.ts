import { createHash } from 'node:crypto';
import { PLATFORMS, type Platform } from '@netra/core';
import { platformOfHost, splitAccountCell } from '../accounts/handles.ts';
import { platformByName, platformOfHeader } from '../accounts/platform-names.ts';
/**
 * Columns of a watchlist file. Agencies name them in many ways; each field lists the headers it answers to
 * (compared case-, space- and punctuation-insensitively). The first name is the one the export writes.
 */
export const COLUMNS = {
  name: ['Nama', 'Nama Lengkap', 'Nama Pegawai', 'Nama ASN', 'Nama PNS', 'Name'],
  nip: ['NIP', 'NIP Baru', 'Nomor Induk Pegawai', 'NIP/NIPPPK', 'NIPPPK'],
  agency: ['Instansi', 'Instansi/OPD', 'OPD', 'SKPD', 'Perangkat Daerah', 'Instansi Induk', 'Agency'],
  unit: ['Unit Kerja', 'Unit', 'Satuan Kerja', 'Satker', 'Unit Organisasi', 'Sub Unit Kerja'],
  position: ['Jabatan', 'Nama Jabatan', 'Position'],
  regionCode: ['Kode Wilayah', 'Wilayah', 'Kode Daerah', 'Kode Kab/Kota', 'Kode Kabupaten/Kota', 'Region'],
  ppk: ['PPK', 'Pejabat Pembina Kepegawaian', 'Nama PPK'],
  status: ['Status', 'Status Pantau'],
  notes: ['Catatan', 'Keterangan', 'Notes'],
  platform: ['Platform', 'Media Sosial', 'Medsos', 'Jenis Medsos', 'Jenis Akun'],
  handle: ['Akun', 'Handle', 'Username', 'Nama Akun', 'Akun Media Sosial', 'Akun/Handle'],
  profileUrl: ['URL Profil', 'URL', 'Tautan', 'Link', 'Link Profil', 'Tautan Profil', 'Alamat Akun'],
  platformId: ['ID Platform', 'Platform ID', 'ID Akun'],
  linkMethod: ['Cara Tautan', 'Metode Tautan', 'Sumber Akun', 'Cara Ditemukan'],
} as const;

export type ColumnField = keyof typeof COLUMNS;

/** Written by the export for information; ignored on import (collectors own them). */
export const EXPORT_ONLY_COLUMNS = ['Status Akun', 'Terakhir Dirayapi'] as const;

export const REQUIRED_FIELDS: ColumnField[] = ['name', 'nip', 'agency', 'position', 'regionCode'];

export const EXPORT_FIELDS: ColumnField[] = [
  'name',
  'nip',
  'agency',
  'unit',
  'position',
  'regionCode',
  'ppk',
  'status',
  'notes',
  'platform',
  'handle',
  'profileUrl',
  'platformId',
  'linkMethod',
];

export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const LOOKUP = new Map<string, ColumnField>();
for (const [field, names] of Object.entries(COLUMNS) as [ColumnField, readonly string[]][]) {
  for (const name of names) LOOKUP.set(normaliseHeader(name), field);
}

/** Columns read for information only: row numbers, the export's crawl columns, the rejected file's reasons. */
export const REASON_COLUMN = 'Alasan';
const KNOWN_IGNORED = new Set(
  ['No', 'No.', 'Nomor', 'No Urut', 'Nomor Urut', '#', REASON_COLUMN, 'Alasan Ditolak', ...EXPORT_ONLY_COLUMNS].map(
    normaliseHeader,
  ),
);

/** Where a column goes: a field, the accounts of one platform (wide layout), or nowhere. */
export type ColumnTarget = ColumnField | `account:${Platform}` | 'ignore';

export const COLUMN_TARGETS: ColumnTarget[] = [
  ...(Object.keys(COLUMNS) as ColumnField[]),
  ...PLATFORMS.map((p) => `account:${p}` as const),
  'ignore',
];

export function isColumnTarget(value: string): value is ColumnTarget {
  return (COLUMN_TARGETS as string[]).includes(value);
}

/** A saved or chosen mapping: normalised header → target. */
export type ColumnMapping = Record<string, ColumnTarget>;

export interface ColumnInfo {
  index: number;
  header: string;
  target: ColumnTarget | null;
  /** known = recognised by name; mapping = chosen by the admin (now or for an earlier file of this shape). */
  source: 'known' | 'mapping' | 'unknown';
  /** Unmapped column whose values look like social-media accounts: warned about before anything is saved. */
  looksLikeAccounts: boolean;
}

export interface HeaderMap {
  /** Column index of each recognised field. */
  index: Partial<Record<ColumnField, number>>;
  /** Wide layout: columns holding the accounts of one platform. */
  accountColumns: { index: number; platform: Platform }[];
  /** Headers as written in the file, by column index (for error messages). */
  headers: string[];
  columns: ColumnInfo[];
  /** Columns not read (unknown, mapped to ignore, or informational), as written. */
  ignored: string[];
  /** Identifies the file's shape (its normalised headers in order); mappings are remembered under it. */
  signature: string;
  problems: { column: string; code: string; message: string }[];
}

/** The rejected-rows file (same columns plus `Alasan`) has the same shape as the file it came from. */
export function headerSignature(headerRow: readonly string[]): string {
  const reason = normaliseHeader(REASON_COLUMN);
  const names = headerRow.map((h) => normaliseHeader(h.replace(/^\ufeff/, ''))).filter((h) => h !== reason);
  while (names.length > 0 && names[names.length - 1] === '') names.pop();
  return createHash('sha256').update(names.join('|')).digest('hex').slice(0, 32);
}

/** A header cell as written, without the byte-order mark Excel puts before the first one and outer spaces. */
export function headerText(cell: string): string {
  return cell.replace(/^\ufeff/, '').trim();
}

/** The target of a header by its name alone (no mapping): a field, a platform's accounts, or ignore. */
export function knownTarget(header: string): ColumnTarget | undefined {
  const key = normaliseHeader(header);
  if (!key) return undefined;
  if (KNOWN_IGNORED.has(key)) return 'ignore';
  const field = LOOKUP.get(key);
  if (field) return field;
  const platform = platformOfHeader(header);
  return platform ? `account:${platform}` : undefined;
}

const ACCOUNTISH_HEADER =
  /\b(akun|account|username|user|handle|medsos|media sosial|sosmed|social|link|url|tautan|profil|profile)\b/;

/** Whether a column's values look like social-media accounts (handles with @, profile URLs, user@server). */
export function looksLikeAccounts(header: string, values: readonly string[]): boolean {
  if (ACCOUNTISH_HEADER.test(normaliseHeader(header))) return true;
  const filled = values.filter((v) => v.trim() !== '').slice(0, 200);
  if (filled.length === 0) return false;
  const hits = filled.filter((v) =>
    splitAccountCell(v).some((part) => {
      if (/^@[A-Za-z0-9._]{2,}/.test(part)) return true;
      const m = /^(?:https?:\/\/)?([a-z0-9.-]+\.[a-z]{2,})\//i.exec(part);
      return Boolean(m && platformOfHost(m[1]!));
    }),
  ).length;
  return hits > 0 && hits >= filled.length * 0.2;
}

/**
 * Maps the header row to fields: any order, headers recognised by name (COLUMNS, or a platform name for the
 * wide layout), then `mapping` for the rest (or to override). A field named twice is an error; a platform
 * may have several columns ("Instagram 1", "Instagram 2").
 */
export function mapHeaders(
  headerRow: readonly string[],
  mapping: ColumnMapping = {},
  dataRows: readonly (readonly string[])[] = [],
): HeaderMap {
  const index: Partial<Record<ColumnField, number>> = {};
  const accountColumns: HeaderMap['accountColumns'] = [];
  const ignored: string[] = [];
  const problems: HeaderMap['problems'] = [];
  const columns: ColumnInfo[] = [];
  const headers = headerRow.map(headerText);
  headers.forEach((header, i) => {
    const mapped = mapping[normaliseHeader(header)];
    const known = knownTarget(header);
    const target = mapped ?? known;
    const source: ColumnInfo['source'] = mapped ? 'mapping' : known ? 'known' : 'unknown';
    if (!header && !target) {
      // A column without a header that still holds values is reported, never read silently.
      if (dataRows.some((r) => (r[i] ?? '').trim() !== '')) {
        const name = `(kolom ${columnLetter(i)})`;
        headers[i] = name;
        columns.push({
          index: i,
          header: name,
          target: null,
          source: 'unknown',
          looksLikeAccounts: looksLikeAccounts(
            '',
            dataRows.map((r) => r[i] ?? ''),
          ),
        });
        ignored.push(name);
      }
      return;
    }
    const info: ColumnInfo = { index: i, header, target: target ?? null, source, looksLikeAccounts: false };
    columns.push(info);
    if (!target || target === 'ignore') {
      if (!target)
        info.looksLikeAccounts = looksLikeAccounts(
          header,
          dataRows.map((r) => r[i] ?? ''),
        );
      if (header) ignored.push(header);
      return;
    }
    if (target.startsWith('account:')) {
      accountColumns.push({ index: i, platform: target.slice('account:'.length) as Platform });
      return;
    }
    const field = target as ColumnField;
    if (index[field] !== undefined) {
      problems.push({
        column: header,
        code: 'IMPORT_DUPLICATE_COLUMN',
        message: `kolom "${header}" dan "${headers[index[field]!]}" sama-sama berarti ${COLUMNS[field][0]}; hapus salah satu atau petakan ke kolom lain`,
      });
      return;
    }
    index[field] = i;
  });
  for (const field of REQUIRED_FIELDS) {
    if (index[field] === undefined) {
      problems.push({
        column: COLUMNS[field][0],
        code: 'IMPORT_MISSING_COLUMN',
        message: `kolom wajib "${COLUMNS[field][0]}" tidak ditemukan (nama lain yang diterima: ${COLUMNS[field].slice(1).join(', ')}); ganti judul kolomnya atau petakan kolom di pratinjau`,
      });
    }
  }
  return { index, accountColumns, headers, columns, ignored, signature: headerSignature(headerRow), problems };
}

export function columnLetter(i: number): string {
  let n = i + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const STATUS: Record<string, 'active' | 'paused' | 'retired'> = {
  '': 'active',
  aktif: 'active',
  active: 'active',
  dipantau: 'active',
  nonaktif: 'paused',
  'non aktif': 'paused',
  ditangguhkan: 'paused',
  jeda: 'paused',
  cuti: 'paused',
  paused: 'paused',
  pensiun: 'retired',
  purna: 'retired',
  'purna tugas': 'retired',
  retired: 'retired',
};

export const STATUS_LABEL = { active: 'aktif', paused: 'ditangguhkan', retired: 'pensiun' } as const;

export function parseStatus(value: string): 'active' | 'paused' | 'retired' | undefined {
  return STATUS[normaliseHeader(value)];
}

/** `fb`, `IG`, `Twitter`, `Tik Tok`, `Bluesky`… → the platform. */
export function parsePlatform(value: string): Platform | undefined {
  return platformByName(value);
}

const LINK_METHOD: Record<string, 'self_declared' | 'analyst_verified' | 'found'> = {
  mandiri: 'self_declared',
  'dilaporkan sendiri': 'self_declared',
  'lapor mandiri': 'self_declared',
  'self declared': 'self_declared',
  'diverifikasi analis': 'analyst_verified',
  terverifikasi: 'analyst_verified',
  'analyst verified': 'analyst_verified',
  verified: 'analyst_verified',
  ditemukan: 'found',
  temuan: 'found',
  found: 'found',
};

export const LINK_METHOD_LABEL = {
  self_declared: 'mandiri',
  analyst_verified: 'diverifikasi analis',
  found: 'ditemukan',
} as const;

export function parseLinkMethod(value: string) {
  return LINK_METHOD[normaliseHeader(value)];
}
