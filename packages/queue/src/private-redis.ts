import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { NetraError } from '@netra/core';

export interface PrivateRedis {
  url: string;
  /** The redis-server's process id, logged so a supervisor (or a test) can tell whether it outlived Netra. */
  pid: number | undefined;
  stop(): Promise<void>;
}

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function findRedisServer(): string | null {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? 'redis-server' : null;
}

/**
 * Starts a redis-server of our own on a free loopback port, for the zero-setup path and for tests. It keeps
 * nothing on disk, so queued jobs do not outlive it: production sets REDIS_URL.
 */
export async function startPrivateRedis(options: {
  dir: string;
  port?: number;
  /** How long to wait for "Ready to accept connections" (default 10 s). */
  startTimeoutMs?: number;
}): Promise<PrivateRedis> {
  const binary = findRedisServer();
  if (!binary) {
    throw new NetraError(
      'REDIS_NOT_AVAILABLE',
      'redis-server tidak ditemukan. Pasang Redis (Debian/Ubuntu: `apt-get install redis-server`) atau set REDIS_URL. ' +
        '/ redis-server not found: install Redis or set REDIS_URL.',
    );
  }
  mkdirSync(options.dir, { recursive: true });
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(
    binary,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', options.dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    await waitForReady(child, port, options.startTimeoutMs ?? 10_000);
  } catch (error) {
    // A server too slow to report ready (a loaded machine) would otherwise start later with nobody to stop it.
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    pid: child.pid,
    stop: () => stopChild(child),
  };
}

async function waitForReady(child: ChildProcess, port: number, timeoutMs: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new NetraError('REDIS_START_FAILED', `redis-server :${port}: ${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        // Keep draining the pipes: a full pipe would block redis-server on its next log line.
        child.stdout?.resume();
        child.stderr?.resume();
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new NetraError('REDIS_START_FAILED', `redis-server exited with ${code}: ${output.slice(-500)}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
