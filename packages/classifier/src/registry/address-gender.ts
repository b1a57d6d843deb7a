import { fold } from '../normalise/fold.ts';
import { standardise } from '../normalise/slang.ts';

export type AddressGender = 'female' | 'male';

const key = (w: string) => standardise(fold(w));

/**
 * Forms of address that say the person's gender (Indonesian and regional): `Bu Airin`, `Teh Rina`, `Hj.` (hajah),
 * `Baiq`, `Mama` are women; `Pak`, `Kang`, `Bli`, `H.` (haji), `Lalu`, `Amang` men. Neutral ones (`kak`, `daeng`,
 * `puang`, `ompung`) are not listed. Read from registry aliases, so a candidate's gender comes from how the
 * registry writes their name, not from a list of people.
 */
const TITLES = new Map<string, AddressGender>([
  ...[
    'bu',
    'ibu',
    'buk',
    'mbak',
    'mba',
    'teh',
    'ceu',
    'bude',
    'hj',
    'hjh',
    'nyai',
    'ning',
    'cut',
    'baiq',
    'inaq',
    'uni',
    'mama',
    'ustazah',
    'ustadzah',
  ].map((w) => [key(w), 'female'] as const),
  ...[
    'pak',
    'bapak',
    'pa',
    'bapa',
    'mas',
    'bang',
    'abang',
    'kang',
    'om',
    'cak',
    'gus',
    'pakde',
    'bli',
    'abah',
    'kyai',
    'kiai',
    'yai',
    'h',
    'haji',
    'lalu',
    'mamiq',
    'amaq',
    'teuku',
    'amang',
    'ampon',
    'abu',
    'lora',
    'datuk',
    'tuan',
    'tgh',
    'ustadz',
    'ustad',
    'raden',
  ].map((w) => [key(w), 'male'] as const),
]);

/** The gender a title says (`bu` → female, `pak` → male), or null (neutral or no title). */
export function titleGender(k: string): AddressGender | null {
  return TITLES.get(k) ?? null;
}

/**
 * Words a reply uses to address someone on their own (`Setuju bu`, `Keren pak`). Narrower than the titles: `teh` is
 * also a Sundanese particle and `h`/`hj` are abbreviations, so they are titles only inside an alias.
 */
export const VOCATIVES = new Map<string, AddressGender>(
  [
    ...['bu', 'buk', 'mbak', 'mba', 'ceu', 'bude'].map((w) => [key(w), 'female'] as const),
    ...['pak', 'pa', 'mas', 'bang', 'abang', 'kang', 'om', 'cak', 'gus', 'pakde', 'bli'].map(
      (w) => [key(w), 'male'] as const,
    ),
  ].filter(([k]) => k.length > 0),
);

/** Words after `ibu`/`bapak` that make a compound, not an address (`ibu kota`, `ibu rumah tangga`, `bapak ibu`). */
export const NOT_ADDRESS_AFTER = new Set(
  ['kota', 'negara', 'pertiwi', 'rumah', 'hamil', 'kandung', 'tiri', 'mertua', 'bu', 'pak', 'ibu', 'bapak'].map(key),
);
