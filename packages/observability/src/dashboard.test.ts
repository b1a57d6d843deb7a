import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registerDatabaseMetrics } from './database-metrics.ts';
import { NetraMetrics } from './netra-metrics.ts';
import { registerQueueMetrics } from './queue-metrics.ts';

const dashboard = JSON.parse(
  readFileSync(new URL('../../../infra/grafana/netra-operations.json', import.meta.url), 'utf8'),
) as { uid: string; panels: { type: string; title: string; targets?: { expr: string }[] }[] };
const docs = readFileSync(new URL('../../../docs/operations.md', import.meta.url), 'utf8');

/** Every series name a deployable can export (histograms add _bucket, _sum and _count). */
function exported(): Set<string> {
  const metrics = new NetraMetrics('test');
  registerQueueMetrics(metrics, []);
  registerDatabaseMetrics(metrics, {} as never);
  const names = new Set<string>();
  for (const m of metrics.registry.getMetricsAsArray()) {
    const { name, type } = m as unknown as { name: string; type: string };
    names.add(name);
    if (type === 'histogram') for (const s of ['_bucket', '_sum', '_count']) names.add(`${name}${s}`);
  }
  return names;
}

describe('the checked-in Grafana dashboard', () => {
  const names = exported();
  const queries = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })));

  it('has panels with queries', () => {
    expect(dashboard.uid).toBe('netra-operations');
    expect(queries.length).toBeGreaterThan(15);
  });

  it('queries only series Netra exports', () => {
    for (const { panel, expr } of queries) {
      const used = expr.match(/\b(?:netra|process|nodejs)_[a-z0-9_]+\b/g) ?? [];
      expect(used.length, panel).toBeGreaterThan(0);
      for (const name of used) expect(names.has(name), `${panel}: ${name}`).toBe(true);
    }
  });

  it('covers every netra_ series, and docs/operations.md documents each one', () => {
    const netra = [...names].filter((n) => n.startsWith('netra_') && !/_(bucket|sum|count)$/.test(n));
    const all = queries.map((q) => q.expr).join('\n');
    for (const name of netra) {
      expect(all, name).toContain(name);
      expect(docs, name).toContain(`\`${name}\``);
    }
  });
});
