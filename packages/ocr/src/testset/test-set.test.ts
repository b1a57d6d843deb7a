import { registrySchema } from '@netra/core';
import { describe, expect, it } from 'vitest';
import { buildTestSet } from './test-set.ts';
import { emptyRecall, ocrWords, recallOf, tallyRecall } from './word-recall.ts';

const registry = registrySchema.parse({
  contests: [
    {
      id: 'pilwalkot-contoh-2024',
      kind: 'walikota',
      region: { code: '33.74', name: 'Kota Contoh' },
      electionDate: '2024-11-27',
      campaignPeriod: { from: '2024-09-25', to: '2024-11-23' },
      candidates: [
        {
          number: 1,
          names: ['Budi Santoso', 'Rina Wati'],
          hashtags: ['#BudiRina'],
          slogans: ['Contoh Maju Bersama'],
          jargon: ['MANTAP'],
        },
        { number: 2, names: ['Agus Salim', 'Dewi Lestari'], hashtags: ['#AgusDewi'], slogans: ['Kota Hijau'] },
      ],
    },
  ],
});

describe('OCR test set', () => {
  it('has at least 150 images even for a one-contest registry, deterministically, with every family', () => {
    const a = buildTestSet(registry, 7);
    const b = buildTestSet(registry, 7);
    expect(a.length).toBeGreaterThanOrEqual(150);
    expect(a.map((x) => x.html)).toEqual(b.map((x) => x.html));
    expect(buildTestSet(registry, 8).map((x) => x.html)).not.toEqual(a.map((x) => x.html));
    const families = new Set(a.map((x) => x.family));
    for (const f of ['poster', 'twibbon', 'chat', 'kpu_notice', 'school', 'menu', 'news_card', 'chat_neutral'])
      expect(families).toContain(f);
    expect(new Set(a.map((x) => x.name)).size).toBe(a.length);
    expect(a.some((x) => x.label === 'neutral')).toBe(true);
    expect(a.some((x) => x.stance === 'contra')).toBe(true);
  });

  it('draws every expected term into the page and escapes it', () => {
    for (const image of buildTestSet(registry, 3)) {
      const drawn = ocrWords(image.expectedText);
      const tally = emptyRecall();
      tallyRecall(tally, image.terms, image.expectedText);
      expect(recallOf(tally.all), image.name).toBe(1);
      expect(drawn.size).toBeGreaterThan(0);
      expect(image.html).not.toMatch(/<script/i);
      if (image.label === 'endorse') expect(image.candidate).toMatch(/^pilwalkot-contoh-2024#[12]$/);
    }
  });

  it('counts word recall by term kind, ballot numbers written 02 included', () => {
    const tally = emptyRecall();
    const missed = tallyRecall(
      tally,
      [
        { kind: 'name', text: 'Budi Santoso' },
        { kind: 'number', text: '2' },
        { kind: 'hashtag', text: '#AgusDewi' },
        { kind: 'slogan', text: 'Kota Hijau' },
      ],
      'BUDI SANTOS0\nPASLON 02\nAgusDewi\nKOTA HIJAU',
    );
    expect(missed).toEqual(['name:santoso']);
    expect(recallOf(tally.name)).toBe(0.5);
    expect(recallOf(tally.number)).toBe(1);
    expect(recallOf(tally.hashtag)).toBe(1);
    expect(recallOf(tally.all)).toBe(5 / 6);
  });
});
