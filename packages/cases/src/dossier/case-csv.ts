import { toCsv, toCsvChunks } from '@netra/core';

/** One decision on one post of a case, resolved to display strings: a row of the Indonesian CSV extract. */
export interface CaseCsvRow {
  caseNumber: string;
  caseType: string;
  status: string;
  office: string;
  personName: string;
  nip: string;
  position: string;
  rankGrade: string;
  agency: string;
  unit: string;
  ppk: string;
  postUrl: string;
  platform: string;
  postedAt: string;
  /** The post's day against the contest it was matched to (`contestTimingLine`), empty when undated. */
  contestTiming: string;
  stageAtAct: string;
  targetStatus: string;
  foundAt: string;
  deadline: string;
  articles: string;
  behaviour: string;
  track: string;
  decidedBy: string;
  decisionKind: string;
  decidedAt: string;
  decision: string;
  note: string;
  artefactHashes: string;
  referral: string;
  outcome: string;
}

export const CASE_CSV_HEADER = [
  'nomor_kasus',
  'jenis_kasus',
  'status_kasus',
  'kantor',
  'nama_asn',
  'nip',
  'jabatan',
  'pangkat_golongan',
  'instansi',
  'unit_kerja',
  'ppk',
  'url_unggahan',
  'platform',
  'waktu_unggah',
  'tanggal_unggah_dan_pemilihan',
  'tahapan_saat_perbuatan',
  'status_sasaran',
  'tanggal_ditemukan',
  'batas_waktu',
  'pasal',
  'perilaku_skb',
  'jalur',
  'diputuskan_oleh',
  'jenis_keputusan',
  'waktu_keputusan',
  'keputusan',
  'catatan',
  'sha256_artefak',
  'penerusan',
  'hasil',
] as const;

/** Every decision (not only the latest) with the evidence hashes, through the one CSV writer. */
export function caseCsv(rows: readonly CaseCsvRow[]): string {
  return toCsv([[...CASE_CSV_HEADER], ...rows.map(caseCsvCells)]);
}

/** The bytes of `caseCsv` over every batch (a case's rows), written a batch at a time. */
export function caseCsvChunks(batches: AsyncIterable<readonly CaseCsvRow[]>): AsyncGenerator<string> {
  return toCsvChunks(CASE_CSV_HEADER, batches, ',', caseCsvCells);
}

function caseCsvCells(r: CaseCsvRow): unknown[] {
  return [
    r.caseNumber,
    r.caseType,
    r.status,
    r.office,
    r.personName,
    r.nip,
    r.position,
    r.rankGrade,
    r.agency,
    r.unit,
    r.ppk,
    r.postUrl,
    r.platform,
    r.postedAt,
    r.contestTiming,
    r.stageAtAct,
    r.targetStatus,
    r.foundAt,
    r.deadline,
    r.articles,
    r.behaviour,
    r.track,
    r.decidedBy,
    r.decisionKind,
    r.decidedAt,
    r.decision,
    r.note,
    r.artefactHashes,
    r.referral,
    r.outcome,
  ];
}
