import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type DemoPlatform, demoEdgeCases, startDemoPlatform } from '@netra/demo-platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from './browser-pool.ts';
import { checkDefinition } from './canary.ts';
import type { PlatformOrigins } from './origin-mapping.ts';
import { resolveChromiumPath } from './resolve-chromium.ts';

const PAGES: Record<string, string> = {
  '/facebook/robot': '<html><body><div class="g-recaptcha"></div><p>Saya bukan robot</p></body></html>',
  '/facebook/cookies':
    '<html><body><form action="/consent/save"><p>Before you continue to Facebook</p><button>Accept all cookies</button></form></body></html>',
};

/** The page-definition canary in real Chromium, against the demo platform and two interstitial pages. */
describe('collectors canary', () => {
  let demo: DemoPlatform;
  let pool: BrowserPool;
  let server: Server;
  let local: string;

  beforeAll(async () => {
    demo = await startDemoPlatform();
    pool = new BrowserPool({ executablePath: resolveChromiumPath(), maxConcurrency: 1 });
    server = createServer((req, res) => {
      const body = PAGES[req.url ?? ''];
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' }).end(body ?? 'not found');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    local = `http://127.0.0.1:${(server.address() as AddressInfo).port}/facebook`;
  }, 60_000);
  afterAll(async () => {
    await pool?.close();
    await demo?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  const check = (handle: string, profileUrl: string, origins: PlatformOrigins = demo.origins) =>
    checkDefinition({ platform: 'facebook', handle, profileUrl, pool, platformOrigins: origins });

  it('recognises a public profile with its current definition version', { timeout: 30_000 }, async () => {
    const report = await check('suryadi.guru.mesuji', 'https://www.facebook.com/suryadi.guru.mesuji');
    expect(report).toMatchObject({ verdict: 'recognised', definitionVersion: 'facebook-page/2026.11.1' });
    expect(report.items).toBeGreaterThan(0);
  });

  it('tells walled, changed and gone apart', { timeout: 30_000 }, async () => {
    expect((await check(demoEdgeCases.loginWall.handle, demoEdgeCases.loginWall.profileUrl)).verdict).toBe('walled');
    expect((await check(demoEdgeCases.malformed.handle, demoEdgeCases.malformed.profileUrl)).verdict).toBe('changed');
    const gone = await checkDefinition({
      platform: 'x',
      handle: demoEdgeCases.notFound.handle,
      profileUrl: demoEdgeCases.notFound.profileUrl,
      pool,
      platformOrigins: demo.origins,
    });
    expect(gone.verdict).toBe('not_found');
  });

  it('reports captcha and consent interstitials as their own verdicts', { timeout: 30_000 }, async () => {
    expect((await check('robot', 'https://www.facebook.com/robot', { facebook: local })).verdict).toBe('captcha');
    expect((await check('cookies', 'https://www.facebook.com/cookies', { facebook: local })).verdict).toBe('consent');
  });
});
