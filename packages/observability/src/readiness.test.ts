import { createLogger, DependencyState } from '@netra/core';
import { createDatabase } from '@netra/db';
import { createTestDatabase, type TestDatabase, testRedisUrl } from '@netra/db/testing';
import { createRedisConnection } from '@netra/queue';
import type { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AddressAllowList } from './address-allow-list.ts';
import { readinessCheck } from './readiness.ts';

const logger = createLogger('readiness-test', 'silent');

describe('readinessCheck', () => {
  let migrated: TestDatabase;
  let redis: Redis;
  beforeAll(async () => {
    migrated = await createTestDatabase();
    redis = createRedisConnection({ url: testRedisUrl(), forWorker: false });
  });
  afterAll(async () => {
    redis?.disconnect();
    await migrated?.drop();
  });
  const states = () => ({
    database: new DependencyState('postgres', logger),
    redis: new DependencyState('redis', logger),
  });

  it('is ready when both stores answer and every migration is applied', async () => {
    const report = await readinessCheck({ database: migrated, producerConnection: redis, health: states() })();
    expect(report).toEqual({ ok: true, database: 'available', redis: 'available', migrations: 'done', failing: [] });
  });

  it('names migrations when the database has not been migrated', async () => {
    const admin = new URL(migrated.url);
    const name = `${admin.pathname.slice(1)}_empty`;
    const client = new pg.Client({ connectionString: process.env.NETRA_TEST_DATABASE_URL });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    admin.pathname = `/${name}`;
    const empty = await createDatabase({ url: admin.toString(), maxConnections: 1 });
    try {
      const report = await readinessCheck({ database: empty, producerConnection: redis, health: states() })();
      expect(report).toMatchObject({ ok: false, migrations: 'pending', failing: ['migrations'] });
    } finally {
      await empty.close();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    }
  });

  it('names the database when PostgreSQL does not answer, and reports the outage into its state', async () => {
    const health = states();
    const unreachable = await createDatabase({ url: 'postgres://postgres@127.0.0.1:9/none', maxConnections: 1 });
    try {
      const report = await readinessCheck({ database: unreachable, producerConnection: redis, health })();
      expect(report).toMatchObject({ ok: false, database: 'unavailable', redis: 'available' });
      expect(report.failing).toContain('database');
      expect(health.database.available).toBe(false);
    } finally {
      health.database.close();
      await unreachable.close();
    }
  });

  it('fails at once for a store already known to be down', async () => {
    const health = states();
    health.redis.failed(new Error('ECONNREFUSED'));
    const report = await readinessCheck({ database: migrated, producerConnection: redis, health })();
    expect(report).toMatchObject({ ok: false, redis: 'unavailable', failing: ['redis'] });
    health.redis.close();
  });
});

describe('AddressAllowList', () => {
  it('lets loopback in by name and refuses other addresses', () => {
    const list = new AddressAllowList(['loopback']);
    expect(list.allows('127.0.0.1')).toBe(true);
    expect(list.allows('::1')).toBe(true);
    expect(list.allows('::ffff:127.0.0.1')).toBe(true);
    expect(list.allows('10.0.0.5')).toBe(false);
    expect(list.allows(undefined)).toBe(false);
  });

  it('matches CIDR ranges and single addresses of both families', () => {
    const list = new AddressAllowList(['10.42.0.0/16', '192.168.1.7', 'fd00::/8']);
    expect(list.allows('10.42.3.4')).toBe(true);
    expect(list.allows('::ffff:10.42.3.4')).toBe(true);
    expect(list.allows('10.43.0.1')).toBe(false);
    expect(list.allows('192.168.1.7')).toBe(true);
    expect(list.allows('192.168.1.8')).toBe(false);
    expect(list.allows('fd12::1')).toBe(true);
    expect(list.allows('127.0.0.1')).toBe(false);
  });
});
