import { describe, expect, it } from 'vitest';
import { evidenceMediaType } from './review-api-routes.ts';

/** The page collector's full page (issue 8) is served like the element's screenshot; its HTML only as text. */
describe('evidenceMediaType', () => {
  it('serves page screenshots as raster images and page HTML as plain text', () => {
    expect(evidenceMediaType('page_screenshot', 'image/png')).toBe('image/png');
    expect(evidenceMediaType('screenshot', 'image/png')).toBe('image/png');
    expect(evidenceMediaType('page_screenshot', 'image/svg+xml')).toBe('application/octet-stream');
    expect(evidenceMediaType('page_html', 'text/html; charset=utf-8')).toBe('text/plain; charset=utf-8');
    expect(evidenceMediaType('json', 'application/vnd.netra.evidence-manifest+json')).toBe('application/octet-stream');
  });
});
