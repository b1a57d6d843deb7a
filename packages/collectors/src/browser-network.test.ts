import { createSocket, type Socket } from 'node:dgram';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allDemoWatchedAccounts, type DemoPlatform, demoAccounts, startDemoPlatform } from '@netra/demo-platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from './browser-pool.ts';
import { crawlAccount } from './crawl-account.ts';
import { ArtefactStore } from './evidence/artefact-store.ts';

/**
 * Chromium must never open a connection of its own (SSRF, DNS rebinding): a page's markup, scripts and redirects
 * choose addresses, so every request of the page collector's browser is checked by the collectors' guard and
 * fetched by Node through `guardedDispatcher`. Here a second loopback server, not a configured platform origin,
 * stands for 127.0.0.1 / 169.254.169.254 / 10.0.0.0/8: it must see no connection at all.
 */

let demo: DemoPlatform;
let pool: BrowserPool;
/** Not a platform origin: counts every TCP connection made to it. */
let other: { server: Server; url: string; connections: number };
/** The demo's pages with sub-resources on `other`, one profile that redirects to `other`, one WebRTC page. */
let site: { server: Server; url: string };
/** A STUN server's port on loopback: counts the UDP packets a page's WebRTC sends it. */
let stun: { socket: Socket; port: number; packets: number };

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** What the hostile page adds before `</body>`: every way a page makes the browser ask a server. */
function hostileMarkup(to: string): string {
  const ws = to.replace(/^http/, 'ws');
  return `<img src="${to}/pixel.png" alt=""><script src="${to}/tracker.js"></script><iframe src="${to}/frame.html"></iframe>
<script>fetch(${JSON.stringify(`${to}/beacon`)}).catch(() => {}); try { new WebSocket(${JSON.stringify(`${ws}/socket`)}); } catch {}</script>`;
}

beforeAll(async () => {
  demo = await startDemoPlatform();
  const otherServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('secret');
  });
  other = { server: otherServer, url: await listen(otherServer), connections: 0 };
  otherServer.on('connection', () => {
    other.connections++;
  });
  const stunSocket = createSocket('udp4');
  await new Promise<void>((resolve) => stunSocket.bind(0, '127.0.0.1', resolve));
  stun = { socket: stunSocket, port: stunSocket.address().port, packets: 0 };
  stunSocket.on('message', () => {
    stun.packets++;
  });
  const siteServer = createServer(async (req, res) => {
    if (req.url === '/rtc') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><title>rtc</title><script>
window.gathered = new Promise((resolve) => {
  const pc = new RTCPeerConnection({ iceServers: [{ urls: 'stun:127.0.0.1:${stun.port}' }] });
  pc.onicegatheringstatechange = () => { if (pc.iceGatheringState === 'complete') resolve(pc.iceGatheringState); };
  pc.createDataChannel('x');
  pc.createOffer().then((offer) => pc.setLocalDescription(offer));
});
</script>`);
      return;
    }
    if (req.url?.startsWith('/plain/')) {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>plain</title><p>ok</p>');
      return;
    }
    if (req.url === '/facebook/nama.lama') {
      res.writeHead(301, { location: '/facebook/suryadi.guru.mesuji' });
      res.end();
      return;
    }
    if (req.url === '/facebook/pindah.ke.dalam') {
      res.writeHead(302, { location: `${other.url}/latest/meta-data/` });
      res.end();
      return;
    }
    const upstream = await fetch(`${demo.url}${req.url}`);
    const type = upstream.headers.get('content-type') ?? 'application/octet-stream';
    let body = Buffer.from(await upstream.arrayBuffer());
    if (type.startsWith('text/html'))
      body = Buffer.from(body.toString('utf8').replace('</body>', `${hostileMarkup(other.url)}</body>`));
    res.writeHead(upstream.status, { 'content-type': type });
    res.end(body);
  });
  site = { server: siteServer, url: await listen(siteServer) };
  pool = new BrowserPool({ maxConcurrency: 1 });
});

afterAll(async () => {
  await pool?.close();
  await new Promise((resolve) => site?.server.close(resolve));
  other?.server.closeAllConnections();
  await new Promise((resolve) => other?.server.close(resolve));
  stun?.socket.close();
  await demo?.close();
});

const store = new ArtefactStore('/nonexistent-netra-evidence');

/** Crawls a Facebook account at `profile` (its real URL's path) of the hostile site, without evidence. */
function crawlSite(handle: string, profile = handle) {
  return crawlAccount({
    account: {
      id: '00000000-0000-4000-8000-0000000000b1',
      platform: 'facebook',
      handle,
      profileUrl: `https://www.facebook.com/${profile}`,
    },
    pool,
    store,
    platformOrigins: { ...demo.origins, facebook: `${site.url}/facebook` },
    captureEvidence: false,
    retryBaseMs: 20,
  });
}

