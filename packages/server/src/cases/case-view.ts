import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import {
  articleLabel,
  CASE_STATUSES,
  type CaseSettings,
  type ElectionStage,
  formatInZone,
  localDate,
  type Manifest,
  manifestSha256,
  manifestText,
  missingFields,
  nipFor,
  STAGE_LABELS,
  seesFullNip,
  skbRow,
  suggestTrack,
  TARGET_STATUS_LABELS,
  type TargetStatus,
  TRACK_LABELS,
  type Track,
  VIOLATION_TYPES,
  type ViolationType,
  zoneOfRegion,
} from '@netra/cases';
import { contestTimingLine } from '@netra/core';
import {
  type Database,
  getCaseRow,
  getContestWithMilestones,
  getPersonRow,
  listArtefactsOfPosts,
  listCaseDocuments,
  listCaseItems,
  listCaseOfficers,
  listCaseReviews,
  listOutcomes,
  listReferrals,
} from '@netra/db';
import type { Kysely } from 'kysely';
import type { SessionUser } from '../http/route.ts';
import { caseClock, caseNotFound, readinessOf } from './case-service.ts';

type Db = Kysely<Database>;

/** What of a case rests on the first judgement: hidden from a blind second analyst until they have judged. */
const FIRST_JUDGEMENT_FIELDS = ['analysis', 'facts', 'skb_behaviour', 'track', 'suggested_track', 'articles'] as const;

/**
 * Whether this user may not yet see the first judgement of the case: a blind second review is pending and
 * the user is an analyst other than the first. Every answer that carries a case goes through this (the case
 * view, the case list, a person's outcomes, and the answers of case writes).
 */
export function isBlindFor(
  user: Pick<SessionUser, 'id' | 'role'>,
  row: { status: string; second_review_mode: string | null },
  firstReviewerId: string | null | undefined,
): boolean {
  return (
    row.status === 'second_review' &&
    row.second_review_mode === 'blind' &&
    user.role === 'analyst' &&
    firstReviewerId !== user.id
  );
}

/** The row with the first judgement's fields it carries emptied (only those it has). */
export function withoutFirstJudgement<T extends object>(row: T): T {
  const out = { ...row } as Record<string, unknown>;
  for (const field of FIRST_JUDGEMENT_FIELDS) if (field in out) out[field] = field === 'articles' ? [] : null;
  return out as T;
}

/** A list of case rows as this user may see them (rows carry their status, review mode and first reviewer). */
export function casesAsSeenBy<
  T extends { status: string; second_review_mode: string | null; first_reviewer_id: string | null },
>(user: Pick<SessionUser, 'id' | 'role'>, rows: readonly T[]): Omit<T, 'first_reviewer_id'>[] {
  return rows.map(({ first_reviewer_id, ...row }) =>
    isBlindFor(user, row, first_reviewer_id) ? withoutFirstJudgement(row) : row,
  );
}

/**
 * The answer of a case write (the updated row) as this user may see it: a blind second analyst who sends an
 * empty edit or a clock date got the whole row back, first analysis and track included.
 */
export async function caseRowAsSeenBy<T extends { id: string; status: string; second_review_mode: string | null }>(
  db: Db,
  user: Pick<SessionUser, 'id' | 'role'>,
  row: T,
): Promise<T> {
  if (row.status !== 'second_review' || user.role !== 'analyst') return row;
  const first = (await listCaseReviews(db, row.id)).find((r) => r.kind === 'first');
  return isBlindFor(user, row, first?.reviewer_id) ? withoutFirstJudgement(row) : row;
}

/**
 * Everything shown about one case, for the page, the API and the dossier. The NIP is masked for a viewer;
 * while a blind second review is pending, an analyst other than the first sees neither the first judgement
 * nor the analysis, behaviour, articles or track it rests on.
 */
