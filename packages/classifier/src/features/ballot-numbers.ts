import { fold } from '../normalise/fold.ts';
import type { Token } from '../normalise/tokenize.ts';
import { LEXICON } from './lexicon.ts';

export type BallotForm =
  | 'keycap'
  | 'padded'
  | 'prefixed'
  | 'jari'
  | 'vote'
  | 'gesture'
  | 'hashtag'
  | 'bare'
  | 'bare_word';

export interface BallotNumber {
  value: number;
  form: BallotForm;
  index: number;
}

/** Words after which a number is a rank, a time, a place or a quantity, not a ballot number. */
const ORDINARY_BEFORE = new Set(
  (
    'juara peringkat kelas tps rt rw jam pukul tahap unit lantai antrian antre ranking tanggal tgl hari minggu bulan ' +
    'tahun ke gelombang kamar meja lomba halaman pasal ayat umur usia jalur blok gang km kg rp ribu anak sesi babak ' +
    'gol skor ronde level angkatan semester kls tim regu pos'
  )
    .split(' ')
    .map((w) => fold(w)),
);
const ORDINARY_AFTER = new Set(
  'periode putaran kali orang hari jam bulan tahun minggu menit km kg ribu juta besar gelas bungkus kecamatan desa'
    .split(' ')
    .map((w) => fold(w)),
);

/** Office and candidate words that, followed by `yang <number>`, name a ballot number (`gubernur yang tiga`). */
const OFFICE = new Set([...LEXICON.ballotPrefix, ...LEXICON.governor, ...LEXICON.regent, ...LEXICON.generic]);

/**
 * Numbers written as ballot numbers: `no 2`, `nomor urut 02`, `nomer loro`, `2️⃣`, `dua jari`, `✌`, `#02`,
 * `coblos 3`. A bare `2` is reported as `bare` (weak); `juara 2`, `TPS 12`, `2 periode` are not reported.
 */
export function findBallotNumbers(tokens: readonly Token[]): BallotNumber[] {
  const out: BallotNumber[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    let num = t.num;
    if (t.kind === 'hashtag' && /^0?\d$/.test(t.key)) {
      const value = Number(t.key);
      if (value > 0) out.push({ value, form: 'hashtag', index: i });
      continue;
    }
    if (!num || num.value > 20) continue;
    const prev = tokens[i - 1];
    const prev2 = tokens[i - 2];
    const next = tokens[i + 1];
    if (num.form === 'keycap' || num.form === 'gesture') {
      out.push({ value: num.value, form: num.form, index: i });
      continue;
    }
    if ((prev && ORDINARY_BEFORE.has(prev.key)) || (prev2 && ORDINARY_BEFORE.has(prev2.key) && prev?.key === 'nomor'))
      continue;
    if (next && ORDINARY_AFTER.has(next.key)) continue;
    let form: BallotForm;
    if (next?.key === 'jari' || (prev?.key === 'salam' && num.form === 'word')) form = 'jari';
    else if (prev && LEXICON.ballotPrefix.has(prev.key)) form = 'prefixed';
    else if (prev2 && LEXICON.ballotPrefix.has(prev2.key) && prev?.key === 'urut') form = 'prefixed';
    // `gubernur yang tiga`, `calon yang dua itu`: an office or candidate word, `yang`, then the number.
    else if (prev?.key === 'yang' && prev2 && OFFICE.has(prev2.key)) form = 'prefixed';
    else if (num.form === 'padded') form = 'padded';
    else if ((prev && LEXICON.vote.has(prev.key)) || (prev2 && LEXICON.vote.has(prev2.key))) form = 'vote';
    else form = num.form === 'word' ? 'bare_word' : 'bare';
    num = { ...num };
    out.push({ value: num.value, form, index: i });
  }
  return out;
}

/** How much a ballot-number form says "this is a ballot number" (used to resolve the candidate). */
export const BALLOT_WEIGHT: Record<BallotForm, number> = {
  keycap: 2.5,
  padded: 2.5,
  prefixed: 2.5,
  jari: 2.5,
  vote: 2.5,
  hashtag: 2.5,
  gesture: 1.5,
  bare: 0.7,
  bare_word: 0.5,
};
