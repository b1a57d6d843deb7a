import { type CandidateRef, type Contest, candidateRef, isEmptyBox, type Registry } from '@netra/core';
import { fold } from '../normalise/fold.ts';
import { standardise } from '../normalise/slang.ts';
import { tokenize } from '../normalise/tokenize.ts';
import { type AddressGender, titleGender } from './address-gender.ts';
import { type ContestWindow, contestWindow } from './contest-window.ts';
import { isDictionaryWord } from './dictionary.ts';
import { deletes } from './fuzzy.ts';

export type MatchKind =
  | 'name'
  | 'alias'
  | 'namepart'
  | 'namepart_weak'
  | 'namepart_word'
  | 'slogan'
  | 'jargon'
  | 'party'
  | 'hashtag';

export interface Pattern {
  keys: string[];
  kind: MatchKind;
  refs: CandidateRef[];
}

export interface CompiledCandidate {
  ref: CandidateRef;
  contestId: string;
  number: number;
  emptyBox: boolean;
  label: string;
  handles: string[];
  /**
   * Genders the registry's aliases give the ticket's people through a form of address (`Bu Airin` → female,
   * `Pak Ade` → male); empty when no alias has a gendered title. Lets a reply's bare `bu`/`pak` find its addressee.
   */
  genders: ReadonlySet<AddressGender>;
}

export interface CompiledContest {
  id: string;
  kind: Contest['kind'];
  regionCode: string;
  /** ISO date of the vote. */
  electionDate: string;
  /** When the contest counts as running; a dated post prefers it among contests it names as strongly. */
  window: ContestWindow;
  /** Place words of the contest: from its region name and the place half of its hashtags (`#TubaJoss` → tuba). */
  places: Set<string>;
  candidates: CompiledCandidate[];
  byNumber: Map<number, CompiledCandidate>;
}

/** A registry turned into lookup tables once; reuse it for every post (it is immutable). */
export interface CompiledRegistry {
  contests: CompiledContest[];
  byId: Map<string, CompiledContest>;
  candidates: Map<CandidateRef, CompiledCandidate>;
  /** Patterns by their first key. */
  patterns: Map<string, Pattern[]>;
  hashtags: Map<string, Pattern>;
  /** Distinctive name parts and jargon (≥4 letters) that may appear inside a free hashtag (`#TrisMenang`). */
  hashtagParts: { key: string; kind: MatchKind; refs: CandidateRef[] }[];
  /** Symmetric-delete index of distinctive name parts for one-typo matching (`Bambnag`, `Yusup`). */
  fuzzy: Map<string, Set<string>>;
  fuzzyTargets: Map<string, Pattern>;
  /** Candidates by official account handle (folded, without @). */
  handles: Map<string, CandidateRef>;
  /**
   * Short forms of candidates' name words, read only after a form of address (`Pak Prab`, `om Bowo`, `pa Ade`):
   * each distinctive name word's beginnings and endings of ≥ 4 letters that are no ordinary word, and every name
   * word itself. A form
   * shared by two candidates of one contest is dropped (see `nicknameIndex`).
   */
  nicknames: Map<string, CandidateRef[]>;
}

const HONORIFICS = new Set(
  [
    'pak',
    'bu',
    'bang',
    'mas',
    'kang',
    'pakde',
    'bude',
    'ustadz',
    'ustad',
    'datuk',
    'mbak',
    'kak',
    'cak',
    'uda',
    'om',
    'abah',
    'haji',
    'hj',
    'h',
    'dr',
    'ir',
    'teh',
    'aa',
    'uni',
    'mamak',
    'wak',
    'gus',
    'kyai',
    'kh',
    'ning',
    // Regional titles and forms of address: Bugis/Makassar (puang, daeng, karaeng, andi), Sasak (lalu, baiq,
    // mamiq, amaq, inaq, tgh = tuan guru haji), Banjar/Kutai (acil, julak), Javanese/Sundanese (mbak, den,
    // raden, gus, nyai), Aceh/Malay (teuku, tengku, cut, datuk), Batak (ompung), religious (buya, habib).
    'puang',
    'daeng',
    'karaeng',
    'andi',
    'lalu',
    'baiq',
    'mamiq',
    'amaq',
    'inaq',
    'tuan',
    'guru',
    'tgh',
    'tgkh',
    'tg',
    'acil',
    'julak',
    'raden',
    'den',
    'nyai',
    'teuku',
    'tengku',
    'cut',
    'ompung',
    'opung',
    'buya',
    'habib',
    'ustazah',
    'ustadzah',
    'kiai',
    'kiyai',
    'bung',
    'bli',
    'mbok',
    'cik',
    'encik',
    'etek',
    'engku',
  ].map((w) => standardise(fold(w))),
);

