import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { spawnDemo } from './support/spawn-demo.ts';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A supervisor's SIGTERM (or Ctrl-C) while the demo starts or crawls: the demo must stop its workers, close
 * its stores and stop the private redis-server it started, then exit with the shell's 128 + signal. Before,
 * there was no handler until the crawl had finished, so Node died at once and the redis-server ran on.
 */
describe('netra demo stopped by a signal', () => {
  it.each([
    { mode: '--once', args: ['--once'], signal: 'SIGTERM' as const, code: 143 },
    { mode: 'serving', args: [], signal: 'SIGINT' as const, code: 130 },
  ])(
    '$mode: $signal while crawling stops the private redis-server and exits $code',
    {
      timeout: 120_000,
    },
    async ({ args, signal, code }) => {
      const dataDir = mkdtempSync(join(tmpdir(), 'netra-demo-signal-'));
      const child = spawnDemo(args, dataDir);
      let redisPid: number | undefined;
      // Whatever happens, nothing of this test outlives it: the demo's process group and its redis-server.
      onTestFinished(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // The group has exited.
        }
        if (redisPid && alive(redisPid)) process.kill(redisPid, 'SIGKILL');
        rmSync(dataDir, { recursive: true, force: true });
      });
      let output = '';
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once('exit', (exitCode, exitSignal) => resolve({ code: exitCode, signal: exitSignal })),
      );
      // Signalled once the crawl has started: the workers, the scraper and the private redis-server are running.
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          if (/Perayapan dimulai/.test(output)) resolve();
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        void exited.then(() => reject(new Error(`demo exited before its crawl started:\n${output.slice(-3000)}`)));
      });
      redisPid = Number(/"redisPid":(\d+)/.exec(output)?.[1]);
      expect(redisPid, 'private redis-server pid in the log').toBeGreaterThan(0);
      expect(alive(redisPid)).toBe(true);
      child.kill(signal);
      const result = await exited;
      expect(alive(redisPid), 'private redis-server still running after the demo exited').toBe(false);
      expect(result, output.slice(-3000)).toEqual({ code, signal: null });
      expect(output).toMatch(/Dihentikan \/ interrupted/);
    },
  );
});
