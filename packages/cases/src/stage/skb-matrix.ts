/**
 * The SKB 2022 neutrality matrix (Lampiran II), per behaviour: its kode-etik row (toward a bakal calon,
 * sanksi moral under PP 42/2004 Ps 15) and its disiplin row with level (toward a calon, PP 94/2021).
 * Row numbers as reproduced by Bawaslu/Tribun summaries (research: domain.md §1.2).
 */
export type SkbBehaviour =
  | 'kampanye_medsos'
  | 'interaksi_medsos'
  | 'foto_bersama'
  | 'alat_peraga'
  | 'hadir_kampanye'
  | 'pendekatan_parpol'
  | 'keberpihakan'
  | 'tim_pemenangan'
  | 'dukungan_ktp'
  | 'keputusan_menguntungkan'
  | 'anggota_parpol'
  | 'lainnya';

export interface SkbRow {
  code: SkbBehaviour;
  label: string;
  /** Kode etik row number, or null when the behaviour has no kode-etik row. */
  etikRow: number | null;
  disiplinRow: number;
  disiplinLevel: 'sedang' | 'berat' | 'ptdh' | 'satgas';
  /** Acts that can also be an election crime during the campaign (UU 7/2017 Ps 280, 494; UU 10/2016 Ps 70-71, 188-189). */
  criminalInCampaign: boolean;
}

export const SKB_ROWS: readonly SkbRow[] = [
  {
    code: 'alat_peraga',
    label: 'Memasang spanduk/baliho/alat peraga (bakal) calon',
    etikRow: 1,
    disiplinRow: 1,
    disiplinLevel: 'berat',
    criminalInCampaign: false,
  },
  {
    code: 'kampanye_medsos',
    label: 'Sosialisasi/kampanye media sosial/online (bakal) calon',
    etikRow: 2,
    disiplinRow: 2,
    disiplinLevel: 'berat',
    criminalInCampaign: false,
  },
  {
    code: 'hadir_kampanye',
    label: 'Menghadiri deklarasi/kampanye dan memberi dukungan aktif',
    etikRow: 3,
    disiplinRow: 4,
    disiplinLevel: 'berat',
    criminalInCampaign: true,
  },
  {
    code: 'interaksi_medsos',
    label: 'Membuat posting, comment, share, like, bergabung/follow grup/akun pemenangan',
    etikRow: 4,
    disiplinRow: 6,
    disiplinLevel: 'berat',
    criminalInCampaign: false,
  },
  {
    code: 'foto_bersama',
    label: 'Memposting foto bersama (bakal) calon/tim sukses dengan simbol keberpihakan atau alat peraga',
    etikRow: 5,
    disiplinRow: 7,
    disiplinLevel: 'berat',
    criminalInCampaign: false,
  },
  {
    code: 'pendekatan_parpol',
    label: 'Melakukan pendekatan ke partai politik/masyarakat sebagai bakal calon',
    etikRow: null,
    disiplinRow: 3,
    disiplinLevel: 'sedang',
    criminalInCampaign: false,
  },
  {
    code: 'keberpihakan',
    label: 'Mengadakan kegiatan yang mengarah keberpihakan',
    etikRow: null,
    disiplinRow: 8,
    disiplinLevel: 'sedang',
    criminalInCampaign: false,
  },
  {
    code: 'tim_pemenangan',
    label: 'Menjadi tim ahli/tim pemenangan/konsultan',
    etikRow: null,
    disiplinRow: 9,
    disiplinLevel: 'berat',
    criminalInCampaign: true,
  },
  {
    code: 'dukungan_ktp',
    label: 'Memberikan surat dukungan/mengumpulkan fotokopi KTP calon perseorangan',
    etikRow: null,
    disiplinRow: 10,
    disiplinLevel: 'berat',
    criminalInCampaign: false,
  },
  {
    code: 'keputusan_menguntungkan',
    label: 'Membuat keputusan/tindakan yang menguntungkan/merugikan pasangan calon',
    etikRow: null,
    disiplinRow: 11,
    disiplinLevel: 'berat',
    criminalInCampaign: true,
  },
  {
    code: 'anggota_parpol',
    label: 'Menjadi anggota/pengurus partai politik',
    etikRow: null,
    disiplinRow: 5,
    disiplinLevel: 'ptdh',
    criminalInCampaign: false,
  },
  {
    code: 'lainnya',
    label: 'Perilaku lain (diputuskan Satgas Netralitas)',
    etikRow: null,
    disiplinRow: 12,
    disiplinLevel: 'satgas',
    criminalInCampaign: false,
  },
];

export const SKB_BEHAVIOURS = SKB_ROWS.map((r) => r.code) as [SkbBehaviour, ...SkbBehaviour[]];

export function skbRow(code: string): SkbRow | undefined {
  return SKB_ROWS.find((r) => r.code === code);
}

/** Netra's classifier categories mapped to the SKB behaviour an analyst most likely picks (a default only). */
export const CATEGORY_TO_BEHAVIOUR: Record<string, SkbBehaviour> = {
  online_campaigning: 'kampanye_medsos',
  negative_campaigning: 'kampanye_medsos',
  photo_gesture: 'foto_bersama',
  sharing_campaign_material: 'interaksi_medsos',
  candidate_interaction: 'interaksi_medsos',
};
