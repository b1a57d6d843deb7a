import {
  articleLabel,
  type CaseCsvRow,
  type CaseSettings,
  caseCsv,
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

/**
 * The Indonesian CSV extract of every case: one row per decision — each review decision on each post and
 * each case review (first, second, adjudication) — with the person, stage, deadline, articles, track, the
 * SHA-256 of every artefact, the referral and the outcome.
 */
export async function exportCasesCsv(db: Kysely<Database>, settings: CaseSettings, user: SessionUser, now: Date) {
  const cases = await listCases(db, { limit: 10_000 });
  const rows: CaseCsvRow[] = [];
  const personIds: string[] = [];
  for (const summary of cases) {
    const view = await loadCaseView(db, settings, user, summary.id, now);
    const c = view.case;
    if (view.person) personIds.push(view.person.id);
    const referral = view.referrals.at(-1);
    const outcome = view.outcomes.at(-1);
    const base = {
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
  }
  return { csv: caseCsv(rows), rows: rows.length, personIds };
}
