import type { ImageOcrRow, PostImageReading } from '@netra/db';
import type { Messages } from '../i18n/messages.ts';
import { highlightSpans, html, type SafeHtml } from './html.ts';

type Span = { start: number; end: number; cue: string };

/** The image texts the classifier read, in order: readings with an error or no text give none (queue's `imageTextsOf`). */
export function imageTextsRead(readings: readonly PostImageReading[]): string[] {
  return readings.filter((r) => !r.error && r.text.trim()).map((r) => r.text);
}

/** Per reading, the evidence spans of its text (`segments` holds one entry per text read, in the same order). */
export function imageSpansOf(
  readings: readonly PostImageReading[],
  segments: readonly { spans: readonly Span[] }[],
): Span[][] {
  let k = 0;
  return readings.map((r) => (!r.error && r.text.trim() ? [...(segments[k++]?.spans ?? [])] : []));
}

/**
 * Offsets of each OCR word in the image's text. The text is the words joined by spaces and newlines in the
 * order of `words` (packages/ocr), so a forward search finds each word where the classifier read it.
 */
export function wordOffsets(text: string, words: readonly { text: string }[]): { start: number; end: number }[] {
  let cursor = 0;
  return words.map((w) => {
    const at = text.indexOf(w.text, cursor);
    if (at < 0) return { start: -1, end: -1 };
    cursor = at + w.text.length;
    return { start: at, end: cursor };
  });
}

/** The image with every recognised word outlined and the evidence words filled; boxes scale with the image. */
function outlined(t: Messages, reading: PostImageReading, ocr: ImageOcrRow, spans: readonly Span[]): SafeHtml {
  const width = ocr.width ?? 1;
  const height = ocr.height ?? 1;
  const offsets = wordOffsets(reading.text, ocr.words);
  const hits = offsets.map((o) => o.start >= 0 && spans.some((s) => s.start < o.end && s.end > o.start));
  const boxes = ocr.words.map((w, i) => {
    const [x, y, bw, bh] = w.box;
    const cue = spans.find((s) => s.start < offsets[i]!.end && s.end > offsets[i]!.start)?.cue;
    return html`<rect class="${hits[i] ? 'ocr-word ocr-evidence' : 'ocr-word'}" x="${x}" y="${y}" width="${bw}" height="${bh}" data-word="${w.text}"><title>${w.text} (${Math.round(w.confidence)}%)${cue ? ` — ${cue}` : ''}</title></rect>`;
  });
  return html`<div class="ocr-figure"><img class="evidence" src="/evidence/${reading.sha256}" width="${width}" height="${height}" alt="${t.imageTextTitle}"><svg class="ocr-boxes" viewBox="0 0 ${width} ${height}" preserveAspectRatio="none" role="img" aria-label="${t.imageTextWords}">${boxes}</svg></div>
<p><small>${ocr.words.length} ${t.imageTextWords} · ${hits.filter(Boolean).length} ${t.imageTextEvidence}</small></p>`;
}

/**
 * The review page's image-text card: each image the classifier read, with its recognised words outlined and
 * the evidence words highlighted on it, the text read (highlighted, and in a read-only box to copy), and the
 * OCR engine and version. `spans` are the evidence spans already moved onto each image's text.
 */
export function imageTextCard(
  t: Messages,
  readings: readonly PostImageReading[],
  ocr: ReadonlyMap<string, ImageOcrRow>,
  spans: readonly (readonly Span[])[],
): SafeHtml {
  if (readings.length === 0) return html``;
  return html`<div class="card image-text">
    <h2>${t.imageTextTitle}</h2>
    ${readings.map((r, i) => {
      const row = ocr.get(r.sha256);
      if (r.error || !row) {
        return html`<p><strong>${t.imageTextError}</strong>: <code>${r.error?.code ?? '—'}</code> ${r.error?.message ?? ''} <small><code>${r.sha256}</code></small></p>`;
      }
      return html`<figure>
        ${outlined(t, r, row, spans[i] ?? [])}
        <figcaption>
          ${r.text ? html`<div class="post-text" lang="id">${highlightSpans(r.text, spans[i] ?? [])}</div>` : html`<p>${t.imageTextNone}</p>`}
          <label>${t.imageTextCopy}<textarea class="ocr-text" readonly rows="4">${r.text}</textarea></label>
          <small>${t.imageTextEngine}: <code>${r.engine ?? row.engine ?? '—'}</code> · SHA-256 <code>${r.sha256}</code></small>
        </figcaption>
      </figure>`;
    })}
  </div>`;
}
