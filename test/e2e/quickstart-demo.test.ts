import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { spawnDemo } from './support/spawn-demo.ts';

/**
 * The README's quick start as a newcomer runs it: no DATABASE_URL, no REDIS_URL, nothing set but PATH.
 * `netra demo --once` must seed, crawl the demo platform, classify, report and exit cleanly.
 */
describe('quick start: netra demo on the embedded defaults', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'netra-quickstart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('crawls, classifies and reports flagged posts, then exits 0 leaving no server behind', {
    timeout: 240_000,
  }, async () => {
    const child = spawnDemo(['--once'], dataDir);
    // A test that fails or times out still stops the demo and the redis-server it started: the demo runs in a
    // process group of its own, killed whole with SIGKILL (no handler runs then; the demo's own SIGTERM/SIGINT
    // handling is tested in demo-signal.test.ts).
    onTestFinished(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Every process of the group has exited.
      }
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      output += c.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, output.slice(-3000)).toBe(0);
    const done = /(\d+) unggahan \/ posts, (\d+) ditandai \/ flagged/.exec(output);
    expect(done, output.slice(-3000)).not.toBeNull();
    expect(Number(done![1])).toBeGreaterThan(100);
    expect(Number(done![2])).toBeGreaterThan(10);
    expect(Number(done![2])).toBeLessThan(Number(done![1]));
    // The first admin's password is shown once and kept only for the owner.
    const passwordFile = join(dataDir, 'admin-password.txt');
    expect(readFileSync(passwordFile, 'utf8').trim().length).toBeGreaterThanOrEqual(12);
    expect(statSync(passwordFile).mode & 0o077).toBe(0);
    expect(output).toContain('PGlite');
    // The private redis-server it started is gone: its port refuses connections.
    const redisUrl = /"redisUrl":"(redis:\/\/[^"]+)"/.exec(output)?.[1];
    expect(redisUrl, 'private redis url in the log').toBeDefined();
    const { port } = new URL(redisUrl!);
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(Number(port), '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });
});
