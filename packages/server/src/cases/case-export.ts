import {
  articleLabel,
  type CaseCsvRow,
  type CaseSettings,
  formatInZone,
  OUTCOMES,
  type Outcome,
  skbRow,
  TRACK_LABELS,
  type Track,
} from '@netra/cases';
import { type Database, listCases, listDecisions } from '@netra/db';
import type { Kysely } from 'kysely';
import type { SessionUser } from '../http/route.ts';
import { loadCaseView } from './case-view.ts';

const DECISIONS: Record<string, string> = {
  confirmed: 'dikonfirmasi',
  dismissed: 'ditolak',
  escalated: 'dieskalasi',
  needs_info: 'perlu informasi',
};

/** One row of the extract, and the person it is about (for the read log). */
export type CaseExportRow = CaseCsvRow & { personId: string | undefined };

/**
 * The Indonesian CSV extract of every case: one row per decision — each review decision on each post and
 * each case review (first, second, adjudication) — with the person, stage, deadline, articles, track, the
 * SHA-256 of every artefact, the referral and the outcome. One batch per case, loaded when the writer asks for
 * it, so the extract is streamed with one case in memory rather than every row of every case.
 */
export async function* eachCaseExportBatch(
  db: Kysely<Database>,
  settings: CaseSettings,
  user: SessionUser,
  now: Date,
): AsyncGenerator<CaseExportRow[]> {
  const cases = await listCases(db, { limit: 10_000 });
  for (const summary of cases) {
    const rows: CaseExportRow[] = [];
    const view = await loadCaseView(db, settings, user, summary.id, now);
    const c = view.case;
    const referral = view.referrals.at(-1);
    const outcome = view.outcomes.at(-1);
    const base = {
      personId: view.person?.id,
      caseNumber: c.case_number,
      caseType: c.case_type,
      status: c.statusLabel,
      office: c.office_name,
      personName: view.person?.name ?? '',
      nip: view.person?.nip ?? '',
      position: view.person?.position ?? '',
      rankGrade: view.person?.rank_grade ?? '',
      agency: view.person?.agency ?? '',
      unit: view.person?.unit ?? '',
      ppk: view.person?.ppk ?? '',
      foundAt: c.foundAtLabel,
      deadline: `${view.clock.current.label}: ${view.clock.current.dueLabel}`,
      articles: c.articles.map(articleLabel).join('; '),
      behaviour: c.skb_behaviour ? (skbRow(c.skb_behaviour)?.label ?? c.skb_behaviour) : '',
      track: c.track ? TRACK_LABELS[c.track as Track] : '',
      referral: referral
        ? `${referral.recipient} ${referral.letter_number} (${referral.letter_date}) ${referral.external_number ?? ''}`.trim()
        : '',
      outcome: outcome
        ? `${OUTCOMES[outcome.outcome as Outcome] ?? outcome.outcome}${outcome.sk_number ? ` SK ${outcome.sk_number} (${outcome.sk_date})` : ''}`
        : '',
    };
    for (const item of view.items) {
      const itemBase = {
        ...base,
        postUrl: item.url,
        platform: item.platform,
        postedAt: item.postedAtLabel,
        contestTiming: item.contestTimingLabel,
        stageAtAct: item.stageLabel ?? '',
        targetStatus: item.targetLabel ?? '',
        artefactHashes: item.artefacts.map((a) => `${a.kind}:${a.sha256}`).join('; '),
      };
      for (const d of await listDecisions(db, item.review_item_id)) {
        rows.push({
          ...itemBase,
          decidedBy: d.username,
          decisionKind: 'telaah item',
          decidedAt: formatInZone(new Date(d.created_at), view.zone),
          decision: `${DECISIONS[d.decision] ?? d.decision}${d.category ? ` (${d.category})` : ''}`,
          note: d.note ?? '',
        });
      }
      for (const r of view.reviews) {
        rows.push({
          ...itemBase,
          decidedBy: r.username,
          decisionKind:
            r.kind === 'first' ? 'telaah pertama kasus' : r.kind === 'second' ? 'telaah kedua' : 'ajudikasi',
          decidedAt: formatInZone(new Date(r.created_at), view.zone),
          decision: `${r.verdict === 'pelanggaran' ? 'pelanggaran' : 'bukan pelanggaran'}${r.skb_behaviour ? ` (${r.skb_behaviour})` : ''}`,
          note: r.note ?? '',
        });
      }
    }
    yield rows;
  }
}
