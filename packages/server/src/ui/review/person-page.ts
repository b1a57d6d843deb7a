import type { findPeople, loadPersonHistory } from '@netra/review';
import { zoneForRegion } from '@netra/review';
import { regionName } from '@netra/watchlist';
import type { Messages } from '../../i18n/messages.ts';
import { externalLink, html, type SafeHtml } from '../html.ts';
import { percent, statusLabel, when } from './format.ts';

type History = Awaited<ReturnType<typeof loadPersonHistory>>;

export function personSearchBody(t: Messages, q: string, people: Awaited<ReturnType<typeof findPeople>>): SafeHtml {
  return html`<form method="get" action="/orang" class="filters" role="search">
  <label>${t.personSearch} <input id="review-search" type="search" name="q" value="${q}" maxlength="100" inputmode="search"></label>
  <button type="submit">${t.search}</button>
</form>
${
  q && people.length === 0
    ? html`<p>${t.personNone}</p>`
    : html`<ul class="people">${people.map(
        (p) => html`<li><a href="/orang/${p.id}">${p.name}</a> · NIP ${p.nip} · ${p.agency} · ${p.position}</li>`,
      )}</ul>`
}`;
}

/** Everything Netra knows of one person's posts across contests, in the zone of each contest's region. */
export function personBody(t: Messages, lang: 'id' | 'en', h: History, labels: Map<string, string>): SafeHtml {
  const { person } = h;
  const home = zoneForRegion(person.region_code);
  const statuses = ['open', 'confirmed', 'dismissed', 'escalated', 'needs_info'];
  return html`<section class="card" aria-labelledby="who">
  <h2 id="who">${person.name}</h2>
  <dl>
    <dt>NIP</dt><dd>${person.nip}</dd>
    <dt>Instansi</dt><dd>${person.agency}${person.unit ? html` · ${person.unit}` : ''}</dd>
    <dt>Jabatan</dt><dd>${person.position}</dd>
    <dt>Wilayah</dt><dd>${regionName(person.region_code) ?? ''} <small>(${person.region_code})</small></dd>
    <dt>PPK</dt><dd>${person.ppk ?? t.none}</dd>
    <dt>${t.personFirst}</dt><dd class="first-violation">${when(h.firstViolation, home, lang)}</dd>
    <dt>${t.personLast}</dt><dd class="last-violation">${when(h.lastViolation, home, lang)}</dd>
  </dl>
</section>
<section class="card" aria-labelledby="counts">
  <h2 id="counts">${t.personCounts}</h2>
  <table class="person-counts"><tbody>${statuses.map((s) => html`<tr><th scope="row">${statusLabel(t, s)}</th><td data-status="${s}">${h.counts[s] ?? 0}</td></tr>`)}</tbody></table>
</section>
<section class="card" aria-labelledby="accounts">
  <h2 id="accounts">${t.personAccounts}</h2>
  <ul>${h.accounts.map((a) => html`<li>${a.platform} · ${externalLink(a.profile_url, `@${a.handle}`)} <small>(${a.status})</small></li>`)}</ul>
</section>
<section class="card" aria-labelledby="items">
  <h2 id="items">${t.personItems} (${h.items.length})</h2>
  ${
    h.items.length === 0
      ? html`<p>${t.reviewEmpty}</p>`
      : html`<div class="table-wrap"><table class="person-items"><thead><tr><th>${t.reviewPosted}</th><th>${t.personContest}</th><th>${t.reviewText}</th><th>${t.reviewScore}</th><th>${t.reviewStatus}</th></tr></thead>
<tbody>${h.items.map((i) => {
          const zone = zoneForRegion(i.contest_region_code ?? person.region_code);
          return html`<tr><td>${when(i.posted_at, zone, lang)}</td><td>${i.contest_name ?? t.none}${i.candidate ? html`<br><small>${labels.get(i.candidate) ?? i.candidate}</small>` : ''}</td>
<td><a href="/review/${i.id}">${i.text.length > 140 ? `${i.text.slice(0, 140)}…` : i.text}</a><br><small>${i.platform} · @${i.author_handle}</small></td>
<td class="score">${percent(i.score)}</td><td class="status-${i.status}">${statusLabel(t, i.status)}</td></tr>`;
        })}</tbody></table></div>`
  }
</section>`;
}
