import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { isNetraError } from '@netra/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiCrawlContext } from './api-context.ts';
import { HttpClient } from './http-client.ts';
import { apiUrlGuard, guardedDispatcher, type Resolver } from './image-download.ts';

/**
 * DNS rebinding: the URL check resolves the host, then the connection resolves it again. A hostile DNS server
 * answers a public address the first time and a loopback one the second. The connection must use the checked
 * lookup, so the second answer is refused before any byte reaches the loopback server.
 */

/** A plain TCP server on loopback standing for what must never be reached (cloud metadata, Redis…). */
let inside: Server;
let insidePort: number;
let insideConnections = 0;
/** An HTTP server on loopback standing for a PLATFORM_ORIGINS test server reached by name. */
let local: HttpServer;
let localPort: number;

beforeAll(async () => {
  inside = createServer((socket) => {
    insideConnections++;
    socket.destroy();
  });
  // Dual stack, so `localhost` reaches it whether the system resolves it to 127.0.0.1 or ::1.
  await new Promise<void>((resolve) => inside.listen({ port: 0, host: '::', ipv6Only: false }, resolve));
  insidePort = (inside.address() as AddressInfo).port;
  local = createHttpServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":1}'));
  await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
  localPort = (local.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => inside.close(resolve));
  await new Promise((resolve) => local.close(resolve));
});

/** Public at the first question (the URL check), loopback from then on (the connection). */
function rebindingResolver(): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (host: string) => {
    calls.push(host);
    return calls.length === 1 ? ['93.184.215.14'] : ['127.0.0.1'];
  };
  return Object.assign(resolve, { calls });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('DNS rebinding between URL check and connection', () => {
  it('HttpClient: refuses the loopback answer at connect time, no byte reaches the loopback server', async () => {
    const resolve = rebindingResolver();
    const guard = apiUrlGuard(undefined, resolve);
    const client = new HttpClient({
      attempts: 1,
      // The real check; only the test server's port is let through (public mode wants 443).
      urlProblem: (url) => {
        const on443 = new URL(url);
        on443.port = '';
        return guard(on443);
      },
      dispatcher: guardedDispatcher(undefined, resolve),
    });
    const before = insideConnections;
    const error = await failure(client.get(`https://localhost:${insidePort}/latest/meta-data/`));
    expect(isNetraError(error) && error.code).toBe('COLLECTOR_URL_REFUSED');
    expect(isNetraError(error) && error.retryable).toBe(false);
    expect(String(isNetraError(error) && error.details.problem)).toMatch(/at connect time/);
    // Asked twice — check, then connect — and the second answer was refused.
    expect(resolve.calls).toEqual(['localhost', 'localhost']);
    expect(insideConnections).toBe(before);
  });

  it('ApiCrawlContext wires the checked lookup into every request', async () => {
    const resolve = rebindingResolver();
    const ctx = new ApiCrawlContext(
      {
        account: { id: 'a', platform: 'mastodon', handle: 'x', profileUrl: 'https://rebind.contoh.test/@x' },
        resolve,
        http: { attempts: 1, timeoutMs: 5_000 },
      },
      { name: 'test', version: '0' },
    );
    const error = await failure(ctx.get('https://rebind.contoh.test/api/v1/accounts/lookup?acct=x'));
    expect(isNetraError(error) && error.code).toBe('COLLECTOR_URL_REFUSED');
    expect(resolve.calls).toEqual(['rebind.contoh.test', 'rebind.contoh.test']);
  });

  it('the dispatcher refuses a private IP literal (no lookup happens) and any name answering one private address', async () => {
    const mixed: Resolver = async () => ['93.184.215.14', '::ffff:127.0.0.1'];
    const before = insideConnections;
    for (const [url, dispatcher] of [
      [`http://127.0.0.1:${insidePort}/`, guardedDispatcher()],
      [`http://[::1]:${insidePort}/`, guardedDispatcher()],
      [`http://localhost:${insidePort}/`, guardedDispatcher(undefined, mixed)],
      [`http://localhost:${insidePort}/`, guardedDispatcher()],
    ] as const) {
      const error = await failure(fetch(url, { dispatcher } as RequestInit));
      expect((error as { cause?: { code?: string } }).cause?.code, url).toBe('EBLOCKEDADDRESS');
    }
    expect(insideConnections).toBe(before);
  });

  it('with PLATFORM_ORIGINS, loopback stays allowed for exactly that origin', async () => {
    const dispatcher = guardedDispatcher(`http://localhost:${localPort}`);
    const response = await fetch(`http://localhost:${localPort}/`, { dispatcher } as RequestInit);
    expect(await response.text()).toBe('{"ok":1}');
    const other = await failure(fetch(`http://127.0.0.1:${insidePort}/`, { dispatcher } as RequestInit));
    expect((other as { cause?: { code?: string } }).cause?.code).toBe('EBLOCKEDADDRESS');
  });
});
