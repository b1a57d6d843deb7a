import { formatZoned } from '@netra/core';
import type { PostWatch } from '@netra/db';
import type { Messages } from '../i18n/messages.ts';
import { externalLink, html, type SafeHtml } from './html.ts';
import { percent } from './review/format.ts';

const INTERACTION_LABEL = {
  like: 'watchInteractionLike',
  follow: 'watchInteractionFollow',
  repost: 'watchInteractionRepost',
  reply: 'watchInteractionReply',
} as const;

/**
 * The review item's watch card (kept apart from review-pages.ts): the interaction and its target, the
 * "diubah"/"teks dihapus"/"dihapus" markers (a newest version without text: the author removed the words) with their times in the person's zone (WIB/WITA/WIT), every text version, and
 * the tip that brought the post in. Empty when there is nothing to say.
 */
export function reviewItemWatch(
  t: Messages,
  lang: string,
  watch: PostWatch,
  regionCode: string | null,
  candidateLabels: Map<string, string>,
): SafeHtml {
  const when = (d: Date | string) => formatZoned(new Date(d), regionCode, lang);
  const edited = watch.versions.length > 1 ? watch.versions[watch.versions.length - 1]! : null;
  const i = watch.interaction;
  if (!i && !edited && !watch.deletedAt && !watch.tip) return html``;
  return html`<div class="card" id="watch">
  <p>${watch.tip ? html`<strong class="badge tip">${t.watchTip}</strong> ` : ''}${edited ? html`<strong class="badge edited">${edited.text === '' ? t.watchTextRemoved : t.watchEdited}</strong> <small>${when(edited.seen_at)}</small> ` : ''}${watch.deletedAt ? html`<strong class="badge deleted">${t.watchDeleted}</strong> <small>${t.watchDeletedNote} ${when(watch.deletedAt)}</small>` : ''}</p>
  ${
    i
      ? html`<h3>${t.watchInteraction}: ${t[INTERACTION_LABEL[i.kind]]}</h3>
  <dl>
    <dt>${t.watchTarget}</dt><dd>${i.target_author ? html`@${i.target_author}` : i.target_external_id}${i.target_candidate ? html` · ${candidateLabels.get(i.target_candidate) ?? i.target_candidate}` : ''}</dd>
    ${i.interacted_at ? html`<dt>${t.reviewPosted}</dt><dd>${when(i.interacted_at)}</dd>` : ''}
  </dl>
  ${i.target_text ? html`<blockquote class="post-text" lang="id">${i.target_text}</blockquote>` : ''}
  ${i.target_url ? html`<p>${externalLink(i.target_url, t.watchTargetOpen)}</p>` : ''}`
      : ''
  }
  ${
    watch.versions.length > 0
      ? html`<h3>${t.watchVersions}</h3><ol>${watch.versions.map(
          (v) =>
            html`<li><small>${t.watchVersion} ${v.version} · ${t.watchSeen} ${when(v.seen_at)} · <code>${v.content_hash.slice(0, 16)}</code>${v.score === null ? '' : html` · ${t.reviewScore} <strong class="version-score">${percent(v.score)}</strong>`}${v.evidence.map((e) => html` · <a href="/evidence/${e.sha256}">${e.kind}</a>`)}</small>${v.text === '' ? html`<div><em>${t.watchTextRemovedNote}</em></div>` : html`<div class="post-text" lang="id">${v.text}</div>`}</li>`,
        )}</ol>`
      : ''
  }
  ${
    watch.tip
      ? html`<dl><dt>${t.watchTipBy}</dt><dd>${watch.tip.submitted_by_name} · ${when(watch.tip.created_at)}</dd>
    ${watch.tip.person_name ? html`<dt>${t.watchTipPerson}</dt><dd>${watch.tip.person_name}${watch.tip.person_nip ? html` (${watch.tip.person_nip})` : ''}</dd>` : ''}
    ${watch.tip.note ? html`<dt>${t.watchTipNote}</dt><dd>${watch.tip.note}</dd>` : ''}</dl>`
      : ''
  }
  ${watch.lastCheckedAt ? html`<p><small>${t.watchLastChecked}: ${when(watch.lastCheckedAt)}</small></p>` : ''}
</div>`;
}
