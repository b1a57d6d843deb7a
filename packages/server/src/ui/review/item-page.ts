import { type ContestTiming, classifiedText, contestTimingParts } from '@netra/core';
import type { ImageOcrRow } from '@netra/db';
import { type ClaimState, formatInZone, type ReviewItem } from '@netra/review';
import { regionName } from '@netra/watchlist';
import { hasRole } from '../../auth/roles.ts';
import type { SessionUser } from '../../http/route.ts';
import type { Messages } from '../../i18n/messages.ts';
import { fill } from '../../i18n/workspace-messages.ts';
import { externalLink, highlightSpans, html, type SafeHtml } from '../html.ts';
import { imageSpansOf, imageTextCard, imageTextsRead } from '../image-text-view.ts';
import { type DecisionFormState, decisionForm } from './decision-form.ts';
import { categoryLabel, labelLabel, percent, reasonLabel, stanceLabel, statusLabel, when } from './format.ts';
import { keyboardHelp } from './keyboard-help.ts';

export interface ItemPageModel {
  /** OCR of the post's images by SHA-256 (words and boxes), for the image-text card (issue 12). */
  ocr?: ReadonlyMap<string, ImageOcrRow>;
  t: Messages;
  lang: 'id' | 'en';
  user: SessionUser;
  item: ReviewItem;
  labels: Map<string, string>;
  /** The queue's filters as a query string: kept on every link so the way back and the next item keep them. */
  queueQuery: string;
  neighbours: { previous?: string | undefined; next?: string | undefined };
  claim: ClaimState | null;
  form: DecisionFormState;
  undo: { id: string; until: Date } | null;
  /**
   * Sections other features add to the item page (the OCR overlay, links to cases) — rendered in the main
   * column after the post, so they merge without editing this file.
   */
  extraSections?: readonly SafeHtml[];
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

const itemHref = (id: string, queueQuery: string) => `/review/${id}${queueQuery ? `?${queueQuery}` : ''}`;

function itemNav(m: ItemPageModel): SafeHtml {
  const { t, neighbours, queueQuery } = m;
  return html`<nav class="item-nav" aria-label="${t.itemBackToQueue}">
  <a href="/review${queueQuery ? `?${queueQuery}` : ''}" data-key-back>← ${t.itemBackToQueue}</a>
  ${neighbours.previous ? html`<a rel="prev" href="${itemHref(neighbours.previous, queueQuery)}">‹ ${t.itemPrevious} <kbd>k</kbd></a>` : ''}
  ${neighbours.next ? html`<a rel="next" href="${itemHref(neighbours.next, queueQuery)}">${t.itemNext} <kbd>j</kbd> ›</a>` : ''}
  <form method="get" action="/review" class="inline search-inline" role="search">
    ${Array.from(new URLSearchParams(queueQuery))
      .filter(([k]) => k !== 'q')
      .map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}
    <label class="visually-hidden" for="review-search">${m.t.search}</label>
    <input id="review-search" name="q" type="search" placeholder="${m.t.queueSearchHint}" maxlength="200">
  </form>
</nav>`;
}

/**
 * The evidence spans split onto the parts the classifier read, in its order: the text, each image description,
 * then the text read from each image (OCR). Computed once per page for the post card and the image card.
 */
function postSegments(item: ReviewItem) {
  return splitSpans(
    [item.text, ...item.media_descriptions, ...imageTextsRead(item.image_readings ?? [])],
    item.evidence,
  );
}

function postCard(m: ItemPageModel, segments: ReturnType<typeof postSegments>): SafeHtml {
  const { t, item, lang, labels } = m;
  const context = item.context as { parentText?: string; parentAuthor?: string; parentCandidate?: string } | null;
  const media = item.media_descriptions;
  // The post element's own screenshot is what is shown; the page it was cut from is one click away.
  const shot = item.artefacts.find((a) => a.kind === 'screenshot');
  const fullPage = item.artefacts.find((a) => a.kind === 'page_screenshot');
  return html`<article class="card post" id="post" tabindex="-1" aria-labelledby="post-title">
    <h2 id="post-title">${t.reviewText}</h2>
    <p class="meta"><small>${item.platform} · ${item.kind} · @${item.author_handle}<br>${t.reviewPosted}: ${when(item.posted_at, item.zone, lang)} · ${t.reviewFetched}: ${when(item.fetched_at, item.zone, lang)}</small></p>
    <div class="post-text" lang="id">${highlightSpans(segments[0]!.text, segments[0]!.spans)}</div>
    ${shot ? html`<figure class="shot"><a href="/evidence/${shot.sha256}" target="_blank" rel="noopener"><img class="evidence" src="/evidence/${shot.sha256}" alt="${t.reviewArtefacts}: screenshot" loading="lazy"></a>${fullPage ? html`<figcaption><a href="/evidence/${fullPage.sha256}" target="_blank" rel="noopener">${t.reviewFullPage}</a></figcaption>` : ''}</figure>` : ''}
    ${media.length > 0 ? html`<h3>${t.reviewMedia}</h3><ul>${segments.slice(1, 1 + media.length).map((s) => html`<li>${highlightSpans(s.text, s.spans)}</li>`)}</ul>` : ''}
    ${
      context?.parentText
        ? html`<h3>${t.reviewContext}</h3><blockquote class="post-text">${context.parentAuthor ? html`<strong>${context.parentAuthor}</strong>: ` : ''}${context.parentText}</blockquote>
          ${context.parentCandidate ? html`<p><small>${t.reviewCandidate}: ${labels.get(context.parentCandidate) ?? context.parentCandidate}</small></p>` : ''}`
        : ''
    }
    <p>${externalLink(item.url, t.reviewOpenOriginal)} · <small>${t.reviewHash} <code>${item.content_hash}</code></small></p>
  </article>`;
}

/** The post's images with the recognised words outlined and the evidence words highlighted (image-text-view.ts). */
function imageCard(m: ItemPageModel, segments: ReturnType<typeof postSegments>): SafeHtml {
  const readings = m.item.image_readings ?? [];
  if (readings.length === 0) return html``;
  const imageSegments = segments.slice(1 + m.item.media_descriptions.length);
  return imageTextCard(m.t, readings, m.ocr ?? new Map(), imageSpansOf(readings, imageSegments));
}

/**
 * How the post's date matched the chosen contest (dated posts only): the analyst sees whether the contest was
 * running on that day and whether the date is what chose it over another contest with the same person or number.
 */
function timingRow(t: Messages, timing: ContestTiming | null, contestRegionCode: string | null): SafeHtml {
  if (!timing) return html``;
  const phase = { before: t.reviewTimingBefore, during: t.reviewTimingDuring, after: t.reviewTimingAfter }[
    timing.phase
  ];
  // The day and the window are local dates in the zone of the timing's contest: shown with that zone.
  const p = contestTimingParts(timing, contestRegionCode);
  return html`<dt>${t.reviewTiming}</dt><dd class="contest-timing">${p.postedOn} · <code>${timing.contest}</code>: ${phase} (${timing.window.from} – ${timing.window.to} ${p.zone})${timing.decided ? html`<br><em>${t.reviewTimingDecided}</em>` : ''}</dd>`;
}

function whyCard(m: ItemPageModel): SafeHtml {
  const { t, item, labels } = m;
  const classified = classifiedText(item.text, item.media_descriptions, imageTextsRead(item.image_readings ?? []));
  return html`<section class="card" aria-labelledby="why-title">
    <h2 id="why-title">${t.reviewWhy}</h2>
    <dl>
      <dt>${t.reviewScore}</dt><dd class="score">${percent(item.model_score)}</dd>
      <dt>${t.reviewCandidate}</dt><dd>${item.candidate ? (labels.get(item.candidate) ?? item.candidate) : t.none}</dd>
      <dt>${t.reviewStance}</dt><dd>${stanceLabel(t, item.stance)}</dd>
      <dt>${t.reviewCategory}</dt><dd>${categoryLabel(t, item.category)}</dd>
      <dt>${t.reviewModel}</dt><dd><code>${item.model_version}</code> · ${item.language}</dd>
      <dt>${t.reviewClassifiedFrom}</dt><dd>${item.with_image_text ? t.reviewFromTextAndImages : t.reviewFromText} · ${when(item.classified_at, item.zone, m.lang)}</dd>
      ${timingRow(t, item.contest_timing, item.timing_region_code)}
    </dl>
    ${item.newer_classification ? html`<p class="newer-classification" role="note"><small>${fill(t.reviewNewerClassification, { when: formatInZone(item.newer_classification.created_at, item.zone, m.lang), score: percent(item.newer_classification.score) })}</small></p>` : ''}
    <ul>${item.evidence.map((e) => html`<li><mark>${classified.slice(e.start, e.end)}</mark> — ${e.cue}</li>`)}</ul>
  </section>`;
}

function artefactsCard(m: ItemPageModel): SafeHtml {
  const { t, item } = m;
  if (item.artefacts.length === 0) return html``;
  return html`<section class="card" aria-labelledby="artefacts-title">
    <h2 id="artefacts-title">${t.reviewArtefacts}</h2>
    ${item.artefacts.map(
      (a) =>
        html`<p><a href="/evidence/${a.sha256}">${a.kind}</a> <small>${t.reviewHash} <code>${a.sha256}</code> · ${a.bytes} B</small></p>`,
    )}
  </section>`;
}

function personCard(m: ItemPageModel): SafeHtml {
  const { t, item } = m;
  return html`<section class="card" aria-labelledby="person-title">
    <h2 id="person-title">${t.reviewPerson}</h2>
    <dl>
      <dt>Nama</dt><dd>${item.person_name ?? t.none}</dd>
      <dt>NIP</dt><dd>${item.nip ?? t.none}</dd>
      <dt>Instansi</dt><dd>${item.agency ?? t.none}${item.unit ? html` · ${item.unit}` : ''}</dd>
      <dt>Jabatan</dt><dd>${item.position ?? t.none}</dd>
      <dt>Wilayah</dt><dd>${item.region_code ? html`${regionName(item.region_code) ?? ''} <small>(${item.region_code})</small>` : t.none}</dd>
      <dt>PPK</dt><dd>${item.ppk ?? t.none}</dd>
    </dl>
    ${item.person_id ? html`<p><a class="person-link" href="/orang/${item.person_id}">${t.itemPersonPage} →</a></p>` : ''}
  </section>`;
}

function claimBanner(m: ItemPageModel): SafeHtml {
  const { t, claim, item, lang } = m;
  if (!claim?.holderId || !claim.expiresAt) return html``;
  const until = formatInZone(claim.expiresAt, item.zone, lang);
  if (claim.mine) return html`<p class="claim mine">${fill(t.itemClaimedMine, { until })}</p>`;
  return html`<p class="claim other" role="status">${fill(t.itemClaimedOther, { who: item.claimant_name ?? '?', until })}</p>`;
}

function historyCard(m: ItemPageModel): SafeHtml {
  const { t, item, labels, lang, user, undo } = m;
  const undoForm = undo
    ? html`<form method="post" action="/review/${item.id}/undo" class="undo">
        <input type="hidden" name="_csrf" value="${user.csrfToken}">
        <input type="hidden" name="decision" value="${undo.id}">
        <input type="hidden" name="queue" value="${m.queueQuery}">
        <button type="submit" class="secondary">${t.itemUndo}</button> <small>${t.itemUndoUntil} ${when(undo.until, item.zone, lang)}</small>
      </form>`
    : '';
  return html`<section class="card" aria-labelledby="history-title">
    <h2 id="history-title">${t.reviewHistory}</h2>
    ${
      item.decisions.length === 0
        ? html`<p>${t.reviewNoDecisions}</p>`
        : html`<ol class="history">${item.decisions.map(
            (d) =>
              html`<li><strong>${statusLabel(t, d.decision)}</strong> (${labelLabel(t, d.label)}${d.candidate ? html`, ${labels.get(d.candidate) ?? d.candidate}` : ''}${d.category ? html`, ${categoryLabel(t, d.category)}` : ''}${d.reason ? html`, ${reasonLabel(t, d.reason)}` : ''})${d.undoes ? html` — <em>${t.undoSuperseded}</em>` : ''} — ${d.display_name}, ${when(d.created_at, item.zone, lang)}${d.note ? html`<br><em>${d.note}</em>` : ''}</li>`,
          )}</ol>`
    }
    ${undoForm}
  </section>`;
}

/** The item page: post first (focus lands on it), the decision form beside it, one column on a phone. */
export function reviewItemBody(m: ItemPageModel): SafeHtml {
  const { t, user, item } = m;
  const canDecide = hasRole(user.role, 'analyst');
  const heldByOther = Boolean(m.claim && !m.claim.mine && m.claim.holderId);
  const segments = postSegments(item);
  return html`${itemNav(m)}
<p>${t.reviewStatus}: <strong class="status-${item.status}">${statusLabel(t, item.status)}</strong></p>
${claimBanner(m)}
<div class="grid">
<div class="main-col">
  ${postCard(m, segments)}
  ${imageCard(m, segments)}
  ${m.extraSections ?? []}
  ${whyCard(m)}
  ${artefactsCard(m)}
</div>
<aside class="side-col">
  ${canDecide ? decisionForm(t, user, item, m.labels, m.form, m.queueQuery, heldByOther) : ''}
  ${historyCard(m)}
  ${personCard(m)}
</aside>
</div>
${keyboardHelp(t)}`;
}
