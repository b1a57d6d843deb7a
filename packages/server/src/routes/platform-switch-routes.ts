import { platformSchema } from '@netra/core';
import {
  type PlatformSwitchState,
  platformSwitchStates,
  SWITCH_REASON_MAX,
  switchPlatform,
} from '@netra/pipeline/platform-switches';
import { z } from 'zod';
import { defineRoute, type RouteContext, requireUser } from '../http/route.ts';
import { html } from '../ui/html.ts';
import { layout } from '../ui/layout.ts';
import { zonedTime } from '../ui/zoned-time.ts';

export const platformSwitchViewSchema = z.object({
  platform: platformSchema,
  enabled: z.boolean(),
  reason: z.string(),
  changedBy: z.string().nullable(),
  changedAt: z.string().nullable(),
});

function view(s: PlatformSwitchState): z.infer<typeof platformSwitchViewSchema> {
  return { ...s, changedAt: s.changedAt ? new Date(s.changedAt).toISOString() : null };
}

const platformParams = z.object({ platform: z.string().max(40) });
const apiBody = z.object({ enabled: z.boolean(), reason: z.string().max(SWITCH_REASON_MAX).optional() });
const formBody = z.object({ enabled: z.enum(['true', 'false']), reason: z.string().max(SWITCH_REASON_MAX).optional() });

function switchesPage(
  ctx: RouteContext<unknown, { done?: string | undefined }, unknown>,
  states: PlatformSwitchState[],
): string {
  const { t } = ctx;
  const me = requireUser(ctx);
  const rows = states.map(
    (s) => html`<tr class="${s.enabled ? 'switch-on' : 'switch-off'}">
  <td>${s.platform}</td>
  <td>${s.enabled ? t.switchOn : html`<strong>${t.switchOff}</strong>`}</td>
  <td>${s.reason || '—'}</td>
  <td>${s.changedBy ?? '—'}</td>
  <td>${zonedTime(s.changedAt, ctx.lang)}</td>
  <td><form method="post" action="/admin/platforms/${s.platform}" class="platform-switch">
    <input type="hidden" name="_csrf" value="${me.csrfToken}">
    <input type="hidden" name="enabled" value="${s.enabled ? 'false' : 'true'}">
    ${s.enabled ? html`<label>${t.switchReason} <input name="reason" required maxlength="${SWITCH_REASON_MAX}"></label>` : ''}
    <button type="submit">${s.enabled ? t.switchTurnOff : t.switchTurnOn}</button>
  </form></td>
</tr>`,
  );
  return layout({
    title: t.switchTitle,
    t,
    lang: ctx.lang,
    user: me,
    body: html`<p>${t.switchIntro}</p>
<table class="platform-switches">
<thead><tr><th>${t.switchPlatform}</th><th>${t.switchState}</th><th>${t.switchReason}</th><th>${t.switchChangedBy}</th><th>${t.switchChangedAt}</th><th></th></tr></thead>
<tbody>${rows}</tbody>
</table>`,
    flash: ctx.query.done === 'saved' ? t.switchSaved : undefined,
  });
}

/** The per-platform kill switch (issue 8): admins only; every change is audited (`platform.switch`). */
export const platformSwitchRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/platform-switches',
    role: 'admin',
    kind: 'api',
    tag: 'platforms',
    summary: 'Every platform with its collection switch (on unless an admin switched it off)',
    response: z.object({ platforms: z.array(platformSwitchViewSchema) }),
    handler: async (ctx) => ({ platforms: (await platformSwitchStates(ctx.deps.db)).map(view) }),
  }),
  defineRoute({
    method: 'PUT',
    url: '/api/platform-switches/:platform',
    role: 'admin',
    kind: 'api',
    tag: 'platforms',
    summary: 'Switch one platform’s collection on or off (a reason is required to switch off; audited)',
    params: platformParams,
    body: apiBody,
    response: z.object({ platform: platformSwitchViewSchema }),
    handler: async (ctx) => {
      const user = requireUser(ctx);
      const state = await switchPlatform(
        ctx.deps.db,
        { id: user.id, username: user.username, ip: ctx.request.ip },
        { platform: ctx.params.platform, enabled: ctx.body.enabled, reason: ctx.body.reason },
      );
      return { platform: view(state) };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/admin/platforms',
    role: 'admin',
    kind: 'page',
    tag: 'platforms',
    summary: 'Platform switches page: switch a platform’s collection off or on',
    query: z.object({ done: z.string().max(20).optional(), lang: z.string().optional() }),
    handler: async (ctx) => switchesPage(ctx, await platformSwitchStates(ctx.deps.db)),
  }),
  defineRoute({
    method: 'POST',
    url: '/admin/platforms/:platform',
    role: 'admin',
    kind: 'page',
    tag: 'platforms',
    summary: 'Platform switch form submission',
    params: platformParams,
    body: formBody,
    handler: async (ctx) => {
      const user = requireUser(ctx);
      await switchPlatform(
        ctx.deps.db,
        { id: user.id, username: user.username, ip: ctx.request.ip },
        { platform: ctx.params.platform, enabled: ctx.body.enabled === 'true', reason: ctx.body.reason },
      );
      return ctx.reply.redirect('/admin/platforms?done=saved', 303);
    },
  }),
];
