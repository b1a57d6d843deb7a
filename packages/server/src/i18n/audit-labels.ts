/** What each audit action means, in plain words (the code stays beside it for searching). */
const LABELS: Record<string, { id: string; en: string }> = {
  'auth.login': { id: 'Masuk', en: 'Signed in' },
  'auth.logout': { id: 'Keluar', en: 'Signed out' },
  'user.create': { id: 'Pengguna dibuat', en: 'User created' },
  'user.update': { id: 'Pengguna diubah', en: 'User changed' },
  'person.create': { id: 'ASN ditambahkan', en: 'Person added' },
  'person.update': { id: 'ASN diubah', en: 'Person changed' },
  'person.delete': { id: 'ASN dihapus', en: 'Person deleted' },
  'person.view': { id: 'Riwayat ASN dibuka', en: 'Person history opened' },
  'account.create': { id: 'Akun ditambahkan', en: 'Account added' },
  'account.update': { id: 'Akun diubah', en: 'Account changed' },
  'account.delete': { id: 'Akun dihapus', en: 'Account deleted' },
  'watchlist.import': { id: 'Daftar pantau diimpor', en: 'Watchlist imported' },
  'watchlist.update': { id: 'Daftar pantau diubah', en: 'Watchlist changed' },
  'watchlist.export': { id: 'Daftar pantau diekspor', en: 'Watchlist exported' },
  'registry.import': { id: 'Registri calon diimpor', en: 'Candidate registry imported' },
  'crawl.start': { id: 'Perayapan dimulai', en: 'Crawl started' },
  'platform.switch': { id: 'Saklar platform diubah', en: 'Platform switch changed' },
  'job.retry': { id: 'Tugas diulang', en: 'Job retried' },
  'review.decide': { id: 'Keputusan telaah', en: 'Review decision' },
  'review.undo': { id: 'Keputusan dibatalkan', en: 'Decision undone' },
  'review.assign': { id: 'Item ditugaskan', en: 'Item assigned' },
  'review.export': { id: 'Kasus diekspor', en: 'Cases exported' },
};

export function auditActionLabel(action: string, lang: 'id' | 'en'): string {
  return LABELS[action]?.[lang] ?? action;
}
