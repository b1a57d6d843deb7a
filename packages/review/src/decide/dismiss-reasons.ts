/**
 * Why a flagged post is not a violation — the reasons analysts actually give (research/workflow.md), in the
 * order of the keyboard shortcuts 1–6. `other` needs a note.
 */
export const DISMISS_REASONS = [
  'news_report',
  'official_duty',
  'ordinary_word',
  'namesake',
  'not_their_account',
  'other',
] as const;

export type DismissReasonCode = (typeof DISMISS_REASONS)[number];

export const DISMISS_REASON_LABELS: Record<DismissReasonCode, { id: string; en: string }> = {
  news_report: { id: 'Berita/laporan', en: 'News or report' },
  official_duty: { id: 'Tugas kedinasan', en: 'Official duty' },
  ordinary_word: { id: 'Kata biasa (bukan nama/jargon calon)', en: 'Ordinary word' },
  namesake: { id: 'Nama sama (orang lain)', en: 'Namesake' },
  not_their_account: { id: 'Bukan akun orangnya', en: "Not the person's account" },
  other: { id: 'Lainnya (tulis catatan)', en: 'Other (write a note)' },
};

export const SKB_CATEGORIES = [
  'online_campaigning',
  'negative_campaigning',
  'photo_gesture',
  'sharing_campaign_material',
  'candidate_interaction',
] as const;
