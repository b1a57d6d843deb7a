import { CHART_ROWS, type Overview, type OverviewChart, total } from '@netra/review';
import type { Messages } from '../../i18n/messages.ts';
import { html, type SafeHtml } from '../html.ts';
import { type BarRow, stackedBarChart } from './svg-charts.ts';

const DIMENSION_LABEL: Record<string, keyof Messages> = {
  contest: 'dimContest',
  region: 'dimRegion',
  agency: 'dimAgency',
  platform: 'dimPlatform',
  candidate: 'dimCandidate',
  week: 'dimWeek',
};

function chartFigure(t: Messages, chart: OverviewChart, title: string, svg: SafeHtml, table: SafeHtml): SafeHtml {
  return html`<figure class="card chart" id="chart-${chart}" data-chart="${chart}">
  <figcaption><h2>${title}</h2></figcaption>
  ${svg}
  <p class="legend"><span class="key seg-open"></span> ${t.colOpen} <span class="key seg-confirmed"></span> ${t.colConfirmed} <span class="key seg-dismissed"></span> ${t.colDismissed} <span class="key seg-other"></span> ${t.colOther}</p>
  <details open><summary>${t.overviewTable}</summary><div class="table-wrap">${table}</div></details>
  <p><a href="/ringkasan.csv?chart=${chart}" download>${t.overviewCsv}</a></p>
</figure>`;
}

export function overviewBody(t: Messages, overview: Overview, computedAt: string): SafeHtml {
  const figures: SafeHtml[] = [];
  for (const [dimension, series] of Object.entries(overview.byDimension)) {
    const title = `${t.overviewBy} ${t[DIMENSION_LABEL[dimension]!] as string}`;
    const rows: BarRow[] = series.slice(0, CHART_ROWS).map((s) => ({
      label: s.label,
      segments: [
        { className: 'seg-open', value: s.open, label: t.colOpen },
        { className: 'seg-confirmed', value: s.confirmed, label: t.colConfirmed },
        { className: 'seg-dismissed', value: s.dismissed, label: t.colDismissed },
        { className: 'seg-other', value: s.other, label: t.colOther },
      ],
    }));
    const table = html`<table class="chart-table"><thead><tr><th scope="col">${t[DIMENSION_LABEL[dimension]!] as string}</th><th scope="col">${t.colOpen}</th><th scope="col">${t.colConfirmed}</th><th scope="col">${t.colDismissed}</th><th scope="col">${t.colOther}</th><th scope="col">Σ</th></tr></thead>
<tbody>${series.map((s) => html`<tr><th scope="row">${s.label}</th><td>${s.open}</td><td>${s.confirmed}</td><td>${s.dismissed}</td><td>${s.other}</td><td>${total(s)}</td></tr>`)}</tbody></table>`;
    figures.push(
      chartFigure(
        t,
        dimension as OverviewChart,
        title,
        series.length ? stackedBarChart(`svg-${dimension}`, title, rows) : html`<p>${t.overviewNone}</p>`,
        table,
      ),
    );
  }
  const ageRows: BarRow[] = overview.age.map((a) => ({
    label: a.bucket,
    segments: [{ className: 'seg-open', value: a.n, label: t.colOpen }],
  }));
  figures.push(
    chartFigure(
      t,
      'age',
      t.overviewAge,
      stackedBarChart('svg-age', t.overviewAge, ageRows),
      html`<table class="chart-table"><thead><tr><th scope="col">${t.colAge}</th><th scope="col">${t.colOpen}</th></tr></thead><tbody>${overview.age.map((a) => html`<tr><th scope="row">${a.bucket}</th><td>${a.n}</td></tr>`)}</tbody></table>`,
    ),
  );
  const perAnalyst = new Map<string, number>();
  for (const r of overview.throughput) perAnalyst.set(r.displayName, (perAnalyst.get(r.displayName) ?? 0) + r.n);
  const throughputRows: BarRow[] = [...perAnalyst.entries()].map(([name, n]) => ({
    label: name,
    segments: [{ className: 'seg-decided', value: n, label: t.colDecisions }],
  }));
  figures.push(
    chartFigure(
      t,
      'throughput',
      t.overviewThroughput,
      throughputRows.length
        ? stackedBarChart('svg-throughput', t.overviewThroughput, throughputRows)
        : html`<p>${t.overviewNone}</p>`,
      html`<table class="chart-table"><thead><tr><th scope="col">${t.colWeek}</th><th scope="col">${t.colAnalyst}</th><th scope="col">${t.colDecisions}</th></tr></thead><tbody>${overview.throughput.map((r) => html`<tr><td>${r.week}</td><th scope="row">${r.displayName}</th><td>${r.n}</td></tr>`)}</tbody></table>`,
    ),
  );
  return html`<p class="computed-at"><small>${t.overviewComputedAt} ${computedAt}</small></p>
<div class="charts">${figures}</div>`;
}
