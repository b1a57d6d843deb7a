import { classifiedText } from '@netra/core';
import type { getReviewItem, ImageOcrRow, listReviewItems } from '@netra/db';
import { hasRole } from '../auth/roles.ts';
import type { SessionUser } from '../http/route.ts';
import type { Messages } from '../i18n/messages.ts';
import { externalLink, highlightSpans, html, type SafeHtml } from './html.ts';
import { imageSpansOf, imageTextCard, imageTextsRead } from './image-text-view.ts';

type QueueRow = Awaited<ReturnType<typeof listReviewItems>>[number];
type Item = NonNullable<Awaited<ReturnType<typeof getReviewItem>>>;

const STATUSES = ['open', 'confirmed', 'dismissed', 'escalated', 'needs_info'] as const;
const PLATFORMS = ['facebook', 'instagram', 'tiktok', 'x', 'youtube', 'bluesky', 'mastodon', 'telegram'] as const;
const CATEGORIES = [
  'online_campaigning',
  'negative_campaigning',
  'photo_gesture',
  'sharing_campaign_material',
  'candidate_interaction',
] as const;

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const statusLabel = (t: Messages, s: string) => t[`status${cap(s)}` as keyof Messages] ?? s;
const categoryLabel = (t: Messages, c: string | null) => (c ? (t[`category${cap(c)}` as keyof Messages] ?? c) : t.none);
const stanceLabel = (t: Messages, s: string | null) =>
  s === 'pro' ? t.stancePro : s === 'contra' ? t.stanceContra : t.none;
/** A calibrated probability is never certainty: 0.9996 reads as "> 99.9%", not "100%". */
export const percent = (p: number) => (p > 0.999 ? '> 99.9%' : p < 0.001 ? '< 0.1%' : `${(p * 100).toFixed(1)}%`);
const when = (d: Date | null | undefined, lang: string) =>
  d
    ? d.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', {
        timeZone: 'Asia/Jakarta',
        dateStyle: 'medium',
        timeStyle: 'short',
      })
    : '—';

export interface QueueFilterView {
  status?: string | undefined;
  platform?: string | undefined;
  contest?: string | undefined;
  q?: string | undefined;
  offset: number;
  limit: number;
}

function option(value: string, label: string, selected: string | undefined): SafeHtml {
  return html`<option value="${value}" ${selected === value ? html`selected` : ''}>${label}</option>`;
}

export function reviewQueueBody(
  t: Messages,
  lang: string,
  user: SessionUser,
  rows: QueueRow[],
  counts: Record<string, number>,
  filter: QueueFilterView,
  labels: Map<string, string>,
  contests: { id: string; region_name: string }[],
  threshold?: { value: number; source: 'env' | 'model' },
): SafeHtml {
  const thresholdLine = threshold
    ? html`<p class="threshold"><small>${t.reviewThreshold}: <strong>${percent(threshold.value)}</strong> (${threshold.source === 'env' ? t.reviewThresholdEnv : t.reviewThresholdModel})</small></p>`
    : '';
  const query = (offset: number) =>
    new URLSearchParams(
      Object.entries({
        status: filter.status,
        platform: filter.platform,
        contest: filter.contest,
        q: filter.q,
        offset: String(offset),
      }).filter((e): e is [string, string] => Boolean(e[1])),
    ).toString();
  const exportLinks = hasRole(user.role, 'supervisor')
    ? html`<p><a href="/api/review/export?format=csv">${t.reviewExportCsv}</a> · <a href="/api/review/export?format=jsonl">${t.reviewExportJsonl}</a></p>`
    : '';
  return html`${thresholdLine}
<p>${STATUSES.map((s) => html`<span class="status-${s}">${statusLabel(t, s)}: <strong>${counts[s] ?? 0}</strong></span> `)}</p>
<form method="get" action="/review" class="filters">
  <label>${t.reviewStatus} <select name="status">${option('', t.all, filter.status ?? '')}${STATUSES.map((s) => option(s, statusLabel(t, s), filter.status))}</select></label>
  <label>${t.reviewPlatform} <select name="platform">${option('', t.all, filter.platform ?? '')}${PLATFORMS.map((p) => option(p, p, filter.platform))}</select></label>
  <label>${t.navRegistry} <select name="contest">${option('', t.all, filter.contest ?? '')}${contests.map((c) => option(c.id, c.region_name, filter.contest))}</select></label>
  <label>${t.search} <input name="q" value="${filter.q ?? ''}" maxlength="200"></label>
  <button type="submit">${t.filter}</button>
</form>
${exportLinks}
${
  rows.length === 0
    ? html`<p>${t.reviewEmpty}</p>`
    : html`<table>
<thead><tr><th>${t.reviewScore}</th><th>${t.reviewPerson}</th><th>${t.reviewText}</th><th>${t.reviewCandidate}</th><th>${t.reviewCategory}</th><th>${t.reviewStatus}</th><th>${t.reviewPosted}</th></tr></thead>
<tbody>${rows.map(
        (r) => html`<tr>
  <td class="score">${percent(r.score)}</td>
  <td>${r.person_name ?? r.author_handle}<br><small>${r.agency ?? ''} · ${r.platform}</small></td>
  <td><a href="/review/${r.id}">${r.text.length > 160 ? `${r.text.slice(0, 160)}…` : r.text}</a></td>
  <td>${r.candidate ? (labels.get(r.candidate) ?? r.candidate) : t.none}<br><small>${stanceLabel(t, r.stance)}</small></td>
  <td>${categoryLabel(t, r.category)}</td>
  <td class="status-${r.status}">${statusLabel(t, r.status)}</td>
  <td>${when(r.posted_at, lang)}</td>
</tr>`,
      )}</tbody></table>`
}
<p>${filter.offset > 0 ? html`<a href="/review?${query(Math.max(0, filter.offset - filter.limit))}">${t.previous}</a> ` : ''}${rows.length === filter.limit ? html`<a href="/review?${query(filter.offset + filter.limit)}">${t.next}</a>` : ''}</p>`;
}

