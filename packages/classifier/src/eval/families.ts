import { fold } from '../normalise/fold.ts';
import type { Scored } from './metrics.ts';

/**
 * Error families for the per-family table of `netra eval`. A rule-based tagger on the post's own text (and, for
 * candidate resolution, on the outcome): a post can be in several families. The rules are deliberately simple
 * and independent of the model's features, so the table measures the model rather than repeating it.
 */
export const FAMILIES = [
  'news_report',
  'colloquial_regional',
  'candidate_resolution',
  'mobilisation',
  'mockery',
  'numbers_gestures_short',
] as const;
export type Family = (typeof FAMILIES)[number];

const words = (s: string) => new Set(s.split(/\s+/).filter(Boolean));
const NEWS = words(
  'mengatakan menurut ujar kata katanya ungkap mengungkapkan menyebut menyebutkan menegaskan menjelaskan dilansir ' +
    'melaksanakan menggelar digelar tiba klaim mengklaim survei elektabilitas unggul hasil persen quick count ' +
    'real rekapitulasi berita breaking update resmi laporan dilaporkan pengamat tim pemenangan debat sesi ' +
    'kpu bawaslu pj pelantikan kunjungan acara',
);
const REGIONAL = words(
  'aing urang mah teh atuh euy wae ae bae nek aku yo ora ra wis uwis kok sing iki iku kagak kaga gak ga nggak ' +
    'nga enggak gue gua lu lo elu loe dong sih deh nih tuh cuy bro lur jos gaskeun gas pol mending nyoblos ' +
    'milih kudu ojo aja ajah doang banget bgt udah udh wkwk anjir bjir kan',
);
const MOBILISE = words(
  'ayo ayok yuk yok mari ajak ngajak datang hadir hadiri kumpul berkumpul bareng bersama bus jalan sehat ktp ' +
    'relawan posko konvoi kampanye akbar rapat umum menangkan coblos',
);
const MOCK = words(
  'wkwk wkwkwk haha hahaha hehe kwkw lucu ngakak cuma doang katanya omdo plonga plongo ngibul bohong pencitraan ' +
    'halu planga plongo bocah',
);
const MOCK_EMOJI = /[😂🤣🙃😏🤡🙄😒🤦😅]/u;
const NUMERIC_OR_GESTURE = /\d|[☝✌🤟]|satu|dua|tiga|siji|loro|telu/u;

function tokensOf(text: string): string[] {
  return fold(text)
    .replace(/(.)\1{2,}/g, '$1$1')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The families a scored post belongs to. */
export function familiesOf(row: Scored): Family[] {
  const toks = tokensOf(row.post.text);
  const has = (set: Set<string>, min = 1) => toks.filter((t) => set.has(t)).length >= min;
  const out: Family[] = [];
  const gold = row.post.label === 'endorse';
  const headline = /https?:\/\/|\bvia\b|\|/i.test(row.post.text) || has(NEWS, 2);
  if (headline) out.push('news_report');
  if (has(REGIONAL, 2)) out.push('colloquial_regional');
  // Every endorsement with a resolvable target: its error that matters is the wrong candidate.
  if (gold && row.post.candidate) out.push('candidate_resolution');
  if (has(MOBILISE, 2)) out.push('mobilisation');
  if (has(MOCK) || MOCK_EMOJI.test(row.post.text)) out.push('mockery');
  if (!gold && (NUMERIC_OR_GESTURE.test(row.post.text) || toks.length <= 8)) out.push('numbers_gestures_short');
  return out;
}

export interface FamilyRow {
  n: number;
  /** Gold neutral flagged. */
  falseAlarms: number;
  /** Gold endorse not flagged. */
  misses: number;
  /** Gold endorse flagged with the wrong candidate. */
  wrongCandidate: number;
  /** (false alarms + misses + wrong candidate) / n. */
  errorRate: number;
}

/** Error counts per family (a post counts in every family it belongs to). */
export function familyTable(rows: readonly Scored[]): Record<Family, FamilyRow> {
  const table = Object.fromEntries(
    FAMILIES.map((f) => [f, { n: 0, falseAlarms: 0, misses: 0, wrongCandidate: 0, errorRate: 0 }]),
  ) as Record<Family, FamilyRow>;
  for (const row of rows) {
    const gold = row.post.label === 'endorse';
    for (const f of familiesOf(row)) {
      const t = table[f];
      t.n++;
      if (!gold && row.result.flagged) t.falseAlarms++;
      if (gold && !row.result.flagged) t.misses++;
      if (gold && row.result.flagged && (row.result.candidate ?? null) !== (row.post.candidate ?? null)) {
        t.wrongCandidate++;
      }
    }
  }
  for (const t of Object.values(table)) {
    t.errorRate = Math.round(((t.falseAlarms + t.misses + t.wrongCandidate) / Math.max(1, t.n)) * 1e4) / 1e4;
  }
  return table;
}