export async function loadCaseView(db: Db, settings: CaseSettings, user: SessionUser, caseId: string, now: Date) {
  const row = await getCaseRow(db, caseId);
  if (!row) throw caseNotFound();
  const [person, contest, items, officers, reviews, referrals, outcomes, documents, readiness] = await Promise.all([
    getPersonRow(db, row.person_id),
    getContestWithMilestones(db, row.contest_id),
    listCaseItems(db, caseId),
    listCaseOfficers(db, caseId),
    listCaseReviews(db, caseId),
    listReferrals(db, caseId),
    listOutcomes(db, caseId),
    listCaseDocuments(db, caseId),
    readinessOf(db, caseId),
  ]);
  const artefacts = await listArtefactsOfPosts(
    db,
    items.map((i) => i.post_id),
  );
  const zone = zoneOfRegion(row.office_region_code);
  const clock = caseClock(settings, row, now);
  const firstReview = reviews.find((r) => r.kind === 'first');
  const blind = isBlindFor(user, row, firstReview?.reviewer_id);
  const firstItem = items[0];
  const suggestion =
    row.skb_behaviour && skbRow(row.skb_behaviour) && firstItem?.stage_at_act && firstItem.target_status
      ? suggestTrack({
          behaviour: row.skb_behaviour as never,
          targetStatus: firstItem.target_status,
          stage: firstItem.stage_at_act as ElectionStage,
          regime: row.regime,
        })
      : null;
  return {
    case: {
      ...row,
      statusLabel: CASE_STATUSES[row.status],
      foundAtLabel: formatInZone(new Date(row.found_at), zone),
      ...(blind
        ? {
            analysis: null,
            facts: null,
            skb_behaviour: null,
            track: null,
            suggested_track: null,
            articles: [] as string[],
          }
        : {}),
    },
    blind,
    zone,
    person: person ? { ...person, nip: nipFor(user.role, person.nip), nipMasked: !seesFullNip(user.role) } : null,
    contest,
    clock,
    suggestion: blind ? null : suggestion,
    items: items.map((i) => ({
      ...i,
      stageLabel: i.stage_at_act ? STAGE_LABELS[i.stage_at_act as ElectionStage] : null,
      targetLabel: i.target_status ? TARGET_STATUS_LABELS[i.target_status as TargetStatus] : null,
      postedAtLabel: i.posted_at ? formatInZone(new Date(i.posted_at), zone) : 'tidak diketahui',
      contestTimingLabel: contestTimingLine(i.contest_timing, i.timing_region_code),
      artefacts: artefacts
        .filter((a) => a.post_id === i.post_id)
        .map((a) => ({ ...a, capturedAtLabel: formatInZone(new Date(a.captured_at), zone) })),
    })),
    officers,
    reviews: blind ? reviews.filter((r) => r.kind !== 'first') : reviews,
    referrals,
    outcomes,
    documents,
    missing: missingFields(readiness),
    today: localDate(now, zone),
  };
}

export type CaseView = Awaited<ReturnType<typeof loadCaseView>>;

function collectorOf(raw: Record<string, unknown> | null, platform: string): { name: string; version: string } {
  const source =
    typeof raw?.collector === 'string' ? raw.collector : typeof raw?.source === 'string' ? raw.source : null;
  const version = typeof raw?.collectorVersion === 'string' ? raw.collectorVersion : null;
  return { name: source ?? `netra-collectors/${platform}`, version: version ?? 'tidak tercatat' };
}

/** Whether a post was still there at the last crawl of its account (the first captured text is what is kept). */
function postStatus(item: CaseView['items'][number], zone: ReturnType<typeof zoneOfRegion>): string {
  const lastSeen = new Date(item.last_seen_at);
  const crawled = item.last_crawled_at ? new Date(item.last_crawled_at) : null;
  const seen = `terakhir terlihat ${formatInZone(lastSeen, zone)}`;
  if (crawled && crawled.getTime() > lastSeen.getTime() + 60_000) {
    return `tidak ditemukan lagi pada pengambilan ${formatInZone(crawled, zone)} (kemungkinan dihapus); ${seen}`;
  }
  return `masih tersedia; ${seen}; teks yang disimpan adalah tangkapan pertama (SHA-256 teks ${item.content_hash})`;
}

/** The evidence manifest of a case: one entry per artefact. */
export function caseManifest(view: CaseView): Manifest {
  return {
    caseNumber: view.case.case_number,
    entries: view.items.flatMap((i) =>
      i.artefacts.map((a) => ({
        postUrl: i.url,
        kind: a.kind,
        sha256: a.sha256,
        bytes: a.bytes,
        capturedAt: new Date(a.captured_at).toISOString(),
      })),
    ),
  };
}

async function imageDataUri(evidenceDir: string, path: string, mediaType: string): Promise<string | null> {
  if (!/^image\/(png|jpeg|webp|gif)$/.test(mediaType)) return null;
  const root = resolve(evidenceDir);
  const file = resolve(root, path);
  if (!file.startsWith(root + sep)) return null;
  const bytes = await readFile(file).catch(() => null);
  return bytes ? `data:${mediaType};base64,${bytes.toString('base64')}` : null;
}

