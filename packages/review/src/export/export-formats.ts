import { contestTimingParts, toCsv, toCsvChunks } from '@netra/core';
import type { DecidedRow } from './decided-pages.ts';

const CSV_COLUMNS: [string, (r: DecidedRow) => unknown][] = [
  ['review_item_id', (r) => r.review_item_id],
  ['decision', (r) => r.decision],
  ['label', (r) => r.label],
  ['candidate', (r) => r.candidate],
  ['stance', (r) => r.stance],
  ['category', (r) => r.category],
  ['note', (r) => r.note],
  ['reason', (r) => r.reason],
  ['decided_by', (r) => r.decided_by],
  ['decided_at', (r) => r.decided_at.toISOString()],
  ['nama', (r) => r.person_name],
  ['nip', (r) => r.nip],
  ['instansi', (r) => r.agency],
  ['jabatan', (r) => r.position],
  ['kode_wilayah', (r) => r.region_code],
  ['ppk', (r) => r.ppk],
  ['platform', (r) => r.platform],
  ['external_id', (r) => r.external_id],
  ['url', (r) => r.url],
  ['posted_at', (r) => r.posted_at?.toISOString() ?? ''],
  ['text', (r) => r.text],
  ['content_sha256', (r) => r.content_hash],
  ['model_score', (r) => r.score.toFixed(4)],
  ['model_candidate', (r) => r.model_candidate],
  ['model_version', (r) => r.model_version],
  // A dated post: the contest its day was matched to, the day and the contest's running window as local dates
  // with the zone of that contest, the phase, and whether the date is what chose the contest. Empty when undated.
  ['pemilihan_menurut_tanggal', (r) => r.contest_timing?.contest],
  ['tanggal_unggah_lokal', (r) => timing(r)?.postedOn],
  ['masa_berjalan_pemilihan', (r) => timing(r)?.window],
  ['fase_saat_unggah', (r) => timing(r)?.phase],
  ['tanggal_menentukan_pemilihan', (r) => timing(r)?.decided],
];

function timing(r: DecidedRow) {
  return r.contest_timing ? contestTimingParts(r.contest_timing, r.timing_region_code) : undefined;
}

/**
 * The case-file export: one row per decided item with its latest decision, through the shared CSV writer
 * (formula-neutralised cells, UTF-8 with BOM for Excel): post text is written by strangers.
 */
export function decisionsToCsv(rows: readonly DecidedRow[]): string {
  return toCsv([CSV_HEADER, ...rows.map(csvCells)]);
}

/** The bytes of `decisionsToCsv` over every page, written a page at a time. */
export function decisionsCsvChunks(pages: AsyncIterable<readonly DecidedRow[]>): AsyncGenerator<string> {
  return toCsvChunks(CSV_HEADER, pages, ',', csvCells);
}

const CSV_HEADER = CSV_COLUMNS.map(([name]) => name);
const csvCells = (r: DecidedRow) => CSV_COLUMNS.map(([, get]) => get(r));

/** The bytes of `decisionsToTrainingJsonl` over every page, written a page at a time. */
export async function* decisionsJsonlChunks(pages: AsyncIterable<readonly DecidedRow[]>): AsyncGenerator<string> {
  for await (const page of pages) yield decisionsToTrainingJsonl(page);
}

/** Reviewer decisions in the labelled-corpus line format, ready for `netra train --input`. */
export function decisionsToTrainingJsonl(rows: readonly DecidedRow[]): string {
  return rows
    .filter((r) => r.decision === 'confirmed' || r.decision === 'dismissed')
    .map((r) =>
      JSON.stringify({
        id: `review-${r.review_item_id}`,
        platform: r.platform,
        kind: r.kind,
        region: r.region_code ?? undefined,
        text: r.text,
        ...(r.context ? { context: r.context } : {}),
        label: r.label,
        candidate: r.candidate,
        stance: r.stance,
        difficulty: 'hard',
        rationale: r.note ?? `reviewer decision: ${r.decision}`,
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}
