import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isNetraError } from '@netra/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from './http-client.ts';
import { apiUrlGuard } from './image-download.ts';

/**
 * Hostile answers to the API client, from a loopback server: bodies larger than the client reads (streamed
 * without a length, or declaring one), a body that drips forever, invalid UTF-8 and characters split across
 * chunks. Each ends as a typed collector error within the client's own limits, or reads correctly.
 */
let server: Server;
let base: string;
/** A second loopback server, standing for an address the platform must not send the collector to. */
let inside: Server;
let insideBase: string;
let insideHits = 0;
/** Bytes the server got to write of the endless answer before the client hung up. */
let endlessWritten = 0;
let endlessClosed: Promise<void>;
let dripRequests = 0;

beforeAll(async () => {
  let closed!: () => void;
  endlessClosed = new Promise((resolve) => (closed = resolve));
  server = createServer((req, res) => {
    if (req.url === '/endless') {
      // 64 KiB chunks without Content-Length, until the client stops reading (at most 256 MiB).
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (endlessWritten < 256 * 1024 * 1024 && !res.destroyed) {
          endlessWritten += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', closed);
      pump();
      return;
    }
    if (req.url === '/declared') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * 1024 ** 3) });
      res.write('[');
      return;
    }
    if (req.url === '/drip') {
      dripRequests++;
      res.writeHead(200, { 'content-type': 'application/json' });
      const timer = setInterval(() => res.write(' '), 50);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (req.url === '/split') {
      // "é" (C3 A9) split across two writes, then an invalid byte.
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write(Buffer.from([0x22, 0xc3]));
      setTimeout(() => res.end(Buffer.from([0xa9, 0xff, 0x22])), 20);
      return;
    }
    if (req.url === '/busy-forever') {
      res.writeHead(429, { 'retry-after': '9'.repeat(400) }).end();
      return;
    }
    if (req.url === '/busy-negative') {
      res.writeHead(429, { 'retry-after': '-5' }).end();
      return;
    }
    if (req.url === '/to-inside') {
      res.writeHead(302, { location: `${insideBase}/latest/meta-data/` }).end();
      return;
    }
    if (req.url?.startsWith('/loop')) {
      res.writeHead(301, { location: `/loop${(req.url.length % 7) + 1}` }).end();
      return;
    }
    if (req.url === '/to-local-path') {
      res.writeHead(307, { location: '/final' }).end();
      return;
    }
    if (req.url === '/final') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      return;
    }
    res.writeHead(404).end();
  });
  inside = createServer((_req, res) => {
    insideHits++;
    res.writeHead(200, { 'content-type': 'text/plain' }).end('rahasia');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => inside.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  insideBase = `http://127.0.0.1:${(inside.address() as AddressInfo).port}`;
});
afterAll(async () => {
  inside.closeAllConnections();
  await new Promise((resolve) => inside.close(resolve));
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => new Error('the request succeeded'),
    (error: unknown) => error,
  );
}

