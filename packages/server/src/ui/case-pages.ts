import {
  ARTICLES,
  CASE_STATUSES,
  CHANNELS,
  type ClockState,
  type KappaRow,
  OUTCOMES,
  type Outcome,
  SKB_ROWS,
  skbRow,
  TRACK_LABELS,
  type Track,
  VIOLATION_TYPES,
  type ViolationType,
} from '@netra/cases';
import { hasRole } from '../auth/roles.ts';
import type { CaseView } from '../cases/case-view.ts';
import type { SessionUser } from '../http/route.ts';
import type { Messages } from '../i18n/messages.ts';
import { externalLink, html, type SafeHtml } from './html.ts';

const csrf = (user: SessionUser) => html`<input type="hidden" name="_csrf" value="${user.csrfToken}">`;
const urgencyClass = (u: ClockState['urgency']) => `deadline-${u}`;
const kappaText = (k: number | null) => (k === null ? '—' : k.toFixed(2));

export function clockBadge(t: Messages, clock: ClockState): SafeHtml {
  const label = clock.urgency === 'overdue' ? t.caseOverdue : clock.urgency === 'near' ? t.caseNear : t.caseTimeLeft;
  return html`<span class="${urgencyClass(clock.urgency)}" title="${clock.current.label}: ${clock.current.dueLabel}">${label}: ${clock.timeLeftLabel}</span>`;
}

export interface CaseListRow {
  id: string;
  case_number: string;
  case_type: string;
  status: keyof typeof CASE_STATUSES;
  office_name: string;
  person_name: string;
  person_id: string;
  latest_outcome: string | null;
  clock: ClockState;
}

export function caseListBody(
  t: Messages,
  user: SessionUser,
  rows: CaseListRow[],
  counts: { byStatus: Record<string, number>; byOutcome: Record<string, number> },
  agreement: { byPair: KappaRow[]; byCategory: KappaRow[] },
  reminders: { case_id: string; case_number: string; recipient: string; letter_number: string; follow_up_on: string }[],
): SafeHtml {
  const overdue = rows.filter((r) => r.clock.urgency === 'overdue' && isOpen(r.status)).length;
  const near = rows.filter((r) => r.clock.urgency === 'near' && isOpen(r.status)).length;
  return html`<div class="card"><h2>${t.caseCounts}</h2>
<p><strong class="deadline-overdue">${t.caseOverdue}: ${overdue}</strong> · <strong class="deadline-near">${t.caseNear}: ${near}</strong></p>
<dl>${Object.entries(CASE_STATUSES).map(([k, label]) => html`<dt>${label}</dt><dd>${counts.byStatus[k] ?? 0}</dd>`)}</dl>
<h3>${t.caseByOutcome}</h3>
<dl>${Object.entries(OUTCOMES).map(([k, label]) => html`<dt>${label}</dt><dd>${counts.byOutcome[k] ?? 0}</dd>`)}</dl>
${hasRole(user.role, 'supervisor') ? html`<p><a href="/api/case-export.csv">${t.caseExportCsv}</a></p>` : ''}
</div>
${
  rows.length === 0
    ? html`<p>${t.caseNone}</p>`
    : html`<div class="table-wrap"><table class="cases"><thead><tr><th>${t.caseNumber}</th><th>${t.caseType}</th><th>${t.casePerson}</th><th>${t.caseOffice}</th><th>${t.caseStatus}</th><th>${t.caseDeadline}</th><th>${t.caseOutcomes}</th></tr></thead><tbody>
${rows.map(
  (
    r,
  ) => html`<tr class="${isOpen(r.status) ? urgencyClass(r.clock.urgency) : ''}"><td><a href="/cases/${r.id}">${r.case_number}</a></td><td>${r.case_type}</td>
<td><a href="/people/${r.person_id}/outcomes">${r.person_name}</a></td><td>${r.office_name}</td><td>${CASE_STATUSES[r.status]}</td>
<td>${r.clock.current.dueLabel}<br>${isOpen(r.status) ? clockBadge(t, r.clock) : ''}</td><td>${r.latest_outcome ? (OUTCOMES[r.latest_outcome as Outcome] ?? r.latest_outcome) : '—'}</td></tr>`,
)}
</tbody></table></div>`
}
<div class="card"><h2>${t.caseAgreement}</h2>
<table><thead><tr><th>${t.caseAgreementPair}</th><th>n</th><th>kappa</th><th>%</th></tr></thead><tbody>
${agreement.byPair.map((k) => html`<tr><td>${k.key}</td><td>${k.n}</td><td>${kappaText(k.kappa)}</td><td>${(k.agreement * 100).toFixed(0)}%</td></tr>`)}
</tbody></table>
<table><thead><tr><th>${t.caseAgreementCategory}</th><th>n</th><th>kappa</th><th>%</th></tr></thead><tbody>
${agreement.byCategory.map((k) => html`<tr><td>${k.key}</td><td>${k.n}</td><td>${kappaText(k.kappa)}</td><td>${(k.agreement * 100).toFixed(0)}%</td></tr>`)}
</tbody></table></div>
<div class="card"><h2>${t.caseReminders}</h2>
${reminders.length === 0 ? html`<p>—</p>` : html`<ul>${reminders.map((r) => html`<li><a href="/cases/${r.case_id}">${r.case_number}</a>: ${r.recipient} ${r.letter_number}, tindak lanjut sejak ${r.follow_up_on}</li>`)}</ul>`}
</div>`;
}

