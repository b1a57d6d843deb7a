import { NetraError } from '@netra/core';
import { getContest, listCandidates, listContests } from '@netra/db';
import {
  deleteContestAudited,
  exportRegistry,
  importRegistry,
  parseRegistryJsonBounded,
  RegistryFileError,
  type RegistryPlan,
} from '@netra/watchlist';
import { z } from 'zod';
import { hasRole } from '../auth/roles.ts';
import { defineRoute, type RouteContext, requireUser, UPLOAD_BODY_LIMIT } from '../http/route.ts';
import { html, type SafeHtml } from '../ui/html.ts';
import { layout } from '../ui/layout.ts';
import { httpActor } from './watchlist-api-routes.ts';

type Ctx = RouteContext<unknown, unknown, unknown>;

function registryPage(ctx: Ctx, title: string, body: SafeHtml, flash?: string) {
  const out = layout({ title, t: ctx.t, lang: ctx.lang, user: ctx.user, body, flash });
  return out.replace('</body>', '<script src="/assets/file-import.js" defer></script>\n</body>');
}

function importForm(ctx: Ctx): SafeHtml {
  const t = ctx.t;
  return html`<form method="post" action="/registry/import" class="card" data-file-import>
  <input type="hidden" name="_csrf" value="${requireUser(ctx).csrfToken}">
  <h2>${t.regImport}</h2>
  <p>${t.regImportHelp}</p>
  <input type="hidden" name="filename" value="">
  <input type="hidden" name="content" value="">
  <label>${t.wlImportFile} <input type="file" accept=".json,application/json"></label>
  <label>${t.regImportPaste} <textarea name="text" rows="6" cols="80"></textarea></label>
  <label><input type="checkbox" name="dryRun" value="1"> ${t.wlImportPreview}</label>
  <button type="submit">${t.save}</button>
</form>`;
}

function planSummary(ctx: Ctx, plan: RegistryPlan): SafeHtml {
  const t = ctx.t;
  return html`<div class="card" id="registry-plan"><dl>
  <dt>${t.regContest} · ${t.wlCreate}</dt><dd>${plan.contests.create.join(', ') || t.none}</dd>
  <dt>${t.regContest} · ${t.wlUpdate}</dt><dd>${plan.contests.update.join(', ') || t.none}</dd>
  <dt>${t.regContest} · ${t.wlUnchanged}</dt><dd>${plan.contests.unchanged.length}</dd>
  <dt>${t.regCandidates} · ${t.wlCreate}</dt><dd>${plan.candidates.create.join(', ') || t.none}</dd>
  <dt>${t.regCandidates} · ${t.wlUpdate}</dt><dd>${plan.candidates.update.join(', ') || t.none}</dd>
  <dt>${t.regCandidates} · −</dt><dd>${plan.candidates.delete.join(', ') || t.none}</dd>
</dl></div>`;
}

async function contestList(ctx: Ctx): Promise<SafeHtml> {
  const t = ctx.t;
  const contests = await listContests(ctx.deps.db);
  if (contests.length === 0) return html`<p>${t.regNoContests}</p>`;
  return html`<table id="contests"><thead><tr><th>${t.regContest}</th><th>${t.regKind}</th><th>${t.regRegion}</th><th>${t.regElectionDate}</th><th>${t.regCampaign}</th><th>${t.regQuiet}</th><th>${t.regCandidates}</th></tr></thead><tbody>
${contests.map(
  (c) =>
    html`<tr><td><a href="/registry/contests/${encodeURIComponent(c.id)}">${c.id}</a></td><td>${c.kind}</td><td>${c.region_code} ${c.region_name}</td><td>${c.election_date}</td><td>${c.campaign_from} – ${c.campaign_to}</td><td>${c.quiet_from ? `${c.quiet_from} – ${c.quiet_to}` : t.none}</td><td>${c.candidate_count}</td></tr>`,
)}
</tbody></table>`;
}

