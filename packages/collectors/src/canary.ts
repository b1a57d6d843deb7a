import type { Platform } from '@netra/core';
import type { BrowserPool } from './browser-pool.ts';
import { type PlatformOrigins, toFetchUrl } from './origin-mapping.ts';
import { platformDefinitions } from './platforms/index.ts';

/**
 * What the canary concluded about one page definition: `recognised` (the page reads as the definition expects,
 * items with ids), `changed` (the page loaded but the definition no longer finds its markers or items), `walled`
 * (login wall or private), `consent` / `captcha` (an interstitial in front of the page), `not_found` (the
 * canary account is gone: reconfigure it), `unreachable` (network / HTTP errors).
 */
export type CanaryVerdict = 'recognised' | 'changed' | 'walled' | 'consent' | 'captcha' | 'not_found' | 'unreachable';

export interface CanaryReport {
  platform: Platform;
  definitionVersion: string | null;
  account: string;
  verdict: CanaryVerdict;
  items: number;
  detail: string;
  checkedAt: string;
}

/** Runs in the page: interstitials that hide the profile (self-contained, serialised by Playwright). */
function interstitial(): 'consent' | 'captcha' | null {
  const text = (document.body?.textContent ?? '').slice(0, 5_000).toLowerCase();
  const has = (selector: string) => Boolean(document.querySelector(selector));
  if (
    has(
      'iframe[src*="captcha" i], iframe[src*="challenge" i], #captcha, [id*="captcha" i], .g-recaptcha, .h-captcha',
    ) ||
    /i'?m not a robot|saya bukan robot|verify you are human|security check|pemeriksaan keamanan/.test(text)
  ) {
    return 'captcha';
  }
  if (
    has('form[action*="consent" i], [aria-label*="cookie" i][role="dialog"], [data-cookiebanner], #cookie-consent') ||
    location.hostname.startsWith('consent.') ||
    /before you continue|sebelum melanjutkan|accept all cookies|terima semua cookie|allow all cookies|izinkan semua cookie/.test(
      text,
    )
  ) {
    return 'consent';
  }
  return null;
}

/**
 * Loads one configured public account's page with the platform's current definition and says whether the
 * definition still recognises it. One page, no evidence, no paging: a cheap daily check that tells "the site
 * changed" from "this account posts nothing".
 */
export async function checkDefinition(input: {
  platform: Platform;
  profileUrl: string;
  handle: string;
  pool: BrowserPool;
  platformOrigins?: PlatformOrigins;
  now?: () => Date;
}): Promise<CanaryReport> {
  const definition = platformDefinitions[input.platform];
  const base = {
    platform: input.platform,
    definitionVersion: definition?.version ?? null,
    account: input.profileUrl,
    checkedAt: (input.now?.() ?? new Date()).toISOString(),
  };
  if (!definition)
    return { ...base, verdict: 'changed', items: 0, detail: 'tidak ada definisi halaman / no page definition' };
  let url: string;
  try {
    url = toFetchUrl(input.platform, input.profileUrl, input.platformOrigins ?? {});
  } catch (error) {
    return { ...base, verdict: 'not_found', items: 0, detail: (error as Error).message };
  }
  return input.pool.withPage(
    async (lease) => {
      let status = 0;
      try {
        status = (await lease.goto(url))?.status() ?? 0;
      } catch (error) {
        return { ...base, verdict: 'unreachable' as const, items: 0, detail: (error as Error).message.split('\n')[0]! };
      }
      if (status === 404 || status === 410)
        return { ...base, verdict: 'not_found' as const, items: 0, detail: `HTTP ${status}` };
      if (status === 429 || status >= 500)
        return { ...base, verdict: 'unreachable' as const, items: 0, detail: `HTTP ${status}` };
      const gate = await lease.page.evaluate(interstitial).catch(() => null);
      if (gate) return { ...base, verdict: gate, items: 0, detail: `HTTP ${status}` };
      const ready = await lease.page
        .waitForSelector(definition.readySelector, { timeout: 10_000 })
        .then(() => true)
        .catch(() => false);
      if (!ready) {
        const late = await lease.page.evaluate(interstitial).catch(() => null);
        return {
          ...base,
          verdict: late ?? ('changed' as const),
          items: 0,
          detail: late ? `HTTP ${status}` : `readySelector tidak ditemukan / not found: ${definition.readySelector}`,
        };
      }
      const state = await lease.page.evaluate(definition.detect);
      if (state === 'login_wall' || state === 'private')
        return { ...base, verdict: 'walled' as const, items: 0, detail: state };
      if (state === 'not_found') return { ...base, verdict: 'not_found' as const, items: 0, detail: state };
      const items = await lease.page.evaluate(definition.extract, { handle: input.handle });
      const withId = items.filter((i) => i.externalId);
      if (withId.length === 0) {
        return {
          ...base,
          verdict: 'changed' as const,
          items: 0,
          detail: `${items.length} item tanpa id / items without ids`,
        };
      }
      const broken = items.length - withId.length;
      return {
        ...base,
        verdict: broken > 0 ? ('changed' as const) : ('recognised' as const),
        items: withId.length,
        detail: broken > 0 ? `${broken} dari ${items.length} item tanpa id / items without ids` : 'ok',
      };
    },
    { localOrigin: input.platformOrigins?.[input.platform] },
  );
}
