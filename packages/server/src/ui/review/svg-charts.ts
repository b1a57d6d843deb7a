import { html, type SafeHtml } from '../html.ts';

export interface BarSegment {
  /** CSS class that colours the segment (netra.css: .seg-open, .seg-confirmed, …). */
  className: string;
  value: number;
  label: string;
}

export interface BarRow {
  label: string;
  segments: BarSegment[];
}

const WIDTH = 640;
const LABEL_WIDTH = 200;
const ROW_HEIGHT = 22;
const GAP = 6;

const shorten = (s: string, max = 28) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/**
 * A horizontal stacked bar chart drawn on the server as SVG: no script, no inline style (colours come from
 * classes in the stylesheet), scales to the width of its container. Every value is also in the chart's table.
 */
export function stackedBarChart(id: string, title: string, rows: readonly BarRow[]): SafeHtml {
  const max = Math.max(1, ...rows.map((r) => r.segments.reduce((sum, s) => sum + s.value, 0)));
  const height = rows.length * (ROW_HEIGHT + GAP) + GAP;
  const scale = (WIDTH - LABEL_WIDTH - 50) / max;
  return html`<svg class="chart-svg" id="${id}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}-title" preserveAspectRatio="xMinYMin meet">
  <title id="${id}-title">${title}</title>
  ${rows.map((row, i) => {
    const y = GAP + i * (ROW_HEIGHT + GAP);
    let x = LABEL_WIDTH;
    const total = row.segments.reduce((sum, s) => sum + s.value, 0);
    return html`<g class="bar-row">
    <text x="${LABEL_WIDTH - 6}" y="${y + ROW_HEIGHT / 2 + 4}" text-anchor="end" class="chart-label">${shorten(row.label)}</text>
    ${row.segments.map((s) => {
      const w = s.value * scale;
      const rect = html`<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${ROW_HEIGHT}" class="${s.className}"><title>${row.label} · ${s.label}: ${s.value}</title></rect>`;
      x += w;
      return rect;
    })}
    <text x="${(x + 4).toFixed(1)}" y="${y + ROW_HEIGHT / 2 + 4}" class="chart-value">${total}</text>
  </g>`;
  })}
</svg>`;
}
