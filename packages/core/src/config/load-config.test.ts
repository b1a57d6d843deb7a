import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NetraError } from '../errors/netra-error.ts';
import { commonConfigShape, env, loadConfig } from './load-config.ts';

const schema = z.object({
  ...commonConfigShape,
  PORT: env.port(8080),
  ENABLED: env.bool(true),
  ORIGINS: env.platformOrigins(),
});

describe('loadConfig', () => {
  it('applies defaults when nothing is set', () => {
    const c = loadConfig(schema, {});
    expect(c).toMatchObject({
      PORT: 8080,
      ENABLED: true,
      NETRA_DATA_DIR: '.netra',
      QUEUE_PREFIX: 'netra',
      ORIGINS: {},
    });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('names every wrong variable, what is wrong, and an example', () => {
    let error: unknown;
    try {
      loadConfig(
        schema,
        { PORT: 'delapan', DATABASE_URL: 'mysql://x', ENABLED: 'maybe' },
        { PORT: '8080', DATABASE_URL: 'postgres://…' },
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NetraError);
    const e = error as NetraError;
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.details.variables).toEqual(expect.arrayContaining(['PORT', 'DATABASE_URL', 'ENABLED']));
    expect(e.message).toContain('PORT=8080');
    expect(e.message).toContain('DATABASE_URL');
  });

  it('treats an empty URL as unset rather than invalid', () => {
    expect(loadConfig(schema, { DATABASE_URL: '', REDIS_URL: '  ' }).REDIS_URL).toBeUndefined();
  });

  it('parses platform origins as JSON and refuses anything else', () => {
    expect(loadConfig(schema, { ORIGINS: '{"facebook":"http://127.0.0.1:4010/facebook"}' }).ORIGINS).toEqual({
      facebook: 'http://127.0.0.1:4010/facebook',
    });
    expect(() => loadConfig(schema, { ORIGINS: 'facebook=http://x' })).toThrow(/ORIGINS/);
    expect(() => loadConfig(schema, { ORIGINS: '{"myspace":"http://x"}' })).toThrow(/ORIGINS/);
  });

  it('refuses a queue prefix that would break Redis key names', () => {
    expect(() => loadConfig(schema, { QUEUE_PREFIX: 'a:b' })).toThrow(/QUEUE_PREFIX/);
  });
});
