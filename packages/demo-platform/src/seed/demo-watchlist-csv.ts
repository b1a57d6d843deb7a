import { demoWatchlist } from '../watchlist.ts';

const HEADERS = ['Nama', 'NIP', 'Instansi', 'Unit Kerja', 'Jabatan', 'Kode Wilayah', 'Platform', 'Akun', 'URL Profil'];

function cell(value: string): string {
  return /[";\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The demo watchlist as an agency would send it: Indonesian headers, `;` separated, one row per account. */
export function demoWatchlistCsv(): string {
  const rows = demoWatchlist.flatMap((p) =>
    p.accounts.map((a) => [p.name, p.nip, p.agency, p.unit, p.position, p.region, a.platform, a.handle, a.profileUrl]),
  );
  return `\uFEFF${[HEADERS, ...rows].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}
