import type { Token } from '../normalise/tokenize.ts';
import { LEXICON, wordSet as words } from './lexicon.ts';

// Written from general knowledge of Indonesian campaign talk (issue 7, 2026-11-29, docs/classifier.md "Nameless
// mobilisation"), not mined from any corpus or from the probe's posts.

/**
 * Words that are themselves about a campaign: the event, the team, the race, the vote. Not `menangkan` (a match is
 * won too) nor `pendukung`/`jagoan` (a football club has them).
 */
const CAMPAIGN = words(
  'kampanye kampanyekan deklarasi timses pemenangan relawan simpatisan pendukung paslon capres cawapres cagub ' +
    'cawagub cabup cawabup cawalkot cawawali pilkada pemilu pilpres pilgub pilbup pilwalkot pilwali coblos ' +
    'nyoblos coblosan contreng',
);
/**
 * Gathering and logistics of getting people somewhere or collecting their data: meeting points, transport,
 * processions, give-aways, the team's shirt, ID copies. None says "election" on its own (a school's jalan sehat,
 * a wedding bus), so they count only inside a campaign frame.
 */
const LOGISTICS = words(
  'kumpul berkumpul ngumpul bus bis truk truck angkot elf konvoi rombongan berangkat jemput dijemput senam ' +
    'doorprize doorprice hadiah kupon kaos kaus seragam atribut bendera fotokopi fotocopy fc ktp setor ' +
    'setorkan kumpulkan hadir hadiri hadirilah datang ramaikan meriahkan ikut ikuti menangkan memenangkan',
);
/** Two-word forms whose halves are ordinary words (`jalan` alone is a road): `jalan sehat`, `all out`. */
const LOGISTICS_PAIRS = new Set(
  [
    'jalan sehat',
    'gerak jalan',
    'titik kumpul',
    'all out',
    'arak arakan',
    'iring iringan',
    'door prize',
    'kartu keluarga',
  ].map((p) => [...words(p)].join(' ')),
);
/** The author inviting, instructing or committing people (own voice, not a report of someone else's call). */
const INVITE = words(
  'ayo ayok yuk yok mari hayu hayuk ajak ajaklah wajib harus harap diharap diharapkan mohon siap siapkan bawa ' +
    'pakai ditunggu gas kuy',
);
/**
 * A prohibition or a neutrality notice (`ASN dilarang ikut kampanye`), a refusal reported (`saya tolak dan saya
 * laporkan`), and the civic side of voting day (`datang ke TPS`, `cek DPT`, election logistics): encouraging people
 * to vote at all is neutral under the guideline.
 */
const NOT_A_CALL = words(
  'dilarang larangan melarang netral netralitas sanksi bawaslu panwas panwaslu pelanggaran lapor laporkan ' +
    'dilaporkan tolak menolak tps kpps pps ppk dpt golput pemilih logistik petugas kpu pendataan formulir',
);
const NEGATION = words('jangan tidak tak bukan gak nggak ga ndak ojo usah');
/** `kampanye damai`, `deklarasi damai`, `pemilu damai`: the election body's peace ceremony, not one side's rally. */
const PEACE = words('damai');
const PEACE_AFTER = words('kampanye deklarasi pemilu pilkada');
const JANGAN = words('jangan');
const LUPA = words('lupa');
/** How close (tokens) the invitation and the gathering must be: one call, not two sentences of a story. */
const WINDOW = 8;
/** Verbs of a report about someone else's call (`ketua partai menginstruksikan kader …`). */
const REPORT = new Set([
  ...LEXICON.reporting,
  ...words('instruksikan menginstruksikan diinstruksikan meminta diminta menargetkan ditargetkan memadati dipadati'),
]);

