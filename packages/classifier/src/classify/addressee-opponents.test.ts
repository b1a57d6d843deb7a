import { type Classifiable, type Registry, registrySchema } from '@netra/core';
import { describe, expect, it } from 'vitest';
import { analyse } from '../features/extract-features.ts';
import { compileRegistry } from '../registry/compile-registry.ts';
import { resolveCandidate } from './classify.ts';

// Invented races: a governor race where only ticket 1 has a woman (its alias `Bu Sekar`), a regency race where
// both tickets have one, and two presidential races of three and two tickets that share one person (Sutan).
const registry: Registry = registrySchema.parse({
  contests: [
    {
      id: 'pilgub-nusa-2029',
      kind: 'gubernur',
      region: { code: '91', name: 'Provinsi Nusa Kencana' },
      electionDate: '2029-11-27',
      campaignPeriod: { from: '2029-09-25', to: '2029-11-23' },
      candidates: [
        { number: 1, names: ['Sekar Wulandari', 'Tegar Mahendra'], aliases: ['Bu Sekar', 'Pak Tegar'] },
        { number: 2, names: ['Bima Pradipta', 'Rusli Hamzah'], aliases: ['Pak Bima', 'Bang Rusli'] },
      ],
    },
    {
      id: 'pilbup-lembah-2029',
      kind: 'bupati',
      region: { code: '92.01', name: 'Kabupaten Lembah Hijau' },
      electionDate: '2029-11-27',
      campaignPeriod: { from: '2029-09-25', to: '2029-11-23' },
      candidates: [
        { number: 1, names: ['Darmawan Putra', 'Melati Anggun'], aliases: ['Pak Darmawan', 'Mbak Melati'] },
        { number: 2, names: ['Yohana Sirait', 'Fikri Ananda'], aliases: ['Bu Yohana', 'Mas Fikri'] },
      ],
    },
    {
      id: 'pilpres-2029',
      kind: 'presiden',
      region: { code: '00', name: 'Indonesia' },
      electionDate: '2029-02-14',
      campaignPeriod: { from: '2028-11-28', to: '2029-02-10' },
      candidates: [
        { number: 1, names: ['Rahmat Siregar', 'Nila Kusuma'], aliases: ['Pak Rahmat'] },
        { number: 2, names: ['Sutan Harahap', 'Gilang Permadi'], aliases: ['Bang Sutan'] },
        { number: 3, names: ['Wiryo Santoso', 'Hamdan Lubis'], aliases: ['Pak Wiryo'] },
      ],
    },
    {
      id: 'pilpres-2034',
      kind: 'presiden',
      region: { code: '00', name: 'Indonesia' },
      electionDate: '2034-02-14',
      campaignPeriod: { from: '2033-11-28', to: '2034-02-10' },
      candidates: [
        { number: 1, names: ['Sutan Harahap', 'Rendra Wijaya'], aliases: ['Bang Sutan'] },
        { number: 2, names: ['Arya Nugraha', 'Kartini Lestari'], aliases: ['Mas Arya'] },
      ],
    },
  ],
});
const reg = compileRegistry(registry);
const analysed = (text: string, extra: Partial<Classifiable> = {}) =>
  analyse({ id: 't', text, region: '91', kind: 'comment', ...extra }, reg);
/** A YouTube-style comment under a video title that names both governor tickets, ticket 2 first. */
const underDebate = (text: string) =>
  analysed(text, { context: { parentText: 'Debat perdana: Bima dan Sekar adu gagasan soal jalan rusak' } });

