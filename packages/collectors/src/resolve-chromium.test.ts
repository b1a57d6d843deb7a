import { describe, expect, it } from 'vitest';
import { resolveChromiumPath } from './resolve-chromium.ts';

const existing =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);
const system = ['/fake/usr/bin/chromium', '/fake/usr/bin/google-chrome'];

describe('resolveChromiumPath', () => {
  it('prefers the configured path over CHROMIUM_PATH, the system browser and Playwright', () => {
    const path = resolveChromiumPath({
      configured: '/fake/opt/chrome',
      env: { CHROMIUM_PATH: '/fake/env/chromium' },
      systemPaths: system,
      playwrightPath: () => '/fake/ms-playwright/chrome',
      exists: existing('/fake/opt/chrome', '/fake/env/chromium', ...system, '/fake/ms-playwright/chrome'),
    });
    expect(path).toBe('/fake/opt/chrome');
  });

  it('uses CHROMIUM_PATH from the environment when no path is configured', () => {
    const path = resolveChromiumPath({
      env: { CHROMIUM_PATH: '/fake/env/chromium' },
      systemPaths: system,
      exists: existing('/fake/env/chromium', ...system),
    });
    expect(path).toBe('/fake/env/chromium');
  });

  it('falls back to the first system browser that exists, then to Playwright download', () => {
    expect(resolveChromiumPath({ env: {}, systemPaths: system, exists: existing('/fake/usr/bin/google-chrome') })).toBe(
      '/fake/usr/bin/google-chrome',
    );
    expect(
      resolveChromiumPath({
        env: {},
        systemPaths: system,
        playwrightPath: () => '/fake/ms-playwright/chrome',
        exists: existing('/fake/ms-playwright/chrome'),
      }),
    ).toBe('/fake/ms-playwright/chrome');
  });

  it('throws COLLECTOR_BROWSER_NOT_FOUND with install instructions in Indonesian and English', () => {
    const attempt = () =>
      resolveChromiumPath({ env: {}, systemPaths: system, playwrightPath: () => null, exists: existing() });
    expect(attempt).toThrowError(expect.objectContaining({ code: 'COLLECTOR_BROWSER_NOT_FOUND' }));
    expect(attempt).toThrowError(/Chromium tidak ditemukan.*apt-get install chromium.*Chromium not found/s);
  });

  it('refuses a configured path that does not exist instead of silently using another browser', () => {
    expect(() =>
      resolveChromiumPath({ configured: '/fake/missing', env: {}, systemPaths: system, exists: existing(...system) }),
    ).toThrowError(expect.objectContaining({ code: 'COLLECTOR_BROWSER_NOT_FOUND' }));
  });
});
