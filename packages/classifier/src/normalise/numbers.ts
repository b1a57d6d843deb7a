import { fold } from './fold.ts';

/**
 * Number words in Indonesian/Malay, Javanese (ngoko and krama), Sundanese, Lampung, Bugis/Makassar (`seddi`,
 * `tellu`, `tallu`), Sasak (`sekek`, `telu`), Minang (`ciek`, `duo`) and Batak (`sada`, `tolu`), 1–9. Lampung `pak`
 * (4) is left out: it is far more often `Pak` (Mr). `sai` (Lampung 1) and `loro` (Javanese 2, also "sick")
 * only count as ballot numbers in a ballot form (`nomor sai`), which the feature layer decides.
 */
const WORDS: Record<string, number> = {
  satu: 1,
  siji: 1,
  hiji: 1,
  setunggal: 1,
  sai: 1,
  esa: 1,
  wahid: 1,
  kesatu: 1,
  seddi: 1,
  sekek: 1,
  ciek: 1,
  sada: 1,
  pertama: 1,
  dua: 2,
  loro: 2,
  kalih: 2,
  khua: 2,
  rua: 2,
  duo: 2,
  due: 2,
  kedua: 2,
  kaping2: 2,
  tiga: 3,
  telu: 3,
  tilu: 3,
  tigo: 3,
  telo: 3,
  ketiga: 3,
  tellu: 3,
  tallu: 3,
  tolu: 3,
  empat: 4,
  papat: 4,
  opat: 4,
  sekawan: 4,
  ampek: 4,
  keempat: 4,
  eppa: 4,
  lima: 5,
  limo: 5,
  gangsal: 5,
  kelima: 5,
};

const NUMBER_WORDS = new Map<string, number>();
for (const [k, v] of Object.entries(WORDS)) NUMBER_WORDS.set(fold(k), v);

export interface NumberReading {
  value: number;
  /** `digit` 2, `padded` 02 (a ballot form by itself), `word` dua/loro, `keycap` 2️⃣, `gesture` ✌. */
  form: 'digit' | 'padded' | 'word' | 'keycap' | 'gesture';
}

/** Reads a folded token as a small number (1–99), or null. `2024`, `07.00` and `juara` are not ballot numbers. */
export function readNumber(folded: string): NumberReading | null {
  if (/^\d{1,2}$/.test(folded)) {
    const value = Number(folded);
    if (value < 1) return null;
    return { value, form: folded.length === 2 && folded[0] === '0' ? 'padded' : 'digit' };
  }
  const w = NUMBER_WORDS.get(folded);
  return w === undefined ? null : { value: w, form: 'word' };
}

/** Hand gestures and keycaps that stand for ballot numbers; skin tones and VS16 are stripped before lookup. */
const GESTURES: Record<string, number> = { '☝': 1, '👆': 1, '✌': 2, '🤟': 3, '🤘': 3 };

export function readGesture(emoji: string): NumberReading | null {
  const base = emoji.replace(/[\u{1F3FB}-\u{1F3FF}\uFE0F\u200D]/gu, '');
  const g = GESTURES[base];
  if (g !== undefined) return { value: g, form: 'gesture' };
  const key = /^([0-9])\u20E3$/u.exec(base);
  if (key && key[1] !== '0') return { value: Number(key[1]), form: 'keycap' };
  return null;
}