describe('a reply addressing the thread with a bare bu/pak', () => {
  it('names the one ticket of the race whose registry alias gives it a woman', () => {
    const a = underDebate('Setuju bu, jembatan di desa kami juga ambruk');
    expect(a.evidence.some((e) => e.cue.startsWith('addressee:'))).toBe(true);
    expect(resolveCandidate(a, 'pro')).toBe('pilgub-nusa-2029#1');
  });
  it('outweighs a rival the reply names as the one at fault', () => {
    const a = analysed('Keren bu, dari dulu Bima cuma janji pasar baru', {
      context: { parentText: 'Sekar singgung jalan rusak di debat pilgub' },
    });
    expect(resolveCandidate(a, 'pro')).toBe('pilgub-nusa-2029#1');
  });
  it('is no address when a name, a compound or a greeting to everyone follows or precedes the title', () => {
    for (const text of [
      'Setuju bu Wati, jembatan ambruk', // someone else's name after the title
      'Jalan ke ibu kota hancur semua', // compound
      'Bapak ibu sekalian, jalan hancur', // a greeting to everyone
    ]) {
      expect(underDebate(text).evidence.some((e) => e.cue.startsWith('addressee:'))).toBe(false);
    }
  });
  it('says nothing when the gender fits two tickets or no race is in play, or outside a reply', () => {
    // Both governor tickets have a man.
    expect(underDebate('Setuju pak, jembatan ambruk').evidence.some((e) => e.cue.startsWith('addressee:'))).toBe(false);
    // Both regency tickets have a woman.
    const regency = analyse(
      {
        id: 't',
        text: 'Setuju bu, sekolah gratis perlu',
        region: '92.01',
        kind: 'comment',
        context: { parentText: 'Darmawan dan Yohana debat soal sekolah' },
      },
      reg,
    );
    expect(regency.evidence.some((e) => e.cue.startsWith('addressee:'))).toBe(false);
    // The parent names no candidate: `bu` is its author (a teacher), even when the reply itself shows a number.
    const teacher = analysed('Jawab aja bu: yang mau turun ke kampung. Nomor 2 ✌️', {
      context: { parentText: 'Murid kelas 6 tanya ke saya: Bu, pemimpin yang baik itu seperti apa?' },
    });
    expect(teacher.scores.get('pilgub-nusa-2029#2')).toBeGreaterThan(0);
    expect(teacher.evidence.some((e) => e.cue.startsWith('addressee:'))).toBe(false);
    expect(resolveCandidate(teacher, 'pro')).toBe('pilgub-nusa-2029#2');
    // The parent's author is a known account that is no candidate: `bu` may be her.
    const author = analysed('Setuju bu, jalan memang hancur', {
      context: { parentText: 'Saya dukung Bima, Sekar cuma janji', parentAuthor: '@ibu.warga' },
    });
    expect(author.evidence.some((e) => e.cue.startsWith('addressee:'))).toBe(false);
    // A post that is not a reply: `bu` may be anyone.
    const post = analysed('Setuju bu, Bima cuma janji', { kind: 'post' });
    expect(post.evidence.some((e) => e.cue.startsWith('addressee:'))).toBe(false);
  });
});

describe('candidates named only as opponents', () => {
  it('resolves to the one ticket left of a three-way race', () => {
    const a = analysed('Mainnya kotor, menjebak lawan Rahmat dan pak Wiryo pakai istilah asing', { region: '31' });
    expect(resolveCandidate(a, 'contra')).toBe('pilpres-2029#2');
    expect(resolveCandidate(a, 'pro')).toBe('pilpres-2029#2');
  });
  it('infers nothing when the subject is named too, or two tickets are left', () => {
    const named = analysed('Rahmat lawan Wiryo, seru debatnya', { region: '31' });
    expect(named.evidence.some((e) => e.cue.startsWith('opponent of:'))).toBe(false);
    const two = analysed('Kasihan lawan Rahmat, kalah telak', { region: '31' });
    expect(two.evidence.some((e) => e.cue.startsWith('opponent of:'))).toBe(false);
  });
  it('infers nothing when the opponent runs in two races and one of them leaves two tickets', () => {
    // Sutan: in 2034 only Arya is left, in 2029 two tickets are; a 2029 post must not become a vote for Arya.
    const a = analysed('Kasihan lawan Sutan, pada kalah', { region: '31' });
    expect(a.evidence.some((e) => e.cue.startsWith('opponent of:'))).toBe(false);
    expect(a.scores.get('pilpres-2034#2')).toBeUndefined();
  });
  it('in a dated post, narrows the opponent to the race running that day before inferring the subject', () => {
    // Written during the 2034 campaign: Sutan's opponent then is Arya, whatever the 2029 race left.
    const in2034 = analysed('Kasihan lawan Sutan, pada kalah', { region: '31', postedAt: '2034-01-10T20:00:00+07:00' });
    expect(in2034.evidence.some((e) => e.cue === 'opponent of: Arya Nugraha – Kartini Lestari')).toBe(true);
    expect(resolveCandidate(in2034, 'pro')).toBe('pilpres-2034#2');
    expect(resolveCandidate(in2034, 'contra')).toBe('pilpres-2034#2');
    // Written during the 2029 campaign: two tickets are left there, so nothing is inferred (the date breaks the tie).
    const in2029 = analysed('Kasihan lawan Sutan, pada kalah', { region: '31', postedAt: '2029-01-10T20:00:00+07:00' });
    expect(in2029.evidence.some((e) => e.cue.startsWith('opponent of:'))).toBe(false);
    expect(resolveCandidate(in2029, 'pro')).toBe('pilpres-2029#2');
    // Outside both windows, the nearest one counts (a year after the 2034 vote is nearer 2034).
    const after = analysed('Kasihan lawan Sutan, pada kalah', { region: '31', postedAt: '2035-03-01T09:00:00+07:00' });
    expect(resolveCandidate(after, 'pro')).toBe('pilpres-2034#2');
  });
  it('leaves the empty box as the opponent to the existing rule', () => {
    const a = analysed('Lawan Sekar dan Bima', { region: '91' });
    // Two-ticket race, both named as opponents: no ticket left.
    expect(a.evidence.some((e) => e.cue.startsWith('opponent of:'))).toBe(false);
  });
});
