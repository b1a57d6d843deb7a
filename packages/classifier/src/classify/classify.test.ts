import { type Classifiable, classificationResultSchema } from '@netra/core';
import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../eval/metrics.ts';
import { loadModel } from '../model/artefact.ts';
import { compileRegistry } from '../registry/compile-registry.ts';
import { DEFAULT_TRAINING_FILES, readLabelledJsonl, readRegistry } from '../train/corpus.ts';
import { classify } from './classify.ts';

const reg = compileRegistry(readRegistry());
const model = loadModel();
let n = 0;
const run = (text: string, region: string, extra: Partial<Classifiable> = {}) =>
  classify({ id: `t${n++}`, text, region, ...extra }, reg, model);

describe('classify: endorsements', () => {
  it('flags a call to vote for a ballot number and resolves the regency candidate', () => {
    const r = run('Besok jangan lupa ya bapak ibu, coblos nomer dua! Insyaallah amanah', '18.11');
    expect(r.flagged).toBe(true);
    expect(r.candidate).toBe('pilbup-mesuji-2024#2');
    expect(r.stance).toBe('pro');
  });
  it('prefers the governor contest when the post talks about the governor race', () => {
    const r = run('Untuk gubernur saya tetap coblos nomor 2, sudah bulat 💪', '18.11');
    expect(r.candidate).toBe('pilgub-lampung-2024#2');
  });
  it('reads a shouted jargon word as campaigning', () => {
    const r = run('Keluarga besar kami sudah sepakat, pokoknya HATI! 💚', '61.11');
    expect(r.flagged).toBe(true);
    expect(r.candidate).toBe('pilbup-kayongutara-2024#2');
  });
  it('treats a supportive reply to a candidate account as candidate interaction', () => {
    const r = run('Siap menangkan, Datuk! 🙏', '18.08', {
      kind: 'comment',
      context: { parentCandidate: 'pilbup-waykanan-2024#2', parentText: 'Terima kasih warga Blambangan Umpu' },
    });
    expect(r.flagged).toBe(true);
    expect(r.candidate).toBe('pilbup-waykanan-2024#2');
    expect(r.category).toBe('candidate_interaction');
  });
  it('flags campaigning for the empty box', () => {
    const r = run('Mending kotak kosong daripada calon tunggal yang itu-itu saja. Coblos kolom kosong!', '18.13');
    expect(r.flagged).toBe(true);
    expect(r.candidate).toBe('pilbup-pesisirbarat-2024#2');
  });
  it('marks an attack on a candidate as contra and negative campaigning', () => {
    const r = run('Jangan pilih nomor 1, janji jalan mulus cuma pencitraan doang, sudah terbukti gagal 🙄', '18.05');
    expect(r.flagged).toBe(true);
    expect(r.candidate).toBe('pilbup-tulangbawang-2024#1');
    expect(r.stance).toBe('contra');
    expect(r.category).toBe('negative_campaigning');
  });
  it('returns evidence spans that index into the original text', () => {
    const text = '𝐀𝐲𝐨 coblos Pak Yusuf nomor 3️⃣ #YakinMesujiMaju';
    const r = run(text, '18.11');
    expect(r.evidence.length).toBeGreaterThan(1);
    const pieces = r.evidence.map((e) => text.slice(e.start, e.end));
    expect(pieces).toContain('Pak Yusuf');
    expect(pieces).toContain('3️⃣');
    expect(pieces).toContain('#YakinMesujiMaju');
  });
  it('returns a result that satisfies the shared schema', () => {
    expect(() => classificationResultSchema.parse(run('coblos 02', '18.11'))).not.toThrow();
  });
});

describe('classify: hard negatives', () => {
  it('does not flag a neutrality appeal', () => {
    expect(
      run(
        'Mengingatkan rekan-rekan ASN: wajib netral dalam Pilkada, jangan like atau share konten paslon mana pun.',
        '18.07',
      ).flagged,
    ).toBe(false);
  });
  it('does not flag a KPU notice that names candidates and numbers', () => {
    const text =
      'KPU Mesuji tetapkan nomor urut: 1 Sutrisno-Ahmad Fauzi, 2 Bambang Wijaya-Nurul Hasanah, 3 Yusuf Kurniawan-Eka Pratiwi.';
    expect(run(text, '18.11').flagged).toBe(false);
  });
  it('does not flag generic get-out-the-vote', () => {
    expect(run('Ayo gunakan hak pilihmu tanggal 27 November, datang ke TPS, jangan golput!', '18.08').flagged).toBe(
      false,
    );
  });
  it('does not flag a report of someone else’s violation', () => {
    const text =
      'Ada oknum bagi-bagi amplop di kampung kami atas nama salah satu paslon. Sudah kami laporkan ke Panwascam.';
    expect(run(text, '18.05').flagged).toBe(false);
  });
  it('does not flag an official in their government role', () => {
    expect(
      run('Pj Bupati meresmikan jembatan baru di Kecamatan Way Serdang, warga tidak perlu memutar lagi.', '18.11')
        .flagged,
    ).toBe(false);
  });
  it('does not flag ordinary uses of jargon words and numbers', () => {
    expect(
      run('Alhamdulillah anak kami juara 2 lomba tahfidz, yakin usaha tidak mengkhianati hasil.', '18.11').flagged,
    ).toBe(false);
    expect(run('Harga cabai masih sama seperti minggu lalu, semoga cepat turun.', '18.11').score).toBeLessThan(0.3);
    expect(run('Kopi sore di teras, cuaca segar sekali hari ini ☕', '18.08').flagged).toBe(false);
  });
});

describe('classify on the development corpus', () => {
  it('keeps the shipped model above an F1 floor on dev.jsonl (training data: a regression guard, not an estimate)', () => {
    const posts = readLabelledJsonl(DEFAULT_TRAINING_FILES[0]!);
    const m = computeMetrics(posts.map((post) => ({ post, result: classify(post, reg, model) })));
    expect(m.f1).toBeGreaterThan(0.9);
    expect(m.candidateAccuracyFlagged).toBeGreaterThan(0.9);
  });
});