describe('the page collector browser reaches only what the guard allows', () => {
  it('loads the platform page but none of its sub-resources on another local server, and reports each', {
    timeout: 90_000,
  }, async () => {
    const account = allDemoWatchedAccounts().find((a) => a.handle === 'suryadi.guru.mesuji')!;
    const result = await crawlSite(account.handle);
    expect(result.status).toBe('ok');
    const items = demoAccounts.find((a) => a.handle === account.handle)!.items;
    expect(result.posts.map((p) => p.externalId)).toEqual(items.map((it) => it.id));
    expect(other.connections).toBe(0);
    const refused = result.errors.filter((e) => e.code === 'COLLECTOR_URL_REFUSED');
    expect(result.errors.length).toBe(refused.length);
    const urls = refused.map((e) => (e.details as { url: string }).url);
    const host = new URL(other.url).host;
    for (const path of ['/pixel.png', '/tracker.js', '/frame.html', '/beacon'])
      expect(urls).toContain(`${other.url}${path}`);
    expect(urls).toContain(`ws://${host}/socket`);
    for (const error of refused) {
      expect(error.retryable).toBe(false);
      expect(error.message).toContain(host);
      expect(error.details).toMatchObject({ account: `facebook:${account.handle}`, host });
    }
  });

  it('refuses a redirect of the platform page to an address outside it, without connecting', {
    timeout: 60_000,
  }, async () => {
    const result = await crawlSite('pindah.ke.dalam');
    expect(result.status).toBe('blocked');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: 'COLLECTOR_URL_REFUSED', retryable: false });
    expect(result.errors[0]!.message).toContain(`${other.url}/latest/meta-data/`);
    expect(other.connections).toBe(0);
  });

  it('follows a redirect within the platform origin: the page, its links and its evidence are the final ones', {
    timeout: 60_000,
  }, async () => {
    const result = await crawlSite('suryadi.guru.mesuji', 'nama.lama');
    expect(result.status).toBe('ok');
    // Three pages: the "next" links, relative in the markup, resolved against the page's final URL.
    expect(result.pages).toBe(3);
    expect(result.posts[0]!.raw).toMatchObject({
      requestUrl: `${site.url}/facebook/nama.lama`,
      finalUrl: `${site.url}/facebook/suryadi.guru.mesuji`,
    });
  });

  it('without PLATFORM_ORIGINS refuses every loopback and private address, even as the page itself', {
    timeout: 60_000,
  }, async () => {
    const outcome = await pool.withPage(async (lease) => {
      try {
        await lease.goto(`${other.url}/`, 10_000);
        return 'loaded';
      } catch (error) {
        return (error as { code?: string }).code ?? String(error);
      }
    });
    expect(outcome).toBe('COLLECTOR_URL_REFUSED');
    expect(other.connections).toBe(0);
  });

  it('a refused navigation does not break the next lease of the same page: its late error page is not reused', {
    timeout: 120_000,
  }, async () => {
    // Chromium commits the refused navigation's error page after goto has rejected; on a loaded machine that
    // commit interrupted the next account's first goto ("interrupted by another navigation to chrome-error://").
    const failures: string[] = [];
    for (let round = 0; round < 25; round++) {
      const refused = await pool.withPage(async (lease) =>
        lease.goto(`${other.url}/`, 10_000).then(
          () => 'loaded',
          (error: { code?: string }) => error.code ?? String(error),
        ),
      );
      expect(refused).toBe('COLLECTOR_URL_REFUSED');
      const loaded = await pool
        .withPage(
          async (lease) => {
            const response = await lease.goto(`${site.url}/plain/${round}`);
            return `${response?.status()} ${await lease.page.title()}`;
          },
          { localOrigin: site.url },
        )
        .catch((error: Error) => error.message.split('\n')[0]!);
      if (loaded !== '200 plain') failures.push(`round ${round}: ${loaded}`);
    }
    expect(failures).toEqual([]);
    expect(other.connections).toBe(0);
  });

  it('lets no WebRTC candidate gathering send UDP to an address of its choosing', { timeout: 60_000 }, async () => {
    const state = await pool.withPage(
      async (lease) => {
        await lease.goto(`${site.url}/rtc`);
        return lease.page.evaluate('window.gathered');
      },
      { localOrigin: site.url },
    );
    // Gathering is over: every STUN request the page could send has been sent.
    expect(state).toBe('complete');
    expect(stun.packets).toBe(0);
  });
});