/** Roles of a word in the rule below, one lookup per token (most words have none). */
const STOP = 1;
const INVITES = 2;
const GATHERS = 4;
const CAMPAIGNS = 8;
const PAIR_FIRST = 16;
const ROLE = new Map<string, number>();
const give = (keys: Iterable<string>, role: number) => {
  for (const k of keys) ROLE.set(k, (ROLE.get(k) ?? 0) | role);
};
give(NOT_A_CALL, STOP);
give(REPORT, STOP);
give(INVITE, INVITES);
give(LOGISTICS, GATHERS);
give(CAMPAIGN, CAMPAIGNS);
give(
  [...LOGISTICS_PAIRS].map((p) => p.split(' ')[0]!),
  PAIR_FIRST,
);
give(LUPA, PAIR_FIRST);
give(PEACE, PAIR_FIRST);

/** Whether the tokens speak of the campaign itself (a parent post's frame is read with this too). */
export function campaignWords(tokens: readonly Token[]): boolean {
  for (const t of tokens) if (t.kind === 'word' && CAMPAIGN.has(t.key)) return true;
  return false;
}

/**
 * Mobilisation without a name (issue 7): the author invites or instructs people (`ayo`, `wajib`, `siap`, `ajak`)
 * to a gathering, onto transport or to hand in ID copies (`kumpul`, `bus`, `konvoi`, `fotokopi KTP`, `menangkan`,
 * `all out`), inside a campaign frame: a campaign word (`kampanye akbar`, `relawan`, `Pilbup`), or, asked only when
 * the call is there, `otherFrame` (registry evidence in the post, or a parent post about the race). Without the frame
 * the same words invite to a school walk or a wedding, so they are not enough. A prohibition (`dilarang ikut
 * kampanye`), a negated call (`jangan ikut`), a reporting verb or a link (a news report of a rally) keeps the post
 * in the model's hands.
 */
export function campaignMobilisation(tokens: readonly Token[], otherFrame: () => boolean): boolean {
  let lastInvite = Number.NEGATIVE_INFINITY;
  let lastLogistics = Number.NEGATIVE_INFINITY;
  let call = false;
  let campaign = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'url') return false;
    if (t.kind !== 'word') continue;
    const k = t.key;
    const role = ROLE.get(k);
    if (role === undefined) continue;
    if (role & STOP) return false;
    const prev = i > 0 ? tokens[i - 1]!.key : '';
    let gathers = (role & GATHERS) !== 0;
    if (role & PAIR_FIRST) {
      if (PEACE.has(k) && PEACE_AFTER.has(prev)) return false;
      // `jangan lupa` invites (`jangan` alone does not).
      if (LUPA.has(k) && JANGAN.has(prev)) lastInvite = i;
      const next = tokens[i + 1];
      if (next?.kind === 'word' && LOGISTICS_PAIRS.has(`${k} ${next.key}`)) gathers = true;
    }
    if (role & INVITES && !NEGATION.has(prev)) lastInvite = i;
    if (gathers) {
      // `jangan ikut konvoi`, `tidak hadir`: the opposite of a call.
      if (NEGATION.has(prev)) return false;
      lastLogistics = i;
    }
    if (role & CAMPAIGNS) campaign = true;
    if (Math.abs(lastInvite - lastLogistics) <= WINDOW) call = true;
  }
  return call && (campaign || otherFrame());
}

/**
 * A hand gesture (☝️, ✌️) beside a word of agreement (`☝️ betul`, `setuju ☝️`: "this, right", pointing at what was
 * said) is the post's strongest pointer at a ballot number, and nothing in it or around it says "election" (no
 * registry mention, no vote or election word, no parent post): the guideline's false alarm on gestures outside an
 * election frame. A gesture with nothing beside it (`☝️💛 gas`) is left to the model: campaign posts do that.
 */
export function gestureOutsideElection(input: {
  /** Token positions of the gestures read as ballot numbers; empty when a stronger number form is present. */
  gestures: readonly number[];
  mentions: number;
  electionContext: boolean;
  tokens: readonly Token[];
}): boolean {
  const { gestures, tokens } = input;
  if (gestures.length === 0 || input.mentions > 0 || input.electionContext || campaignWords(tokens)) return false;
  const agrees = (i: number) => tokens[i]?.kind === 'word' && LEXICON.agree.has(tokens[i]!.key);
  return gestures.every((g) => agrees(g - 1) || agrees(g + 1));
}
