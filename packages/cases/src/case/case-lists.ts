/** The choice lists of a case record. Values are stable codes; labels are Indonesian. */

export const CASE_TYPES = ['temuan', 'laporan'] as const;
export type CaseTypeCode = (typeof CASE_TYPES)[number];

export const ARTICLES = [
  { code: 'uu20-2023-p9-2', label: 'UU 20/2023 tentang ASN Pasal 9 ayat (2)' },
  { code: 'uu20-2023-p24', label: 'UU 20/2023 tentang ASN Pasal 24' },
  { code: 'uu20-2023-p52', label: 'UU 20/2023 tentang ASN Pasal 52 ayat (3) huruf j' },
  { code: 'uu5-2014-p2f', label: 'UU 5/2014 tentang ASN Pasal 2 huruf f' },
  { code: 'pp94-2021-p5n', label: 'PP 94/2021 tentang Disiplin PNS Pasal 5 huruf n' },
  { code: 'pp42-2004-p11c', label: 'PP 42/2004 tentang Kode Etik PNS Pasal 11 huruf c' },
  { code: 'uu7-2017-p280', label: 'UU 7/2017 tentang Pemilu Pasal 280 ayat (2)-(3)' },
  { code: 'uu7-2017-p282', label: 'UU 7/2017 tentang Pemilu Pasal 282-283' },
  { code: 'uu7-2017-p494', label: 'UU 7/2017 tentang Pemilu Pasal 494' },
  { code: 'uu10-2016-p70', label: 'UU 10/2016 tentang Pilkada Pasal 70' },
  { code: 'uu10-2016-p71', label: 'UU 10/2016 tentang Pilkada Pasal 71' },
  { code: 'uu10-2016-p188', label: 'UU 10/2016 tentang Pilkada Pasal 188' },
  { code: 'skb-2022', label: 'SKB Netralitas ASN 2022 Lampiran II' },
] as const;
export type ArticleCode = (typeof ARTICLES)[number]['code'];
export const ARTICLE_CODES = ARTICLES.map((a) => a.code) as [ArticleCode, ...ArticleCode[]];
export function articleLabel(code: string): string {
  return ARTICLES.find((a) => a.code === code)?.label ?? code;
}

/** Kajian awal classification (UU 7/2017 Ps 455): ASN neutrality is normally "other laws". */
export const VIOLATION_TYPES = {
  peraturan_lainnya: 'Pelanggaran peraturan perundang-undangan lainnya',
  administratif: 'Pelanggaran administratif',
  kode_etik_penyelenggara: 'Pelanggaran kode etik penyelenggara',
  pidana: 'Tindak pidana pemilu/pemilihan',
} as const;
export type ViolationType = keyof typeof VIOLATION_TYPES;
export const VIOLATION_TYPE_CODES = Object.keys(VIOLATION_TYPES) as [ViolationType, ...ViolationType[]];

/** Where a case stands. */
export const CASE_STATUSES = {
  draft: 'Draf',
  second_review: 'Menunggu telaah kedua',
  adjudication: 'Ajudikasi (telaah berbeda)',
  ready: 'Siap diteruskan',
  referred: 'Diteruskan',
  closed: 'Selesai (hasil diterima)',
  dismissed: 'Dihentikan',
} as const;
export type CaseStatus = keyof typeof CASE_STATUSES;