function decisionForm(t: Messages, user: SessionUser, item: Item, labels: Map<string, string>): SafeHtml {
  const candidates = [...labels.entries()].filter(
    ([ref]) => !item.candidate || ref.split('#')[0] === item.candidate.split('#')[0],
  );
  return html`<form method="post" action="/review/${item.id}/decide" class="card">
  <h2>${t.reviewDecide}</h2>
  <input type="hidden" name="_csrf" value="${user.csrfToken}">
  <label>${t.reviewDecision} <select name="decision" required>
    ${(['confirmed', 'dismissed', 'escalated', 'needs_info'] as const).map((d) => option(d, statusLabel(t, d), undefined))}
  </select></label>
  <label>${t.reviewLabel} <select name="label" required>${option('endorse', t.labelEndorse, 'endorse')}${option('neutral', t.labelNeutral, undefined)}</select></label>
  <label>${t.reviewCandidate} <select name="candidate">${option('', t.none, item.candidate ? undefined : '')}${candidates.map(([ref, label]) => option(ref, label, item.candidate ?? undefined))}</select></label>
  <label>${t.reviewStance} <select name="stance">${option('', t.none, item.stance ? undefined : '')}${option('pro', t.stancePro, item.stance ?? undefined)}${option('contra', t.stanceContra, item.stance ?? undefined)}</select></label>
  <label>${t.reviewCategory} <select name="category">${option('', t.none, item.category ? undefined : '')}${CATEGORIES.map((c) => option(c, categoryLabel(t, c), item.category ?? undefined))}</select></label>
  <label>${t.reviewNote} <textarea name="note" rows="3" maxlength="5000"></textarea></label>
  <button type="submit">${t.save}</button>
</form>`;
}

/** Evidence spans over the joined text, moved onto the part (post text or one image description) they fall in. */
export function splitSpans(parts: readonly string[], spans: readonly { start: number; end: number; cue: string }[]) {
  let base = 0;
  return parts.map((text) => {
    const start = base;
    base += text.length + 1;
    return {
      text,
      spans: spans
        .filter((s) => s.start >= start && s.start < start + text.length)
        .map((s) => ({ start: s.start - start, end: Math.min(s.end, start + text.length) - start, cue: s.cue })),
    };
  });
}

