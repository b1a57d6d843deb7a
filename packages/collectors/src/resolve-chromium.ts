import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { COLLECTOR_ERROR, collectorError } from './errors.ts';

/** System browsers tried in order after a configured path. */
export const SYSTEM_CHROMIUM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export interface ResolveChromiumOptions {
  /** An explicit path (option); wins over everything, and must exist. */
  configured?: string;
  /** Defaults to `process.env`; `CHROMIUM_PATH` is read from it. */
  env?: Record<string, string | undefined>;
  systemPaths?: string[];
  /** Playwright's own download (`chromium.executablePath()` of playwright-core); `null` when unknown. */
  playwrightPath?: () => string | null;
  exists?: (path: string) => boolean;
}

function playwrightDownloadPath(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require('playwright-core') as { chromium: { executablePath(): string } };
    return chromium.executablePath();
  } catch {
    return null;
  }
}

const INSTALL_HELP =
  'Chromium tidak ditemukan. Pasang dengan `sudo apt-get install chromium` (Debian/Ubuntu) atau ' +
  '`npx playwright install chromium`, atau tetapkan CHROMIUM_PATH ke berkas Chromium/Chrome. ' +
  '/ Chromium not found. Install it with `sudo apt-get install chromium` (Debian/Ubuntu) or ' +
  '`npx playwright install chromium`, or set CHROMIUM_PATH to a Chromium/Chrome executable.';

/**
 * Finds the browser to drive: a configured path (option, then `CHROMIUM_PATH`), then the system's Chromium/Chrome,
 * then Playwright's own download. Throws `COLLECTOR_BROWSER_NOT_FOUND` saying how to install one.
 */
export function resolveChromiumPath(options: ResolveChromiumOptions = {}): string {
  const exists = options.exists ?? existsSync;
  const env = options.env ?? process.env;
  const configured = options.configured ?? env.CHROMIUM_PATH;
  if (configured) {
    if (exists(configured)) return configured;
    throw collectorError(
      COLLECTOR_ERROR.browserNotFound,
      `CHROMIUM_PATH/executablePath menunjuk ke ${configured}, tetapi berkas itu tidak ada. / ` +
        `The configured browser path ${configured} does not exist. ${INSTALL_HELP}`,
      { configured },
    );
  }
  const system = (options.systemPaths ?? SYSTEM_CHROMIUM_PATHS).find((path) => exists(path));
  if (system) return system;
  const downloaded = (options.playwrightPath ?? playwrightDownloadPath)();
  if (downloaded && exists(downloaded)) return downloaded;
  throw collectorError(COLLECTOR_ERROR.browserNotFound, INSTALL_HELP, {
    tried: [...(options.systemPaths ?? SYSTEM_CHROMIUM_PATHS), ...(downloaded ? [downloaded] : [])],
  });
}
