import { describe, expect, it } from 'vitest';
import { catalogue } from '../i18n/messages.ts';
import { percent, reviewQueueBody, splitSpans } from './review-pages.ts';

describe('splitSpans', () => {
  it('moves evidence in an image description onto that description', () => {
    const parts = ['Salam satu jari', 'foto bersama calon bupati'];
    // joined: "Salam satu jari\nfoto bersama calon bupati"; "calon bupati" starts at 16 + 13
    const out = splitSpans(parts, [
      { start: 6, end: 15, cue: 'gesture' },
      { start: 29, end: 41, cue: 'candidate' },
    ]);
    expect(out[0]!.spans).toEqual([{ start: 6, end: 15, cue: 'gesture' }]);
    expect(out[1]!.spans).toEqual([{ start: 13, end: 25, cue: 'candidate' }]);
    expect(parts[1]!.slice(13, 25)).toBe('calon bupati');
  });
});

describe('percent', () => {
  it('never shows a calibrated probability as certainty', () => {
    expect(percent(0.99996)).toBe('> 99.9%');
    expect(percent(0.0001)).toBe('< 0.1%');
    expect(percent(0.4567)).toBe('45.7%');
  });
});

describe('review queue threshold line', () => {
  const user = {
    id: 'u',
    username: 'ana',
    displayName: 'Ana',
    role: 'viewer',
    csrfToken: 'x',
    sessionIdHash: 'h',
  } as const;
  const render = (threshold?: { value: number; source: 'env' | 'model' }) =>
    String(reviewQueueBody(catalogue.id, 'id', user, [], {}, { offset: 0, limit: 50 }, new Map(), [], threshold));
  it('shows the threshold in force and where it comes from', () => {
    expect(render({ value: 0.42, source: 'env' })).toContain('42.0%');
    expect(render({ value: 0.42, source: 'env' })).toContain('CLASSIFIER_THRESHOLD');
    expect(render({ value: 0.3, source: 'model' })).toContain(catalogue.id.reviewThresholdModel);
    expect(render()).not.toContain(catalogue.id.reviewThreshold);
  });
});
