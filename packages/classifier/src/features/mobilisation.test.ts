import { type Classifiable, type Registry, registrySchema } from '@netra/core';
import { describe, expect, it } from 'vitest';
import { classify } from '../classify/classify.ts';
import { loadModel } from '../model/artefact.ts';
import { compileRegistry } from '../registry/compile-registry.ts';
import { analyse } from './extract-features.ts';

// "Nameless mobilisation, 2026-11-29" (docs/classifier.md): an invented regency race, in no corpus; every post below
// is written for this test.
const lembahsari = { code: '97.05', name: 'Kabupaten Lembahsari' };
const registry: Registry = registrySchema.parse({
  contests: [
    {
      id: 'pilbup-lembahsari-2041',
      kind: 'bupati',
      region: lembahsari,
      electionDate: '2041-11-27',
      campaignPeriod: { from: '2041-09-25', to: '2041-11-23' },
      candidates: [
        { number: 1, names: ['Hasan Lubis', 'Wati Rahayu'], parties: ['Partai Surya Tani'] },
        { number: 2, names: ['Yohanes Tampubolon', 'Sri Lestari'], parties: ['Partai Laut Biru'] },
      ],
    },
  ],
});
const reg = compileRegistry(registry);
const model = loadModel();
const post = (text: string, extra: Partial<Classifiable> = {}): Classifiable => ({
  id: 't',
  text,
  region: lembahsari.code,
  kind: 'post',
  ...extra,
});

describe('mobilisation without a name, inside a campaign frame', () => {
  it.each([
    'Jumat sore kumpul di posko pemenangan, kita berangkat bareng naik truk ke kampanye terbuka. Ajak tetangga!',
    'Seluruh kader Partai Surya Tani wajib all out menangkan Pilbup Lembahsari!',
    'Kader Laut Biru wajib all out di Pilbup, jangan kendor sampai hari H',
  ])('is flagged: %s', (text) => {
    const r = classify(post(text), reg, model);
    expect(r.flagged).toBe(true);
    expect(r.score).toBeGreaterThanOrEqual(model.threshold);
    expect(r.stance).toBe('pro');
  });

  it('reads the frame from the parent post when the reply has none of its own', () => {
    const reply = 'Siap, besok kumpul jam 6 di depan masjid, bawa bendera';
    expect(analyse(post(reply), reg).mobilisation).toBe(false);
    const underRally = post(reply, {
      kind: 'comment',
      context: { parentText: 'Relawan nomor 2 konsolidasi malam ini, kampanye akbar hari Minggu' },
    });
    expect(analyse(underRally, reg).mobilisation).toBe(true);
    expect(classify(underRally, reg, model).flagged).toBe(true);
  });
});

describe('the same words outside a campaign frame, forbidden, civic or reported', () => {
  it.each([
    // A school walk, a wedding bus, ID copies for a benefit: gathering words with nothing about a campaign.
    'Ayo kumpul di lapangan sekolah Minggu pagi, jalan sehat HUT SD kita, ada doorprize!',
    'Rombongan pengantin berangkat naik bus jam 5, kumpul di rumah Pak RW ya, jangan telat',
    'Mohon warga kumpulkan fotokopi KTP untuk pendaftaran bantuan pupuk di balai desa',
    // A ban, a negated call, the civic side of voting day, a reported rally.
    'ASN dilarang ikut konvoi dan kampanye paslon mana pun, ayo jaga netralitas',
    'Ayo datang ke TPS, bawa undangan dan KTP, jangan golput',
    'Ribuan relawan memadati kampanye akbar di alun-alun, puluhan bus diparkir di sekitarnya',
    // The election body's peace ceremony: not one side's campaign.
    'Ayo ramaikan deklarasi kampanye damai di alun-alun, kumpul jam 8',
  ])('is not mobilisation: %s', (text) => {
    expect(analyse(post(text), reg).mobilisation).toBe(false);
    expect(classify(post(text), reg, model).flagged).toBe(false);
  });

  it('a match to win is no campaign frame (`menangkan` alone says nothing about an election)', () => {
    // The shipped model itself flags this one (`siap menangkan`); the rule adds nothing to it.
    expect(analyse(post('Ayo kumpul di lapangan, siap menangkan final voli antar desa!'), reg).mobilisation).toBe(
      false,
    );
  });

  it('a negated gathering is not a call (`jangan ikut konvoi`)', () => {
    expect(analyse(post('Bapak ibu jangan ikut konvoi kampanye hari Sabtu ya'), reg).mobilisation).toBe(false);
  });
});

describe('a hand gesture outside any election frame', () => {
  it('is not flagged when it points at what was said (`setuju ☝️`) and nothing says "election"', () => {
    const text = 'setuju ☝️ parkir motor harus rapi biar jalan tidak macet';
    const r = classify(post(text), reg, model);
    expect(r.flagged).toBe(false);
    expect(r.candidate).toBeNull();
    expect(analyse(post(text), reg).gestureOutsideElection).toBe(true);
  });

  it('stays with the model under a parent about the race, or with nothing beside it', () => {
    const underCandidate = post('setuju ☝️', {
      kind: 'comment',
      context: { parentText: 'Hasan Lubis: Lembahsari harus bangkit' },
    });
    expect(analyse(underCandidate, reg).gestureOutsideElection).toBe(false);
    expect(analyse(post('☝️💛☝️💛 gas'), reg).gestureOutsideElection).toBe(false);
    expect(analyse(post('betul ☝️ coblos yang pertama'), reg).gestureOutsideElection).toBe(false);
  });
});