/** Ordinary words that also occur in candidate names; a match on them alone is weak evidence. */
const COMMON = new Set(
  [
    'kotak',
    'kosong',
    'kolom',
    'sari',
    'putri',
    'raya',
    'dewi',
    'sri',
    'lestari',
    'hati',
    'bersama',
    'ahmad',
    'muhammad',
    'nur',
    'nurul',
    'rahma',
    'rahman',
    'box',
    'blank',
    'maju',
    'baru',
    'harapan',
    'eka',
    'agus',
    'ratna',
    'wahyu',
    'putra',
    'indah',
    'ayu',
    'budi',
    'rini',
    'dedi',
    'fitri',
    'yuli',
    'hasan',
    'joko',
    'anisa',
    'sama',
    'untuk',
    'dan',
  ].map((w) => standardise(fold(w))),
);

const PLACE_STOP = new Set([
  'kabupaten',
  'kab',
  'kota',
  'provinsi',
  'prov',
  'timur',
  'barat',
  'utara',
  'selatan',
  'tengah',
]);

/**
 * How strongly a single name word identifies a candidate: ordinary words (`Sari`, `Kotak`) and very short ones
 * are weak; a name that is also an Indonesian root word (`Bagus`, `Citra`, `Lancar`, `Tegar`) counts as a name only
 * when written capitalised in the post (decided by the feature layer); anything else is a distinctive name part.
 */
function namepartKind<K extends MatchKind>(k: string, otherwise: K): K | 'namepart_weak' | 'namepart_word' {
  if (COMMON.has(k) || k.length < 3) return 'namepart_weak';
  if (isDictionaryWord(k)) return 'namepart_word';
  return otherwise;
}

/** `AndiRahma` → [andi, rahma]; `TGHZul` → [] (only simple capitalised words). */
function camelWords(body: string): string[] {
  const parts = body.match(/\p{Lu}\p{Ll}+/gu) ?? [];
  return parts.join('') === body ? parts.map((w) => standardise(fold(w))) : [];
}

function keysOf(phrase: string): string[] {
  return tokenize(phrase)
    .filter((t) => t.kind === 'word')
    .map((t) => t.key);
}

