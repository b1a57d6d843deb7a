import type { FieldIssue } from '@netra/core';
import { CaseError } from './case-error.ts';

export interface ReadinessInput {
  person: {
    name: string;
    nip: string;
    position: string | null;
    agency: string | null;
    rankGrade: string | null;
  } | null;
  items: { reviewItemId: string; evidenceVerified: boolean; artefacts: number }[];
  articles: readonly string[];
  behaviour: string | null;
  track: string | null;
  violationType: string | null;
  foundAt: Date | null;
  officers: { name: string; position: string | null; assignmentLetterNo: string | null }[];
  chronology: string | null;
  analysis: string | null;
}

const blank = (v: string | null | undefined) => v === null || v === undefined || v.trim() === '';

/**
 * What a case must hold before it can move on (to second review, and again before referral), each missing
 * field named in Indonesian. Recipients return files lacking jabatan or pangkat/golongan; a dossier without
 * verified evidence or an article is not a case.
 */
export function missingFields(c: ReadinessInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const add = (field: string, message: string) => issues.push({ field, message });
  if (!c.person) {
    add('person', 'Identitas ASN belum ada: kasus harus terkait dengan satu orang di daftar pantau');
  } else {
    if (blank(c.person.name)) add('person.name', 'Nama ASN wajib diisi');
    if (!/^\d{18}$/.test(c.person.nip)) add('person.nip', 'NIP ASN wajib diisi (18 angka)');
    if (blank(c.person.position)) add('person.position', 'Jabatan ASN wajib diisi');
    if (blank(c.person.agency)) add('person.agency', 'Instansi ASN wajib diisi');
    if (blank(c.person.rankGrade)) add('person.rank_grade', 'Pangkat/golongan ASN wajib diisi');
  }
  if (c.items.length === 0) add('items', 'Kasus belum memuat unggahan');
  for (const item of c.items) {
    if (item.artefacts === 0)
      add(`items.${item.reviewItemId}.artefacts`, 'Unggahan tidak memiliki artefak bukti (tangkapan layar/HTML)');
    if (!item.evidenceVerified)
      add(`items.${item.reviewItemId}.evidence_verified`, 'Bukti unggahan belum diverifikasi');
  }
  if (c.articles.length === 0) add('articles', 'Pasal yang diduga dilanggar belum dipilih');
  if (blank(c.behaviour)) add('skb_behaviour', 'Perilaku menurut matriks SKB belum dipilih');
  if (blank(c.track)) add('track', 'Jalur penanganan belum dipilih analis');
  if (blank(c.violationType)) add('violation_type', 'Jenis dugaan pelanggaran belum dipilih');
  if (!c.foundAt) add('found_at', 'Tanggal ditemukan/diketahui wajib diisi');
  if (c.officers.length === 0) add('officers', 'Pengawas yang menemukan belum dicatat');
  for (const [i, o] of c.officers.entries()) {
    if (blank(o.position)) add(`officers.${i}.position`, `Jabatan pengawas ${o.name} belum diisi di profil`);
    if (blank(o.assignmentLetterNo))
      add(`officers.${i}.assignment_letter_no`, `Nomor surat perintah tugas ${o.name} belum diisi di profil`);
  }
  if (blank(c.chronology)) add('chronology', 'Kronologi/uraian singkat wajib diisi');
  if (blank(c.analysis)) add('analysis', 'Analisis wajib diisi');
  return issues;
}

export function assertReady(c: ReadinessInput): void {
  const issues = missingFields(c);
  if (issues.length > 0) {
    throw new CaseError(
      'CASE_FIELDS_MISSING',
      `Kasus belum lengkap: ${issues.map((i) => `${i.field} — ${i.message}`).join('; ')}`,
      issues,
    );
  }
}