export const registryPages = [
  defineRoute({
    method: 'GET',
    url: '/registry',
    role: 'viewer',
    kind: 'page',
    tag: 'registry',
    summary: 'Election registry: contests',
    handler: async (ctx) => {
      const admin = !!ctx.user && hasRole(ctx.user.role, 'admin');
      const body = html`<p><a href="/registry/export.json">${ctx.t.regExport}</a></p>${await contestList(ctx)}${admin ? importForm(ctx) : ''}`;
      return registryPage(ctx, ctx.t.regTitle, body);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/registry/export.json',
    role: 'viewer',
    kind: 'file',
    tag: 'registry',
    summary: 'The registry as an elections.json file',
    handler: async (ctx) => {
      const registry = await exportRegistry(ctx.deps.db);
      ctx.reply.header('content-disposition', 'attachment; filename="elections.json"');
      return ctx.reply.type('application/json; charset=utf-8').send(`${JSON.stringify(registry, null, 2)}\n`);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/registry/contests/:id',
    role: 'viewer',
    kind: 'page',
    tag: 'registry',
    summary: 'One contest with its candidates',
    params: z.object({ id: z.string().min(1).max(100) }),
    handler: async (ctx) => {
      const t = ctx.t;
      const contest = await getContest(ctx.deps.db, ctx.params.id);
      if (!contest) throw new NetraError('CONTEST_NOT_FOUND', `pemilihan ${ctx.params.id} tidak ditemukan`);
      const candidates = await listCandidates(ctx.deps.db, contest.id);
      const admin = !!ctx.user && hasRole(ctx.user.role, 'admin');
      const list = (items: readonly string[]) => items.join(', ') || t.none;
      const body = html`<div class="card"><dl>
  <dt>${t.regKind}</dt><dd>${contest.kind}</dd>
  <dt>${t.regRegion}</dt><dd>${contest.region_code} ${contest.region_name}</dd>
  <dt>${t.regElectionDate}</dt><dd>${contest.election_date}</dd>
  <dt>${t.regCampaign}</dt><dd>${contest.campaign_from} – ${contest.campaign_to}</dd>
  <dt>${t.regQuiet}</dt><dd>${contest.quiet_from ? `${contest.quiet_from} – ${contest.quiet_to}` : t.none}</dd>
  <dt>Rezim / regime</dt><dd>${contest.regime ?? t.none}</dd>
  <dt>Pendaftaran calon / registration</dt><dd>${contest.registration_from ? `${contest.registration_from} – ${contest.registration_to}` : t.none}</dd>
  <dt>Penetapan calon / determination</dt><dd>${contest.determined_on ?? t.none}</dd>
  <dt>Akhir rekapitulasi / recapitulation ends</dt><dd>${contest.recap_to ?? t.none}</dd>
</dl></div>
<table id="candidates"><thead><tr><th>${t.regNumber}</th><th>${t.regNames}</th><th>${t.regStage}</th><th>${t.regAliases}</th><th>${t.regJargon}</th><th>${t.regHashtags}</th><th>${t.regSlogans}</th><th>${t.regParties}</th><th>${t.regOfficialAccounts}</th></tr></thead><tbody>
${candidates.map(
  (k) =>
    html`<tr><td>${k.number}</td><td>${list(k.names)}</td><td>${k.stage === 'bakal_calon' ? t.regStageBakal_calon : t.regStageCalon}</td><td>${list(k.aliases)}</td><td>${list(k.jargon)}</td><td>${list(k.hashtags)}</td><td>${list(k.slogans)}</td><td>${list(k.parties)}</td><td>${list(k.official_accounts.map((a) => `${a.platform}/${a.handle}`))}</td></tr>`,
)}
</tbody></table>
${
  admin
    ? html`<form method="post" action="/registry/contests/${encodeURIComponent(contest.id)}/delete" class="card"><input type="hidden" name="_csrf" value="${requireUser(ctx).csrfToken}"><p>${t.wlConfirmDelete}</p><button type="submit">${t.regDeleteContest}</button></form>`
    : ''
}
<p><a href="/registry">${t.back}</a></p>`;
      return registryPage(ctx, `${contest.id}`, body);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/registry/contests/:id/delete',
    role: 'admin',
    kind: 'page',
    tag: 'registry',
    summary: 'Form submission: delete a contest',
    params: z.object({ id: z.string().min(1).max(100) }),
    handler: async (ctx) => {
      await deleteContestAudited(ctx.deps.db, ctx.params.id, httpActor(ctx));
      return ctx.reply.redirect('/registry', 303);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/registry/import',
    bodyLimit: UPLOAD_BODY_LIMIT,
    role: 'admin',
    kind: 'page',
    tag: 'registry',
    summary: 'Form submission: import a registry file (or preview it)',
    body: z.record(z.string(), z.unknown()),
    handler: async (ctx) => {
      const t = ctx.t;
      const content = typeof ctx.body.content === 'string' ? ctx.body.content : '';
      const text = content
        ? Buffer.from(content, 'base64').toString('utf8')
        : typeof ctx.body.text === 'string'
          ? ctx.body.text
          : '';
      const dryRun = ctx.body.dryRun === '1';
      try {
        const registry = await parseRegistryJsonBounded(text);
        const plan = await importRegistry(ctx.deps.db, registry, httpActor(ctx), { dryRun });
        const body = html`${planSummary(ctx, plan)}${await contestList(ctx)}${importForm(ctx)}`;
        return registryPage(ctx, t.regTitle, body, dryRun ? t.wlImportPreviewTitle : t.wlImportDone);
      } catch (error) {
        if (!(error instanceof RegistryFileError)) throw error;
        ctx.reply.status(400);
        const body = html`<h2>${t.regErrors}</h2><table id="registry-errors"><thead><tr><th>${t.regPath}</th><th>${t.regLine}</th><th>${t.wlImportReason}</th></tr></thead><tbody>
${error.registryIssues.map((i) => html`<tr><td><code>${i.path}</code></td><td>${i.line ?? t.none}${i.column ? `:${i.column}` : ''}</td><td>${i.message}</td></tr>`)}
</tbody></table>${importForm(ctx)}`;
        return registryPage(ctx, t.regTitle, body);
      }
    },
  }),
];
