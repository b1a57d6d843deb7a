import type { RawWord } from './tesseract-cli.ts';

/** A recognised word in the original image's pixel space (after EXIF orientation). */
export interface OcrWord {
  text: string;
  /** 0–100, Tesseract's word confidence. */
  confidence: number;
  /** [x, y, width, height] in pixels. */
  box: [number, number, number, number];
}

export interface NoiseRules {
  /** Words below this confidence are dropped (speckles, textures read as letters). */
  minConfidence: number;
  /**
   * Prepared pixels per original pixel. A word whose box is under {@link MIN_GLYPH_HEIGHT} original pixels tall is
   * grain, not text: nobody reads 3-pixel letters on a screen, but photo noise read at ×3 comes out as such words.
   */
  scale?: number;
}

/** The smallest word box, in original pixels, that can hold legible letters (12 px text boxes at 5–6 px). */
export const MIN_GLYPH_HEIGHT = 4;

const HAS_WORD_CHAR = /[\p{L}\p{N}#@]/u;

/**
 * Keeps a word when it is confident enough and looks like text. Short words need more confidence (a photo's
 * edges come out as `|`, `i`, `l`), and so do words of mostly punctuation.
 */
export function isSignal(word: RawWord, rules: NoiseRules): boolean {
  if (!HAS_WORD_CHAR.test(word.text)) return false;
  if (word.height / (rules.scale ?? 1) < MIN_GLYPH_HEIGHT) return false;
  const letters = [...word.text].filter((c) => /[\p{L}\p{N}]/u.test(c)).length;
  const chars = [...word.text].length;
  let needed = rules.minConfidence;
  // Texture and photo grain come out as short words (`ae`, `te`, `8`) at 55–75; real poster and screenshot
  // text, ballot numbers included, reads at 85 and above.
  if (letters <= 2) needed = Math.max(needed, 80);
  else if (letters === 3) needed = Math.max(needed, 70);
  if (letters < chars / 2) needed = Math.max(needed, 75);
  return word.confidence >= needed;
}

function overlap(a: RawWord, b: RawWord): number {
  const x = Math.max(0, Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left));
  const y = Math.max(0, Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top));
  const inter = x * y;
  const smaller = Math.min(a.width * a.height, b.width * b.height);
  return smaller > 0 ? inter / smaller : 0;
}

/** A variant's worth: confident characters read (a variant that reads more, and more surely, wins). */
export function variantScore(words: readonly RawWord[]): number {
  let score = 0;
  for (const w of words) score += (w.confidence / 100) * [...w.text].length;
  return score;
}

/**
 * Merges the variants' words: the best variant's words, plus every other variant's confident word that
 * covers a place where the best one read nothing (a yellow slogan only the `min` variant could see).
 * Where two variants read the same place, the better variant's word stays.
 */
export function mergeVariants(perVariant: readonly RawWord[][]): RawWord[] {
  const ranked = [...perVariant].sort((a, b) => variantScore(b) - variantScore(a));
  const merged: RawWord[] = [...(ranked[0] ?? [])];
  for (const words of ranked.slice(1)) {
    for (const w of words) {
      if (merged.some((m) => overlap(m, w) > 0.3)) continue;
      merged.push(w);
    }
  }
  return merged;
}

/**
 * Reading order: words grouped into lines by vertical overlap, lines top to bottom, words left to right.
 * Returns the lines (each a list of words) so the text can be rebuilt one line per line of the image.
 */
export function toLines<W extends { box: [number, number, number, number] }>(words: readonly W[]): W[][] {
  const sorted = [...words].sort((a, b) => a.box[1] + a.box[3] / 2 - (b.box[1] + b.box[3] / 2));
  const lines: { top: number; bottom: number; words: W[] }[] = [];
  for (const w of sorted) {
    const centre = w.box[1] + w.box[3] / 2;
    const line = lines.find((l) => centre >= l.top && centre <= l.bottom);
    if (line) {
      line.words.push(w);
      line.top = Math.min(line.top, w.box[1]);
      line.bottom = Math.max(line.bottom, w.box[1] + w.box[3]);
    } else lines.push({ top: w.box[1], bottom: w.box[1] + w.box[3], words: [w] });
  }
  lines.sort((a, b) => a.top - b.top);
  return lines.map((l) => l.words.sort((a, b) => a.box[0] - b.box[0]));
}
