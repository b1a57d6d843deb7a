import { describe, expect, it } from 'vitest';
import { loadScraperConfig } from './config.ts';

/** Hostile environment values (docs/security.md, "Fourth attack, 2026-11-29"). */
describe('scraper configuration', () => {
  it('refuses a politeness delay longer than a Node timer holds instead of waiting 1 ms', () => {
    // setTimeout(…, 3e9) fires after 1 ms: the "very long" gap between two requests to a platform became none.
    for (const variable of ['SCRAPER_MIN_DELAY_MS', 'SCRAPER_DELAY_JITTER_MS', 'SCRAPER_LOCK_MS']) {
      let thrown: unknown;
      try {
        loadScraperConfig({ [variable]: '3000000000' });
      } catch (error) {
        thrown = error;
      }
      expect(thrown, variable).toMatchObject({ code: 'CONFIG_INVALID', details: { variables: [variable] } });
      expect(String((thrown as Error).message)).toContain('2147483647');
    }
    expect(loadScraperConfig({ SCRAPER_MIN_DELAY_MS: '2147483647', SCRAPER_DELAY_JITTER_MS: '0' })).toBeTruthy();
  });
});