function isOpen(status: string): boolean {
  return status !== 'closed' && status !== 'dismissed' && status !== 'referred';
}

const behaviourOptions = (selected: string | null) =>
  SKB_ROWS.map((r) => html`<option value="${r.code}" ${r.code === selected ? 'selected' : ''}>${r.label}</option>`);

function judgementForm(user: SessionUser, action: string, title: string): SafeHtml {
  return html`<form method="post" action="${action}" class="card judgement"><h3>${title}</h3>${csrf(user)}
<label>Putusan <select name="verdict"><option value="pelanggaran">Pelanggaran</option><option value="bukan_pelanggaran">Bukan pelanggaran</option></select></label>
<label>Perilaku SKB <select name="skbBehaviour"><option value="">—</option>${behaviourOptions(null)}</select></label>
<label>Catatan <textarea name="note" rows="2"></textarea></label>
<button type="submit">Simpan</button></form>`;
}

/** An instant for a form field, in UTC with its `Z`, so submitting it unchanged never shifts it by a zone. */
const dt = (d: Date | string | null | undefined) => (d ? `${new Date(d).toISOString().slice(0, 16)}Z` : '');

export function caseBody(t: Messages, user: SessionUser, view: CaseView, recipients: string[]): SafeHtml {
  const c = view.case;
  const analyst = hasRole(user.role, 'analyst');
  const supervisor = hasRole(user.role, 'supervisor');
  const editable = analyst && (c.status === 'draft' || c.status === 'adjudication');
  const p = view.person;
  return html`<div class="card"><dl>
<dt>${t.caseNumber}</dt><dd class="case-number">${c.case_number}</dd>
<dt>${t.caseType}</dt><dd>${c.case_type}</dd>
<dt>${t.caseStatus}</dt><dd class="case-status">${c.statusLabel}</dd>
<dt>${t.caseOffice}</dt><dd>${c.office_name} (${c.office_level}, ${c.office_region_code})</dd>
<dt>Rezim</dt><dd>${c.regime === 'pilkada' ? 'Pilkada' : 'Pemilu'} — ${view.contest?.region_name ?? c.contest_id}</dd>
<dt>${t.casePerson}</dt><dd>${p ? html`<a href="/people/${p.id}/outcomes">${p.name}</a>, NIP <code class="nip">${p.nip}</code>, ${p.position}, ${p.rank_grade ?? html`<em class="error">pangkat/golongan belum diisi</em>`}, ${p.agency}${p.unit ? `, ${p.unit}` : ''}` : '—'}</dd>
<dt>${t.caseFoundAt}</dt><dd>${c.foundAtLabel}</dd>
</dl></div>
<div class="card clock"><h2>${t.caseDeadline} ${clockBadge(t, view.clock)}</h2>
<table><thead><tr><th>Tahap</th><th>Batas waktu</th><th>Dasar hukum</th></tr></thead><tbody>
${view.clock.deadlines.map((d) => html`<tr class="${d.key === view.clock.current.key ? urgencyClass(view.clock.urgency) : ''}"><td>${d.label}</td><td>${d.dueLabel}${d.provisional ? ' (sementara: registrasi belum dicatat)' : ''}</td><td>${d.basis}</td></tr>`)}
</tbody></table></div>
${view.blind ? html`<p class="flash">${t.caseBlind}</p>` : ''}
${
  view.missing.length > 0
    ? html`<div class="card error missing"><h2>${t.caseMissing}</h2><ul>${view.missing.map((m) => html`<li data-field="${m.field}">${m.message} <code>${m.field}</code></li>`)}</ul></div>`
    : ''
}
${
  view.suggestion
    ? html`<div class="card suggestion"><h2>${t.caseSuggestion}</h2><p><strong>${TRACK_LABELS[view.suggestion.track]}</strong>${view.suggestion.alsoConsider.length ? html` — juga pertimbangkan: ${view.suggestion.alsoConsider.map((x) => TRACK_LABELS[x]).join('; ')}` : ''}</p><ul>${view.suggestion.reasons.map((r) => html`<li>${r}</li>`)}</ul></div>`
    : ''
}
<h2>${t.caseItems}</h2>
${view.items.map(
  (
    i,
  ) => html`<div class="card item"><p><a href="/review/${i.review_item_id}">${i.platform}</a> · ${i.postedAtLabel} · ${i.stageLabel ?? '—'} · sasaran: ${i.targetLabel ?? '—'} · ${externalLink(i.url, i.url)}</p>
<div class="post-text">${i.text}</div>
<ul>${i.artefacts.map((a) => html`<li>${a.kind} · ${a.capturedAtLabel} · <a href="/evidence/${a.sha256}"><code>${a.sha256}</code></a></li>`)}</ul>
<p>${i.evidence_verified ? html`<span class="verified">Bukti terverifikasi</span>` : analyst ? html`<form method="post" action="/cases/${c.id}/items/${i.review_item_id}/verify" class="inline">${csrf(user)}<button type="submit">Verifikasi bukti</button></form>` : 'Bukti belum diverifikasi'}</p></div>`,
)}
${
  editable
    ? html`<form method="post" action="/cases/${c.id}/edit" class="card case-edit"><h2>Isi kasus</h2>${csrf(user)}
<label>Kronologi / uraian singkat <textarea name="chronology" rows="4">${c.chronology ?? ''}</textarea></label>
<label>Fakta dan keterangan <textarea name="facts" rows="3">${c.facts ?? ''}</textarea></label>
<label>Analisis <textarea name="analysis" rows="4">${c.analysis ?? ''}</textarea></label>
<label>Saksi (satu per baris: nama | alamat) <textarea name="witnesses" rows="2">${c.witnesses.map((w) => `${w.name} | ${w.address}`).join('\n')}</textarea></label>
<fieldset><legend>Pasal yang diduga dilanggar</legend>${ARTICLES.map((a) => html`<label><input type="checkbox" name="articles" value="${a.code}" ${c.articles.includes(a.code) ? 'checked' : ''}> ${a.label}</label>`)}</fieldset>
<label>Perilaku SKB <select name="skbBehaviour"><option value="">—</option>${behaviourOptions(c.skb_behaviour)}</select></label>
<label>Jenis dugaan pelanggaran <select name="violationType"><option value="">—</option>${Object.entries(VIOLATION_TYPES).map(([k, v]) => html`<option value="${k}" ${k === c.violation_type ? 'selected' : ''}>${v}</option>`)}</select></label>
<label>Jalur (dipilih analis) <select name="track"><option value="">—</option>${Object.entries(TRACK_LABELS).map(([k, v]) => html`<option value="${k}" ${k === c.track ? 'selected' : ''}>${v}</option>`)}</select></label>
<button type="submit">Simpan</button></form>`
    : html`<div class="card"><dl><dt>Kronologi</dt><dd>${c.chronology ?? '—'}</dd><dt>Fakta</dt><dd>${c.facts ?? '—'}</dd><dt>Analisis</dt><dd>${c.analysis ?? '—'}</dd>
<dt>Saksi</dt><dd>${c.witnesses.map((w) => `${w.name} (${w.address})`).join('; ') || '—'}</dd>
<dt>Pasal</dt><dd>${c.articles.map((a) => ARTICLES.find((x) => x.code === a)?.label ?? a).join('; ') || '—'}</dd>
<dt>Perilaku SKB</dt><dd>${c.skb_behaviour ? (skbRow(c.skb_behaviour)?.label ?? c.skb_behaviour) : '—'}</dd>
<dt>Jenis</dt><dd>${c.violation_type ? VIOLATION_TYPES[c.violation_type as ViolationType] : '—'}</dd>
<dt>Jalur</dt><dd>${c.track ? TRACK_LABELS[c.track as Track] : '—'}</dd></dl></div>`
}
${
  analyst && c.status !== 'closed'
    ? html`<form method="post" action="/cases/${c.id}/clock" class="card"><h3>Registrasi dan keterangan tambahan</h3>${csrf(user)}
<label>Diregistrasi pada (ISO) <input name="registeredAt" value="${dt(c.registered_at)}" placeholder="2024-10-02T09:00+07:00"></label>
<label>Keterangan tambahan diminta pada (Pilkada, +2 hari) <input name="infoRequestedAt" value="${dt(c.info_requested_at)}"></label>
<button type="submit">Simpan</button></form>
<form method="post" action="/cases/${c.id}/found-at" class="card"><h3>Ubah tanggal ditemukan/diketahui</h3>${csrf(user)}
<label>Tanggal baru (ISO, dengan zona) <input name="foundAt" required placeholder="2024-10-02T09:00+07:00"></label>
<label>Alasan <input name="reason" required minlength="5"></label><button type="submit">Ubah</button></form>`
    : ''
}
${
  analyst && p && !p.rank_grade
    ? html`<form method="post" action="/cases/people/${p.id}/rank-grade" class="card"><h3>Pangkat/golongan ASN</h3>${csrf(user)}<input type="hidden" name="caseId" value="${c.id}">
<label>Pangkat/golongan <input name="rankGrade" required placeholder="Penata, III/c"></label><button type="submit">Simpan</button></form>`
    : ''
}
${c.status === 'draft' && analyst ? html`<form method="post" action="/cases/${c.id}/submit" class="card">${csrf(user)}<button type="submit">Ajukan ke telaah kedua</button></form>` : ''}
${c.status === 'second_review' && analyst ? judgementForm(user, `/cases/${c.id}/second-review`, `Telaah kedua (${c.second_review_mode === 'blind' ? 'analis buta' : 'supervisor'})`) : ''}
${c.status === 'adjudication' && supervisor ? judgementForm(user, `/cases/${c.id}/adjudication`, 'Ajudikasi') : ''}
${
  c.status === 'ready' && supervisor
    ? html`<form method="post" action="/cases/${c.id}/referrals" class="card referral"><h3>Teruskan</h3>${csrf(user)}
<label>Nomor surat <input name="letterNumber" required></label><label>Tanggal surat <input name="letterDate" type="date" required></label>
<label>Penerima <select name="recipient">${recipients.map((r) => html`<option>${r}</option>`)}</select></label>
<label>Saluran <select name="channel">${Object.entries(CHANNELS).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select></label>
<label>Nomor pengaduan eksternal (mis. SBT) <input name="externalNumber"></label><button type="submit">Catat penerusan</button></form>`
    : ''
}
${
  (c.status === 'referred' || c.status === 'closed') && supervisor
    ? html`<form method="post" action="/cases/${c.id}/outcomes" class="card outcome"><h3>Catat hasil</h3>${csrf(user)}
<label>Hasil <select name="outcome">${Object.entries(OUTCOMES).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select></label>
<label>Nomor SK <input name="skNumber"></label><label>Tanggal SK <input name="skDate" type="date"></label>
<label>Catatan <textarea name="note" rows="2"></textarea></label><button type="submit">Simpan hasil</button></form>`
    : ''
}
${analyst ? html`<p><a class="dossier" href="/cases/${c.id}/dossier.pdf">${t.caseDossier}</a></p>` : ''}
<h2>${t.caseReviews}</h2>
<ol class="reviews">${view.reviews.map((r) => html`<li>${r.display_name}: ${r.kind} ${r.mode ?? ''} — ${r.verdict}${r.skb_behaviour ? ` (${r.skb_behaviour})` : ''}${r.note ? `: ${r.note}` : ''}</li>`)}</ol>
<h2>${t.caseOfficers}</h2>
<ul>${view.officers.map((o) => html`<li>${o.display_name}, ${o.position ?? 'jabatan belum diisi'}, surat tugas ${o.assignment_letter_no ?? 'belum diisi'}</li>`)}</ul>
<h2>${t.caseReferrals}</h2>
<ul class="referrals">${view.referrals.map((r) => html`<li>${r.recipient} · ${r.letter_number} (${r.letter_date}) · ${CHANNELS[r.channel as keyof typeof CHANNELS] ?? r.channel} · ${r.external_number ?? '—'} · tindak lanjut ${r.follow_up_on}</li>`)}</ul>
<h2>${t.caseOutcomes}</h2>
<ul class="outcomes">${view.outcomes.map((o) => html`<li>${OUTCOMES[o.outcome as Outcome] ?? o.outcome}${o.sk_number ? ` · SK ${o.sk_number} (${o.sk_date})` : ''}</li>`)}</ul>
<h2>${t.caseDocuments}</h2>
<ul>${view.documents.map((d) => html`<li>${d.name} · <code>${d.sha256}</code> · ${d.bytes} bita</li>`)}</ul>`;
}

export function personOutcomesBody(
  t: Messages,
  person: { id: string; name: string; nip: string },
  rows: {
    case_id: string;
    case_number: string;
    status: string;
    track: string | null;
    outcome: string | null;
    sk_number: string | null;
    sk_date: string | null;
    recipient: string | null;
    letter_number: string | null;
  }[],
): SafeHtml {
  return html`<p>${person.name} · NIP <code class="nip">${person.nip}</code> · <a href="/watchlist/people/${person.id}">daftar pantau</a></p>
<h2>${t.caseOutcomesOfPerson}</h2>
${
  rows.length === 0
    ? html`<p>${t.caseNone}</p>`
    : html`<table class="person-outcomes"><thead><tr><th>${t.caseNumber}</th><th>${t.caseStatus}</th><th>${t.caseReferrals}</th><th>${t.caseOutcomes}</th><th>SK</th></tr></thead><tbody>
${rows.map((r) => html`<tr><td><a href="/cases/${r.case_id}">${r.case_number}</a></td><td>${CASE_STATUSES[r.status as keyof typeof CASE_STATUSES] ?? r.status}</td><td>${r.recipient ? `${r.recipient} ${r.letter_number}` : '—'}</td><td>${r.outcome ? (OUTCOMES[r.outcome as Outcome] ?? r.outcome) : '—'}</td><td>${r.sk_number ? `${r.sk_number} (${r.sk_date})` : '—'}</td></tr>`)}
</tbody></table>`
}`;
}

export function officerProfileBody(
  t: Messages,
  user: SessionUser,
  profile: { position: string | null; assignment_letter_no: string | null; office_name: string | null },
): SafeHtml {
  return html`<form method="post" action="/cases/profile" class="card">${csrf(user)}<h2>${t.caseProfile}</h2>
<label>Jabatan <input name="position" value="${profile.position ?? ''}" required></label>
<label>Nomor surat perintah tugas <input name="assignmentLetterNo" value="${profile.assignment_letter_no ?? ''}" required></label>
<label>Kantor <input name="officeName" value="${profile.office_name ?? ''}"></label>
<button type="submit">Simpan</button></form>`;
}
