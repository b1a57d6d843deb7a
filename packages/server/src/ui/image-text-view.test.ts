import type { ImageOcrRow, PostImageReading } from '@netra/db';
import { describe, expect, it } from 'vitest';
import { catalogue } from '../i18n/messages.ts';
import { imageSpansOf, imageTextCard, imageTextsRead, wordOffsets } from './image-text-view.ts';

const sha = 'a'.repeat(64);
const bad = 'b'.repeat(64);
const text = 'COBLOS NOMOR 2\n<script>alert(1)</script>';
const row: ImageOcrRow = {
  sha256: sha,
  engine: 'tesseract 5.3.0 (ind+eng, psm 11; netra-ocr/1)',
  text,
  words: [
    { text: 'COBLOS', confidence: 91.2, box: [10, 20, 100, 30] },
    { text: 'NOMOR', confidence: 95, box: [120, 20, 90, 30] },
    { text: '2', confidence: 96, box: [220, 20, 20, 30] },
    { text: '<script>alert(1)</script>', confidence: 80, box: [10, 80, 300, 30] },
  ],
  width: 400,
  height: 300,
  errorCode: null,
  errorMessage: null,
  elapsedMs: 900,
};
const readings: PostImageReading[] = [
  { sha256: bad, engine: null, text: '', error: { code: 'OCR_IMAGE_ANIMATED', message: 'gambar animasi' } },
  { sha256: sha, engine: row.engine, text, error: null },
];

describe('image text on the review page', () => {
  it('finds each word in the text the classifier read', () => {
    expect(wordOffsets(text, row.words).slice(0, 3)).toEqual([
      { start: 0, end: 6 },
      { start: 7, end: 12 },
      { start: 13, end: 14 },
    ]);
  });

  it('lists only readable texts and moves spans onto their image', () => {
    expect(imageTextsRead(readings)).toEqual([text]);
    const spans = imageSpansOf(readings, [{ spans: [{ start: 0, end: 6, cue: 'call to vote' }] }]);
    expect(spans).toEqual([[], [{ start: 0, end: 6, cue: 'call to vote' }]]);
  });

  it('outlines every word, highlights the evidence words, escapes the text and names the engine and errors', () => {
    const spans = [
      [],
      [
        { start: 0, end: 6, cue: 'call to vote' },
        { start: 13, end: 14, cue: 'ballot number 2' },
      ],
    ];
    const out = imageTextCard(catalogue.id, readings, new Map([[sha, row]]), spans).value;
    expect(out.match(/<rect class="ocr-word"/g)).toHaveLength(2);
    expect(out.match(/<rect class="ocr-word ocr-evidence"/g)).toHaveLength(2);
    expect(out).toContain('x="10" y="20" width="100" height="30" data-word="COBLOS"');
    expect(out).toContain('viewBox="0 0 400 300"');
    expect(out).not.toContain('<script>');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('<mark title="call to vote">COBLOS</mark>');
    expect(out).toContain('tesseract 5.3.0');
    expect(out).toContain('OCR_IMAGE_ANIMATED');
    expect(out).toContain('Teks dalam gambar');
    expect(out).toContain('class="ocr-text" readonly');
    expect(imageTextCard(catalogue.en, [], new Map(), []).value).toBe('');
  });
});
