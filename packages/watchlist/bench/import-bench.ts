/**
 * Benchmark (not a test): a 10,000-row wide-layout agency file (three platform columns: an Instagram
 * handle, a Facebook profile URL, a TikTok @handle — 30,000 accounts) through the dry run and the apply on
 * PostgreSQL, each in its own fresh database. Baseline in the same run: the same people and accounts in the
 * long layout (one row per account), so the ratio shows what the wide layout costs.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres pnpm bench:import
 */
// The per-run scratch databases come from the test helper, pointed at DATABASE_URL.
process.env.NETRA_TEST_DATABASE_URL ??= process.env.DATABASE_URL;
const { createTestDatabase } = await import('@netra/db/testing');

import { applyWatchlistImport, planWatchlistImport } from '../src/import/plan-import.ts';
import { writeCsv } from '../src/table/read-table.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const actor = { actorId: null, actorUsername: 'bench' };

function nipFor(i: number): string {
  const by = 1960 + (i % 30);
  const bm = 1 + (Math.floor(i / 30) % 12);
  const bd = 1 + (Math.floor(i / 360) % 28);
  const p = (n: number, w: number) => String(n).padStart(w, '0');
  return `${by}${p(bm, 2)}${p(bd, 2)}${by + 24}${p(bm, 2)}${1 + (i % 2)}${p(1 + Math.floor(i / 10080), 3)}`;
}

function wideFile(): Buffer {
  const rows = [['No', 'Nama', 'NIP', 'Instansi', 'Jabatan', 'Wilayah', 'Akun Instagram', 'Akun FB', 'TikTok']];
  for (let i = 0; i < ROWS; i++) {
    rows.push([
      String(i + 1),
      `Pegawai ${i}`,
      `'${nipFor(i)}`,
      'Pemerintah Provinsi Lampung',
      'Staf',
      '18.71',
      `@asn.ig_${i}`,
      `https://www.facebook.com/asn.fb.${i}`,
      `@asn_tt_${i}`,
    ]);
  }
  return writeCsv(rows, ';');
}

function longFile(): Buffer {
  const rows = [['Nama', 'NIP', 'Instansi', 'Jabatan', 'Wilayah', 'Platform', 'Akun']];
  for (let i = 0; i < ROWS; i++) {
    const person = [`Pegawai ${i}`, nipFor(i), 'Pemerintah Provinsi Lampung', 'Staf', '18.71'];
    rows.push(
      [...person, 'instagram', `asn.ig_${i}`],
      [...person, 'facebook', `asn.fb.${i}`],
      [...person, 'tiktok', `asn_tt_${i}`],
    );
  }
  return writeCsv(rows, ';');
}

/** CPU time of this process (main thread + the parsing worker), apart from the database's own. */
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

async function measure(name: string, file: Buffer) {
  const database = await createTestDatabase();
  try {
    let t = performance.now();
    let cpu = process.cpuUsage();
    const plan = await planWatchlistImport(database.db, file, `${name}.csv`);
    const dryMs = performance.now() - t;
    const dryCpu = cpuMs(process.cpuUsage(cpu));
    t = performance.now();
    cpu = process.cpuUsage();
    const applied = await applyWatchlistImport(database.db, file, actor, { filename: `${name}.csv` });
    const applyMs = performance.now() - t;
    const applyCpu = cpuMs(process.cpuUsage(cpu));
    t = performance.now();
    const again = await planWatchlistImport(database.db, file, `${name}.csv`);
    const replanMs = performance.now() - t;
    if (
      applied.people.create !== ROWS ||
      applied.accounts.create !== 3 * ROWS ||
      again.accounts.unchanged !== 3 * ROWS
    ) {
      throw new Error(
        `${name}: unexpected counts ${JSON.stringify({ people: applied.people, accounts: applied.accounts })}`,
      );
    }
    if (plan.rejected.length > 0) throw new Error(`${name}: rejected ${JSON.stringify(plan.rejected.slice(0, 3))}`);
    return { name, bytes: file.length, dryMs, applyMs, replanMs, dryCpu, applyCpu };
  } finally {
    await database.drop();
  }
}

const baseline = await measure('long', longFile());
const wide = await measure('wide', wideFile());
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
for (const r of [baseline, wide]) {
  console.log(
    `${r.name.padEnd(5)} ${ROWS} people, ${3 * ROWS} accounts, ${(r.bytes / 1024).toFixed(0)} KiB: dry run ${fmt(r.dryMs)} (Node CPU ${fmt(r.dryCpu)}), apply ${fmt(r.applyMs)} (Node CPU ${fmt(r.applyCpu)}), dry run again (all unchanged) ${fmt(r.replanMs)}`,
  );
}
console.log(
  `wide ÷ long (same run): dry run ${(wide.dryMs / baseline.dryMs).toFixed(2)}×, apply ${(wide.applyMs / baseline.applyMs).toFixed(2)}×`,
);
const ok = wide.dryMs < 3000 && wide.applyMs < 3000;
const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
console.log(
  `${ok ? 'wide layout: dry run and apply each under 3 s' : 'wide layout: OVER the 3 s target'} (load average ${load})`,
);
process.exit(0);
