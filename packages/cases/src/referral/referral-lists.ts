/** Recipients are configuration: the body changed in 2024 (KASN → BKN) and will change again (MK 121/PUU-XXII/2024). */
export const DEFAULT_RECIPIENTS = ['BKN', 'PPK', 'KASN', 'Sentra Gakkumdu'] as const;

export const CHANNELS = {
  sbt: 'SBT BKN',
  surat: 'Surat dinas',
  siapnet: 'SIAPNET (KASN)',
  sp4n: 'SP4N-LAPOR!',
  email: 'Surel resmi',
  lainnya: 'Lainnya',
} as const;
export type Channel = keyof typeof CHANNELS;
export const CHANNEL_CODES = Object.keys(CHANNELS) as [Channel, ...Channel[]];

export const OUTCOMES = {
  tidak_terbukti: 'Tidak terbukti / bukan pelanggaran',
  dikembalikan: 'Dikembalikan (berkas tidak lengkap)',
  sanksi_moral_tertutup: 'Sanksi moral — pernyataan tertutup',
  sanksi_moral_terbuka: 'Sanksi moral — pernyataan terbuka',
  disiplin_ringan: 'Hukuman disiplin ringan',
  disiplin_sedang: 'Hukuman disiplin sedang',
  disiplin_berat: 'Hukuman disiplin berat',
  pemberhentian: 'Pemberhentian (PTDH / dengan hormat tidak atas permintaan sendiri)',
  pemblokiran_data: 'Pemblokiran data kepegawaian (PPK tidak menindaklanjuti)',
} as const;
export type Outcome = keyof typeof OUTCOMES;
export const OUTCOME_CODES = Object.keys(OUTCOMES) as [Outcome, ...Outcome[]];

/** Outcomes that carry a sanction decision (SK) with a number and date. */
export const OUTCOMES_WITH_SK: ReadonlySet<Outcome> = new Set([
  'sanksi_moral_tertutup',
  'sanksi_moral_terbuka',
  'disiplin_ringan',
  'disiplin_sedang',
  'disiplin_berat',
  'pemberhentian',
]);

/**
 * The follow-up reminder of a referral: the day to chase the recipient (letter date + the office's
 * follow-up period), and whether it is due.
 */
export function followUpDue(
  letterDate: string,
  followUpDays: number,
  today: string,
): { due: string; overdue: boolean } {
  const d = new Date(`${letterDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + followUpDays);
  const due = d.toISOString().slice(0, 10);
  return { due, overdue: today >= due };
}