/** Compiles a registry into matchers. Pure; the result can be cached per registry and shared. */
export function compileRegistry(registry: Registry): CompiledRegistry {
  const compiled: CompiledRegistry = {
    contests: [],
    byId: new Map(),
    candidates: new Map(),
    patterns: new Map(),
    hashtags: new Map(),
    hashtagParts: [],
    fuzzy: new Map(),
    fuzzyTargets: new Map(),
    handles: new Map(),
    nicknames: new Map(),
  };
  const patternIndex = new Map<string, Pattern>();
  const add = (keys: string[], kind: MatchKind, ref: CandidateRef) => {
    if (keys.length === 0) return;
    const id = `${kind}|${keys.join(' ')}`;
    let p = patternIndex.get(id);
    if (!p) {
      p = { keys, kind, refs: [] };
      patternIndex.set(id, p);
      const list = compiled.patterns.get(keys[0]!) ?? [];
      list.push(p);
      compiled.patterns.set(keys[0]!, list);
    }
    if (!p.refs.includes(ref)) p.refs.push(ref);
  };
  const parts = new Map<string, { kind: MatchKind; refs: CandidateRef[] }>();
  const addPart = (id: string, kind: MatchKind, ref: CandidateRef) => {
    const entry = parts.get(id) ?? { kind, refs: [] };
    if (!entry.refs.includes(ref)) entry.refs.push(ref);
    parts.set(id, entry);
  };

  for (const contest of registry.contests) {
    const places = new Set(keysOf(contest.region.name).filter((k) => !PLACE_STOP.has(k) && k.length >= 3));
    const cc: CompiledContest = {
      id: contest.id,
      kind: contest.kind,
      regionCode: contest.region.code,
      electionDate: contest.electionDate,
      window: contestWindow(contest),
      places,
      candidates: [],
      byNumber: new Map(),
    };
    for (const cand of contest.candidates) {
      const ref = candidateRef(contest.id, cand.number);
      const info: CompiledCandidate = {
        ref,
        contestId: contest.id,
        number: cand.number,
        emptyBox: isEmptyBox(cand),
        label: cand.names.join(' – '),
        handles: cand.officialAccounts.map((a) => fold(a.handle.replace(/^@/, ''))),
        genders: aliasGenders(cand.aliases),
      };
      for (const h of info.handles) compiled.handles.set(h, ref);
      cc.candidates.push(info);
      cc.byNumber.set(cand.number, info);
      compiled.candidates.set(ref, info);

      const nameLike: string[][] = [];
      const nameWords = new Set([...cand.names, ...cand.aliases].flatMap((n) => keysOf(n)));
      for (const name of cand.names) {
        const keys = keysOf(name);
        if (keys.length > 1) add(keys, 'name', ref);
        nameLike.push(keys);
      }
      // The empty box goes by several names whichever one the registry lists (`kolom kosong` on the KPU ballot,
      // `kokos`, Javanese `bumbung kosong`): a registry naming only `Kotak Kosong` must still hear the others.
      // Whole phrases only: their words alone (`box`, `bumbung`) name nothing.
      if (info.emptyBox) {
        const listed = new Set([...cand.names, ...cand.aliases].map((n) => keysOf(n).join(' ')));
        for (const alias of EMPTY_BOX_ALIASES) {
          const keys = keysOf(alias);
          if (!listed.has(keys.join(' ')))
            add(keys, keys.length === 1 ? namepartKind(keys[0]!, 'alias') : 'alias', ref);
        }
      }
      for (const alias of cand.aliases) {
        const keys = keysOf(alias);
        add(keys, keys.length === 1 ? namepartKind(keys[0]!, 'alias') : 'alias', ref);
        nameLike.push(keys);
      }
      for (const keys of nameLike) {
        for (const k of keys) {
          if (HONORIFICS.has(k) || /^\d+$/.test(k)) continue;
          const kind = namepartKind(k, 'namepart');
          add([k], kind, ref);
          if (kind !== 'namepart_weak' && k.length >= 4) addPart(`namepart|${k}`, 'namepart', ref);
        }
      }
      const jargonKeys = new Set<string>();
      for (const j of cand.jargon) {
        const keys = keysOf(j);
        add(keys, 'jargon', ref);
        for (const k of keys) jargonKeys.add(k);
        const joined = keys.join('');
        if (joined.length >= 4) addPart(`jargon|${joined}`, 'jargon', ref);
      }
      for (const s of cand.slogans) {
        const keys = keysOf(s);
        if (keys.length >= 2) add(keys, 'slogan', ref);
      }
      for (const p of cand.parties) for (const keys of partyForms(p)) add(keys, 'party', ref);
      for (const h of cand.hashtags) {
        const body = fold(h.replace(/^#/, ''));
        const existing = compiled.hashtags.get(body);
        if (existing) existing.refs.push(ref);
        else compiled.hashtags.set(body, { keys: [body], kind: 'hashtag', refs: [ref] });
        for (const j of jargonKeys) {
          if (body.length > j.length + 2 && body.endsWith(j)) places.add(body.slice(0, body.length - j.length));
        }
        // A camel-case hashtag made of the pair's own name words (`#AndiRahma`, `#WicakLaras`) gives the pair's
        // nickname as written in posts: `Andi-Rahma`, `wicak laras`.
        const words = camelWords(h.replace(/^#/, ''));
        if (words.length === 2 && words.every((w) => nameWords.has(w))) add(words, 'alias', ref);
      }
      for (const k of new Set(cand.names.flatMap((n) => keysOf(n)))) {
        if (HONORIFICS.has(k) || /\d/.test(k)) continue;
        const forms = new Set([k]);
        if (k.length >= 5 && namepartKind(k, 'namepart') === 'namepart') {
          // Shortened forms that are words (or other common names' beginnings, `Ani`) would name strangers.
          for (let n = 4; n < k.length; n++) {
            for (const f of [k.slice(0, n), k.slice(k.length - n)])
              if (!isDictionaryWord(f) && !COMMON.has(f)) forms.add(f);
          }
        }
        for (const f of forms) {
          const list = compiled.nicknames.get(f) ?? [];
          if (!list.includes(ref)) list.push(ref);
          compiled.nicknames.set(f, list);
        }
      }
      // The two first names joined (`Rusdi–Ayu` for Rusdi Effendi and Ayu Kartika).
      const firsts = cand.names.map((n) => keysOf(n).find((k) => !HONORIFICS.has(k)) ?? '');
      if (firsts.length === 2 && firsts.every((k) => k.length >= 3)) add(firsts, 'alias', ref);
    }
    compiled.contests.push(cc);
    compiled.byId.set(cc.id, cc);
  }
  for (const [id, v] of parts) compiled.hashtagParts.push({ key: id.split('|')[1]!, kind: v.kind, refs: v.refs });
  for (const list of compiled.patterns.values()) {
    for (const p of list) {
      if ((p.kind !== 'namepart' && p.kind !== 'namepart_word') || p.keys[0]!.length < 5) continue;
      const target = p.keys[0]!;
      compiled.fuzzyTargets.set(target, p);
      for (const d of [target, ...deletes(target)]) {
        const set = compiled.fuzzy.get(d) ?? new Set<string>();
        set.add(target);
        compiled.fuzzy.set(d, set);
      }
    }
    list.sort((a, b) => b.keys.length - a.keys.length);
  }
  return compiled;
}

/** Other names of the empty box, added to whatever the registry lists (see `compileRegistry`). */
export const EMPTY_BOX_ALIASES = ['kotak kosong', 'kolom kosong', 'kokos', 'blank box', 'bumbung kosong'];

/**
 * Short names of the national parties whose full names a registry may list instead (`Partai Golongan Karya` is
 * `Golkar` in posts). Their initials would not give these; most other parties go by their initials (`PKB`, `PKS`).
 */
const PARTY_SHORT_NAMES: Record<string, string> = {
  'partai gerakan indonesia raya': 'gerindra',
  'partai golongan karya': 'golkar',
  'partai hati nurani rakyat': 'hanura',
  'partai nasional demokrat': 'nasdem',
  'partai persatuan indonesia': 'perindo',
  'partai gelombang rakyat indonesia': 'gelora',
  'partai garda republik indonesia': 'garuda',
  'partai demokrasi indonesia perjuangan': 'pdip',
  'pdi perjuangan': 'pdip',
  'partai berkarya': 'berkarya',
};

/**
 * The forms a post may use for a party the registry lists: the listed name; for `Partai …` also the name without
 * `Partai` (`Partai Karya Tani` → `Karya Tani`; a lone ordinary word such as `Partai Buruh` → `buruh` is left
 * out), its initials (`PKT`, when three letters or more and not a word) and the short name of a national party
 * listed in full (`Partai Golongan Karya` → `golkar`). Registries that list parties by their short names (ours)
 * get exactly what they had.
 */
export function partyForms(party: string): string[][] {
  const keys = keysOf(party);
  const out = [keys];
  const joined = keys.join(' ');
  const short = PARTY_SHORT_NAMES[joined];
  if (short) out.push([short]);
  if (keys.length < 2 || keys[0] !== 'partai') return out;
  const rest = keys.slice(1);
  if (rest.length > 1 || !(isDictionaryWord(rest[0]!) || COMMON.has(rest[0]!) || rest[0]!.length < 4)) out.push(rest);
  const initials = keys.map((k) => k[0]).join('');
  if (initials.length >= 3 && !isDictionaryWord(initials) && initials !== short) out.push([initials]);
  return out;
}

/** The genders that the titles in front of aliases say (`Bu Airin`, `Pak Ade` → female and male). */
function aliasGenders(aliases: readonly string[]): ReadonlySet<AddressGender> {
  const out = new Set<AddressGender>();
  for (const alias of aliases) {
    const keys = keysOf(alias);
    const g = keys.length >= 2 ? titleGender(keys[0]!) : null;
    if (g) out.add(g);
  }
  return out;
}

/** A form of address before a name (`pak`, `bu`, `mas`, regional titles); `pa` and `si` count for nicknames. */
export function isAddress(key: string): boolean {
  return HONORIFICS.has(key) || key === 'pa' || key === 'si' || key === 'bung' || key === 'mba' || key === 'ibu';
}

/** The contests a post's author votes in (regency/city contest plus the province's), compiled. */
export function contestsOf(compiled: CompiledRegistry, region: string | undefined): CompiledContest[] {
  if (!region) return compiled.contests;
  return compiled.contests.filter(
    (c) => c.regionCode === '00' || region === c.regionCode || region.startsWith(`${c.regionCode}.`),
  );
}