describe('HttpClient against hostile answers', () => {
  it('stops reading an endless answer at maxBodyBytes and fails it as COLLECTOR_RESPONSE_TOO_LARGE', async () => {
    const client = new HttpClient({ maxBodyBytes: 1024 * 1024, attempts: 3, backoffBaseMs: 1 });
    const error = await failure(client.get(`${base}/endless`));
    expect(isNetraError(error) && error.code).toBe('COLLECTOR_RESPONSE_TOO_LARGE');
    expect(isNetraError(error) && error.retryable).toBe(false);
    // Not tried again: the same answer would come back.
    expect(client.requests).toBe(1);
    await endlessClosed;
    // The server was cut off long before its 256 MiB (the socket buffers hold a few MiB at most).
    expect(endlessWritten).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses an answer whose Content-Length is over the limit without reading it', async () => {
    const client = new HttpClient({ attempts: 1 });
    const error = await failure(client.get(`${base}/declared`));
    expect(isNetraError(error) && error.code).toBe('COLLECTOR_RESPONSE_TOO_LARGE');
    expect(isNetraError(error) && error.details.bytes).toBe(10 * 1024 ** 3);
  });

  it('a body that drips past the time limit is a typed, retryable failure after the configured attempts', async () => {
    const client = new HttpClient({ timeoutMs: 300, attempts: 2, backoffBaseMs: 1 });
    const error = await failure(client.get(`${base}/drip`));
    expect(isNetraError(error) && error.code).toBe('COLLECTOR_API_FAILED');
    expect(isNetraError(error) && error.retryable).toBe(true);
    expect(dripRequests).toBe(2);
  });

  it('a 429 asking to wait forever fails at once; a negative wait is not a wait', async () => {
    const client = new HttpClient({ attempts: 3, backoffBaseMs: 1 });
    const forever = await failure(client.get(`${base}/busy-forever`));
    expect(isNetraError(forever) && forever.code).toBe('COLLECTOR_RATE_LIMITED');
    expect(client.requests).toBe(1);
    const negative = await failure(new HttpClient({ attempts: 3, backoffBaseMs: 1 }).get(`${base}/busy-negative`));
    expect(isNetraError(negative) && negative.code).toBe('COLLECTOR_RATE_LIMITED');
  });

  it('decodes characters split across chunks and reads invalid UTF-8 as U+FFFD', async () => {
    const exchange = await new HttpClient({ attempts: 1 }).get(`${base}/split`, 'text/plain');
    expect(exchange.body).toBe('"é\uFFFD"');
  });
});

describe('HttpClient: where a platform may send the collector', () => {
  // As ApiCrawlContext sets it up when PLATFORM_ORIGINS points the platform at a local server.
  const guarded = () => new HttpClient({ attempts: 1, urlProblem: apiUrlGuard(base) });

  it('refuses a redirect out of the platform origin before requesting it', async () => {
    const error = await failure(guarded().get(`${base}/to-inside`));
    expect(isNetraError(error) && error.code).toBe('COLLECTOR_URL_REFUSED');
    expect(isNetraError(error) && error.retryable).toBe(false);
    expect(isNetraError(error) && error.details.target).toBe(`${insideBase}/latest/meta-data/`);
    expect(insideHits).toBe(0);
  });

  it('follows a redirect within the origin and names the final URL', async () => {
    const exchange = await guarded().get(`${base}/to-local-path`);
    expect(exchange.body).toBe('{"ok":true}');
    expect(exchange.finalUrl).toBe(`${base}/final`);
  });

  it('stops a redirect loop after five hops', async () => {
    const error = await failure(guarded().get(`${base}/loop0`));
    expect(isNetraError(error) && error.code).toBe('COLLECTOR_URL_REFUSED');
  });

  it('without PLATFORM_ORIGINS: public https hosts only, their names resolved and checked', async () => {
    const addresses: Record<string, string[]> = {
      'pds.contoh.test': ['93.184.215.14'],
      'pds-jahat.contoh.test': ['93.184.215.14', '10.0.0.5'],
      'metadata.contoh.test': ['169.254.169.254'],
      'v6.contoh.test': ['::ffff:127.0.0.1'],
    };
    const problem = apiUrlGuard(undefined, async (host) => addresses[host] ?? []);
    const check = (url: string) => problem(new URL(url));
    expect(await check('https://pds.contoh.test/xrpc/com.atproto.repo.listRecords')).toBeNull();
    expect(await check('https://pds-jahat.contoh.test/xrpc/x')).toMatch(/private or blocked/);
    expect(await check('https://metadata.contoh.test/')).toMatch(/private or blocked/);
    expect(await check('https://v6.contoh.test/')).toMatch(/private or blocked/);
    expect(await check('https://169.254.169.254/latest/meta-data/')).toMatch(/private or blocked/);
    expect(await check('https://[::1]/')).toMatch(/private or blocked/);
    expect(await check('http://pds.contoh.test/')).toMatch(/https only/);
    expect(await check('https://pds.contoh.test:6379/')).toMatch(/port 6379/);
    expect(await check('https://user:pw@pds.contoh.test/')).toMatch(/credentials/);
  });
});
