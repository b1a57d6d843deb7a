/**
 * Regenerates `data/regions.json` from the npm package `idn-area-data` (a devDependency; its data follows the
 * latest Kepmendagri on region codes). Only provinces, regencies/cities and districts are kept: villages and
 * islands would add 4 MB for codes the watchlist never uses. Run: `pnpm --filter @netra/watchlist vendor:regions`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('idn-area-data/package.json'));
const version = (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;

function readCsv(name: string): string[][] {
  const text = readFileSync(join(pkgDir, 'data', name), 'utf8').trim();
  return text
    .split(/\r?\n/)
    .slice(1)
    .map((line) => {
      const cells: string[] = [];
      let cur = '';
      let quoted = false;
      for (const ch of line) {
        if (ch === '"') quoted = !quoted;
        else if (ch === ',' && !quoted) {
          cells.push(cur);
          cur = '';
        } else cur += ch;
      }
      cells.push(cur);
      return cells;
    });
}

const provinces = Object.fromEntries(readCsv('provinces.csv').map(([code, name]) => [code, name]));
const regencies = Object.fromEntries(readCsv('regencies.csv').map(([code, , name]) => [code, name]));
const districts = Object.fromEntries(readCsv('districts.csv').map(([code, , name]) => [code, name]));

const out = {
  $comment: `Kemendagri region codes, trimmed from the npm package idn-area-data@${version} (MIT; data from official government sources, see its docs/references.md). Regenerate with scripts/vendor-regions.ts.`,
  source: `idn-area-data@${version}`,
  provinces,
  regencies,
  districts,
};
writeFileSync(new URL('../data/regions.json', import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
console.log(
  `wrote ${Object.keys(provinces).length} provinces, ${Object.keys(regencies).length} regencies, ${Object.keys(districts).length} districts`,
);
