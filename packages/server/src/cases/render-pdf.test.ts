import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlToPdf } from './render-pdf.ts';

/**
 * The dossier printer must not reach any address whatever the HTML holds (a post's text is escaped, but the
 * printer is the last line): JavaScript off and `offline` still let Chromium open a connection for an <iframe> or
 * an <object>, so it is launched without a network of its own.
 */

let server: Server;
let url: string;
let connections = 0;

beforeAll(async () => {
  server = createServer((_req, res) => res.end('x'));
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

describe('htmlToPdf', () => {
  it('prints a page whose markup points at a local server without connecting to it', { timeout: 60_000 }, async () => {
    const html = `<!doctype html><html><body><h1>Berkas kasus</h1>
<iframe src="${url}/frame"></iframe><object data="${url}/object"></object><img src="${url}/image.png" alt="">
<link rel="stylesheet" href="${url}/style.css"><link rel="preconnect" href="${url}"></body></html>`;
    const pdf = await htmlToPdf(html);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(connections).toBe(0);
  });
});
