import { type Registry, registrySchema } from '@netra/core';
import { describe, expect, it } from 'vitest';
import { decide } from '../classify/classify.ts';
import { loadModel } from '../model/artefact.ts';
import { compileRegistry } from '../registry/compile-registry.ts';
import { analyse } from './extract-features.ts';

// An invented city race, in no corpus; every post and link below is invented for the test.
const ternate = { code: '82.71', name: 'Kota Ternate' };
const registry: Registry = registrySchema.parse({
  contests: [
    {
      id: 'pilwalkot-ternate-2034',
      kind: 'walikota',
      region: ternate,
      candidates: [
        { number: 1, names: ['Darius Malaiholo', 'Nona Kaunang'], hashtags: ['#DariusNonaMaju'] },
        { number: 2, names: ['Yakobus Salamor', 'Ruth Lasut'] },
      ],
      electionDate: '2034-11-27',
      campaignPeriod: { from: '2034-09-01', to: '2034-11-23' },
    },
  ],
});
const reg = compileRegistry(registry);
const analysed = (text: string) => analyse({ id: 't', text, region: ternate.code }, reg);
const LINK = 'https://warta-ternate.example/politik/2034/10/02/darius-malaiholo-kampanye-akbar-di-lapangan-jailolo';

describe('a headline shared with its own link', () => {
  it('is headline copy when its words are the slug, with at most two words of its own', () => {
    expect(analysed(`Darius Malaiholo Kampanye Akbar di Lapangan Jailolo ${LINK}`).headlineCopy).toBe(true);
    expect(
      analysed(`VIDEO: Darius Malaiholo Kampanye Akbar di Lapangan Jailolo via @wartahalbar ${LINK}`).headlineCopy,
    ).toBe(true);
  });
  it('is not headline copy once the author adds words of their own', () => {
    expect(
      analysed(`Mantap pak, gas terus! Darius Malaiholo Kampanye Akbar di Lapangan Jailolo ${LINK}`).headlineCopy,
    ).toBe(false);
  });
  it('is not headline copy when one of the two words of its own is a verdict', () => {
    expect(analysed(`Mantap! Darius Malaiholo Kampanye Akbar di Lapangan Jailolo ${LINK}`).headlineCopy).toBe(false);
    expect(analysed(`Pembohong. Darius Malaiholo Kampanye Akbar di Lapangan Jailolo ${LINK}`).headlineCopy).toBe(false);
    expect(analysed(`Setuju. Darius Malaiholo Kampanye Akbar di Lapangan Jailolo ${LINK}`).headlineCopy).toBe(false);
  });
  it('is not headline copy with a candidate’s campaign hashtag (campaign material the author added)', () => {
    expect(analysed(`Darius Malaiholo Kampanye Akbar di Lapangan Jailolo #DariusNonaMaju ${LINK}`).headlineCopy).toBe(
      false,
    );
  });
  it('is not headline copy when the link carries no slug (a shortened link) or there is no link', () => {
    expect(analysed('Darius Malaiholo Kampanye Akbar di Lapangan Jailolo https://t.co/Ab12Cd34').headlineCopy).toBe(
      false,
    );
    expect(analysed('Darius Malaiholo Kampanye Akbar di Lapangan Jailolo').headlineCopy).toBe(false);
  });
  it('is never flagged, and keeps half the model’s score for ranking', () => {
    const model = { ...loadModel(), threshold: 0 };
    const text = `Darius Malaiholo Kampanye Akbar di Lapangan Jailolo ${LINK}`;
    const copy = analysed(text);
    const asPost = decide({ ...copy, headlineCopy: false }, text, model);
    const asCopy = decide(copy, text, model);
    expect(asPost.flagged).toBe(true);
    expect(asCopy.flagged).toBe(false);
    expect(asCopy.score).toBeCloseTo(asPost.score / 2, 3);
  });
});