export function reviewItemBody(
  t: Messages,
  lang: string,
  user: SessionUser,
  item: Item,
  labels: Map<string, string>,
  ocr: ReadonlyMap<string, ImageOcrRow> = new Map(),
): SafeHtml {
  const context = item.context as { parentText?: string; parentAuthor?: string; parentCandidate?: string } | null;
  const media = item.media_descriptions;
  // Image text (OCR) follows the descriptions in what the classifier read (issue 12); spans can point into it.
  const readings = item.image_readings ?? [];
  const imageTexts = imageTextsRead(readings);
  const classified = classifiedText(item.text, media, imageTexts);
  const segments = splitSpans([item.text, ...media, ...imageTexts], item.evidence);
  const imageSpans = imageSpansOf(readings, segments.slice(1 + media.length));
  return html`<p><a href="/review">← ${t.back}</a></p>
<div class="grid">
<section>
  <div class="card">
    <h2>${t.reviewText}</h2>
    <p><small>${item.platform} · ${item.kind} · @${item.author_handle} · ${t.reviewPosted}: ${when(item.posted_at, lang)} · ${t.reviewFetched}: ${when(item.fetched_at, lang)}</small></p>
    <div class="post-text" lang="id">${highlightSpans(segments[0]!.text, segments[0]!.spans)}</div>
    ${media.length > 0 ? html`<h3>${t.reviewMedia}</h3><ul>${segments.slice(1, 1 + media.length).map((m) => html`<li>${highlightSpans(m.text, m.spans)}</li>`)}</ul>` : ''}
    ${
      context?.parentText
        ? html`<h3>${t.reviewContext}</h3><blockquote class="post-text">${context.parentAuthor ? html`<strong>${context.parentAuthor}</strong>: ` : ''}${context.parentText}</blockquote>
          ${context.parentCandidate ? html`<p><small>${t.reviewCandidate}: ${labels.get(context.parentCandidate) ?? context.parentCandidate}</small></p>` : ''}`
        : ''
    }
    <p>${externalLink(item.url, t.reviewOpenOriginal)} · <small>${t.reviewHash} <code>${item.content_hash}</code></small></p>
  </div>
  <div class="card">
    <h2>${t.reviewWhy}</h2>
    <dl>
      <dt>${t.reviewScore}</dt><dd class="score">${percent(item.model_score)}</dd>
      <dt>${t.reviewCandidate}</dt><dd>${item.candidate ? (labels.get(item.candidate) ?? item.candidate) : t.none}</dd>
      <dt>${t.reviewStance}</dt><dd>${stanceLabel(t, item.stance)}</dd>
      <dt>${t.reviewCategory}</dt><dd>${categoryLabel(t, item.category)}</dd>
      <dt>${t.reviewModel}</dt><dd><code>${item.model_version}</code> · ${item.language}</dd>
    </dl>
    <ul>${item.evidence.map((e) => html`<li><mark>${classified.slice(e.start, e.end)}</mark> — ${e.cue}</li>`)}</ul>
  </div>
  ${imageTextCard(t, readings, ocr, imageSpans)}
  <div class="card">
    <h2>${t.reviewArtefacts}</h2>
    ${item.artefacts.map((a) =>
      a.kind === 'screenshot' || a.kind === 'image'
        ? html`<figure><img class="evidence" src="/evidence/${a.sha256}" alt="screenshot"><figcaption><small>${t.reviewHash} <code>${a.sha256}</code> · ${a.bytes} B</small></figcaption></figure>`
        : html`<p><a href="/evidence/${a.sha256}">${a.kind}</a> <small>${t.reviewHash} <code>${a.sha256}</code> · ${a.bytes} B</small></p>`,
    )}
  </div>
</section>
<aside>
  <div class="card">
    <h2>${t.reviewPerson}</h2>
    <dl>
      <dt>Nama</dt><dd>${item.person_name ?? t.none}</dd>
      <dt>NIP</dt><dd>${item.nip ?? t.none}</dd>
      <dt>Instansi</dt><dd>${item.agency ?? t.none}${item.unit ? html` · ${item.unit}` : ''}</dd>
      <dt>Jabatan</dt><dd>${item.position ?? t.none}</dd>
      <dt>Wilayah</dt><dd>${item.region_code ?? t.none}</dd>
      <dt>PPK</dt><dd>${item.ppk ?? t.none}</dd>
    </dl>
  </div>
  <p>${t.reviewStatus}: <strong class="status-${item.status}">${statusLabel(t, item.status)}</strong></p>
  ${hasRole(user.role, 'analyst') ? decisionForm(t, user, item, labels) : ''}
  <div class="card">
    <h2>${t.reviewHistory}</h2>
    ${
      item.decisions.length === 0
        ? html`<p>${t.reviewNoDecisions}</p>`
        : html`<ol>${item.decisions.map(
            (d) =>
              html`<li><strong>${statusLabel(t, d.decision)}</strong> (${d.label}${d.candidate ? html`, ${labels.get(d.candidate) ?? d.candidate}` : ''}) — ${d.display_name}, ${when(d.created_at, lang)}${d.note ? html`<br><em>${d.note}</em>` : ''}</li>`,
          )}</ol>`
    }
  </div>
</aside>
</div>`;
}
