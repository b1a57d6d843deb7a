import type { Platform } from '@netra/core';
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

export interface HeaderMap {
  /** Column index of each recognised field. */
  index: Partial<Record<ColumnField, number>>;
  /** Headers as written in the file, by column index (for error messages). */
  headers: string[];
  ignored: string[];
  problems: { column: string; code: string; message: string }[];
}

/** Maps the header row to fields: any order, extra columns ignored, a field named twice is an error. */
export function mapHeaders(headerRow: readonly string[]): HeaderMap {
  const index: Partial<Record<ColumnField, number>> = {};
  const ignored: string[] = [];
  const problems: HeaderMap['problems'] = [];
  const headers = headerRow.map((h) => h.replace(/^\ufeff/, '').trim());
  headers.forEach((header, i) => {
    const field = LOOKUP.get(normaliseHeader(header));
    if (!field) {
      if (header) ignored.push(header);
      return;
    }
    if (index[field] !== undefined) {
      problems.push({
        column: header,
        code: 'IMPORT_DUPLICATE_COLUMN',
        message: `kolom "${header}" dan "${headers[index[field]!]}" sama-sama berarti ${COLUMNS[field][0]}`,
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
        message: `kolom wajib "${COLUMNS[field][0]}" tidak ditemukan (nama lain yang diterima: ${COLUMNS[field].slice(1).join(', ')})`,
      });
    }
  }
  return { index, headers, ignored, problems };
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

const PLATFORM: Record<string, Platform> = {
  facebook: 'facebook',
  fb: 'facebook',
  instagram: 'instagram',
  ig: 'instagram',
  tiktok: 'tiktok',
  'tik tok': 'tiktok',
  x: 'x',
  twitter: 'x',
  'x twitter': 'x',
  'twitter x': 'x',
  youtube: 'youtube',
  yt: 'youtube',
  'you tube': 'youtube',
  bluesky: 'bluesky',
  bsky: 'bluesky',
  mastodon: 'mastodon',
  telegram: 'telegram',
  tg: 'telegram',
};

export function parsePlatform(value: string) {
  return PLATFORM[normaliseHeader(value)];
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