/** The dossier's display data from a case view (read with a role that sees the full NIP). */
export async function dossierData(view: CaseView, evidenceDir: string, now: Date) {
  const c = view.case;
  const p = view.person;
  const manifest = caseManifest(view);
  const behaviour = c.skb_behaviour ? (skbRow(c.skb_behaviour)?.label ?? c.skb_behaviour) : '—';
  return {
    caseNumber: c.case_number,
    caseTypeLabel: c.case_type === 'temuan' ? 'Temuan' : 'Laporan',
    officeName: c.office_name,
    regimeLabel: c.regime === 'pilkada' ? 'Pemilihan (Pilkada)' : 'Pemilihan Umum',
    contestName: view.contest ? `${view.contest.kind} ${view.contest.region_name}` : c.contest_id,
    stageLabel: view.items[0]?.stageLabel ?? '—',
    targetStatusLabel: view.items[0]?.targetLabel ?? '—',
    officers: view.officers.map((o) => ({
      name: o.display_name,
      position: o.position ?? '',
      assignmentLetterNo: o.assignment_letter_no ?? '',
      office: o.office_name ?? c.office_name,
    })),
    foundAtLabel: c.foundAtLabel,
    deadlines: view.clock.deadlines.map((d) => ({
      label: d.label,
      dueLabel: d.provisional ? `${d.dueLabel} (sementara, registrasi belum dicatat)` : d.dueLabel,
      basis: d.basis,
    })),
    person: {
      name: p?.name ?? '—',
      nip: p?.nip ?? '—',
      position: p?.position ?? '—',
      rankGrade: p?.rank_grade ?? '—',
      agency: p?.agency ?? '—',
      unit: p?.unit ?? '—',
      ppk: p?.ppk ?? '—',
      region: p?.region_code ?? '—',
    },
    chronology: c.chronology ?? '',
    facts: c.facts ?? '',
    analysis: c.analysis ?? '',
    witnesses: c.witnesses,
    articles: c.articles.map(articleLabel),
    behaviour,
    violationType: c.violation_type ? VIOLATION_TYPES[c.violation_type as ViolationType] : '—',
    track: c.track ? TRACK_LABELS[c.track as Track] : '—',
    suggestedTrack: view.suggestion
      ? `${TRACK_LABELS[view.suggestion.track]} — ${view.suggestion.reasons.join(' ')}`
      : '—',
    reviews: view.reviews.map((r) => ({
      who: r.display_name,
      when: formatInZone(new Date(r.created_at), view.zone),
      what: `${r.kind === 'first' ? 'Telaah pertama' : r.kind === 'second' ? `Telaah kedua (${r.mode === 'blind' ? 'analis buta' : 'supervisor'})` : 'Ajudikasi'}: ${r.verdict === 'pelanggaran' ? 'pelanggaran' : 'bukan pelanggaran'}${r.skb_behaviour ? ` — ${skbRow(r.skb_behaviour)?.label ?? r.skb_behaviour}` : ''}${r.note ? `; ${r.note}` : ''}`,
    })),
    items: await Promise.all(
      view.items.map(async (i) => {
        const collector = collectorOf(i.raw as Record<string, unknown> | null, i.platform);
        return {
          url: i.url,
          platform: i.platform,
          postedAtLabel: i.postedAtLabel,
          contestTimingLabel: i.contestTimingLabel,
          text: i.text,
          stageLabel: `${i.stageLabel ?? '—'}; sasaran: ${i.targetLabel ?? '—'}`,
          collector: collector.name,
          collectorVersion: collector.version,
          status: postStatus(i, view.zone),
          artefacts: await Promise.all(
            i.artefacts.map(async (a) => ({
              kind: a.kind,
              sha256: a.sha256,
              bytes: a.bytes,
              capturedAtLabel: a.capturedAtLabel,
              imageDataUri: a.kind === 'screenshot' ? await imageDataUri(evidenceDir, a.path, a.media_type) : null,
            })),
          ),
        };
      }),
    ),
    manifestText: manifestText(manifest),
    manifestSha256: manifestSha256(manifest),
    generatedAtLabel: formatInZone(now, view.zone),
  };
}
