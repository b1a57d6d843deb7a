/** Strings of the canary results on the crawls page and of the per-platform kill switch (admin page). */
const id = {
  canaryTitle: 'Canary definisi halaman',
  canaryIntro:
    'Hasil terakhir `netra collectors check` per platform: apakah definisi halaman masih mengenali platform.',
  canaryNone:
    'Belum ada hasil canary. Jalankan `pnpm --silent netra collectors check` (harian, sebelum perayapan malam).',
  canaryPlatform: 'Platform',
  canaryVerdict: 'Hasil',
  canaryVersion: 'Versi definisi',
  canaryAccount: 'Akun uji',
  canaryItems: 'Item terbaca',
  canaryDetail: 'Keterangan',
  canaryCheckedAt: 'Waktu cek',
  canaryVerdictRecognised: 'Dikenali',
  canaryVerdictChanged: 'Markup berubah',
  canaryVerdictWalled: 'Terhalang login',
  canaryVerdictConsent: 'Halaman persetujuan',
  canaryVerdictCaptcha: 'CAPTCHA',
  canaryVerdictNot_found: 'Akun uji tidak ditemukan',
  canaryVerdictUnreachable: 'Tidak terjangkau',
  switchTitle: 'Saklar platform',
  switchIntro:
    'Mematikan pengumpulan satu platform: perayapan akun platform itu dilewati dan dicatat (COLLECTOR_PLATFORM_DISABLED), tidak dihapus diam-diam.',
  switchPlatform: 'Platform',
  switchState: 'Status',
  switchOn: 'Aktif',
  switchOff: 'Dimatikan',
  switchReason: 'Alasan',
  switchChangedBy: 'Diubah oleh',
  switchChangedAt: 'Diubah pada',
  switchTurnOff: 'Matikan',
  switchTurnOn: 'Aktifkan',
  switchSaved: 'Saklar platform tersimpan.',
  navPlatforms: 'Platform',
};

export type CollectorMessages = typeof id;

const en: CollectorMessages = {
  canaryTitle: 'Page-definition canary',
  canaryIntro: 'Latest `netra collectors check` per platform: does each page definition still recognise its platform.',
  canaryNone: 'No canary results yet. Run `pnpm --silent netra collectors check` (daily, before the nightly crawl).',
  canaryPlatform: 'Platform',
  canaryVerdict: 'Result',
  canaryVersion: 'Definition version',
  canaryAccount: 'Test account',
  canaryItems: 'Items read',
  canaryDetail: 'Detail',
  canaryCheckedAt: 'Checked at',
  canaryVerdictRecognised: 'Recognised',
  canaryVerdictChanged: 'Markup changed',
  canaryVerdictWalled: 'Login wall',
  canaryVerdictConsent: 'Consent page',
  canaryVerdictCaptcha: 'CAPTCHA',
  canaryVerdictNot_found: 'Test account not found',
  canaryVerdictUnreachable: 'Unreachable',
  switchTitle: 'Platform switches',
  switchIntro:
    'Switch one platform’s collection off: crawls of its accounts are skipped and recorded (COLLECTOR_PLATFORM_DISABLED), never silently dropped.',
  switchPlatform: 'Platform',
  switchState: 'State',
  switchOn: 'On',
  switchOff: 'Off',
  switchReason: 'Reason',
  switchChangedBy: 'Changed by',
  switchChangedAt: 'Changed at',
  switchTurnOff: 'Switch off',
  switchTurnOn: 'Switch on',
  switchSaved: 'Platform switch saved.',
  navPlatforms: 'Platforms',
};

export const collectorMessages = { id, en };
