/**
 * Writes data/corpus/image-text.jsonl: synthetic posts whose endorsement (or its absence) sits in the text of
 * their images — campaign posters, twibbon frames, chat screenshots — and hard negatives whose images carry
 * names and numbers without support (KPU notices, menus, school banners, neutrality posters, news cards).
 * All text is written here from templates over the training registry (data/corpus-extra/train-elections.json),
 * never the contests the OCR test set uses, and is shaped like OCR output: upper case, one line per line of the
 * image, sometimes a dropped or broken word. Deterministic (seeded); the JSONL is what training reads.
 * Usage (repo root): node --no-warnings packages/classifier/scripts/image-text-corpus.ts
 */
import { writeFileSync } from 'node:fs';
import { isEmptyBox, type Registry } from '@netra/core';
import { CORPUS_DIR, EXTRA_TRAINING_REGISTRY_FILE, readRegistry } from '../src/index.ts';
import { mulberry32 } from '../src/model/logistic.ts';

const rand = mulberry32(20261129);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
const chance = (p: number) => rand() < p;
const registry: Registry = readRegistry(EXTRA_TRAINING_REGISTRY_FILE);
type Contest = Registry['contests'][number];
type Candidate = Contest['candidates'][number];

const OFFICE: Record<string, [string, string]> = {
  gubernur: ['CALON GUBERNUR', 'WAKIL GUBERNUR'],
  bupati: ['CALON BUPATI', 'WAKIL BUPATI'],
  walikota: ['CALON WALIKOTA', 'WAKIL WALIKOTA'],
};
const office = (c: Contest) => OFFICE[c.kind] ?? ['CALON KEPALA DAERAH', 'WAKIL KEPALA DAERAH'];
const place = (c: Contest) => c.region.name.replace(/^(Provinsi|Kabupaten|Kota)\s+/i, '').toUpperCase();
const real = (c: Contest) => c.candidates.filter((x) => !isEmptyBox(x));
const up = (s: string) => s.toUpperCase();
const two = (n: number) => String(n).padStart(2, '0');
const pair = (x: Candidate) => x.names.map(up).join(pick([' - ', ' & ', '\n']));

/** OCR-shaped noise: a line dropped now and then, a word cut in two, stray marks. */
function ocrNoise(text: string): string {
  const lines = text.split('\n').filter((l) => l.trim());
  const kept = lines.filter((_, i) => i === 0 || lines.length < 3 || !chance(0.12));
  return kept
    .map((l) => {
      if (chance(0.08)) l = `${l} ${pick(['|', '—', '.', ';'])}`;
      if (chance(0.06)) {
        const at = l.indexOf(' ');
        if (at > 3) l = `${l.slice(0, at - 2)} ${l.slice(at - 2)}`;
      }
      return l;
    })
    .join('\n');
}

const CAPTIONS_NEUTRAL = [
  '',
  '',
  '',
  '',
  'Selamat pagi',
  'Info',
  'Lihat gambar',
  'Bismillah',
  'Repost',
  '🙏',
  'Semangat pagi',
];

interface Line {
  id: string;
  platform: string;
  kind: string;
  region: string;
  text: string;
  imageText: string[];
  label: 'endorse' | 'neutral';
  candidate: string | null;
  stance: 'pro' | 'contra' | null;
  difficulty: string;
  rationale: string;
}

const out: Line[] = [];
let n = 0;
const add = (
  c: Contest,
  images: string[],
  label: Line['label'],
  cand: Candidate | null,
  rationale: string,
  caption = pick(CAPTIONS_NEUTRAL),
  stance: Line['stance'] = label === 'endorse' ? 'pro' : null,
) => {
  n++;
  out.push({
    id: `img-${String(n).padStart(4, '0')}`,
    platform: pick(['facebook', 'instagram', 'x', 'tiktok', 'telegram']),
    kind: caption ? pick(['post', 'post', 'caption', 'share']) : pick(['post', 'caption']),
    region: c.region.code,
    text: caption,
    imageText: images.map(ocrNoise),
    label,
    candidate: label === 'endorse' && cand ? `${c.id}#${cand.number}` : null,
    stance: label === 'endorse' ? stance : null,
    difficulty: 'image',
    rationale,
  });
};

const posters: ((c: Contest, x: Candidate) => string)[] = [
  (c, x) =>
    `${pair(x)}\n${office(c)[0]} DAN ${office(c)[1]}\n${place(c)} 2024\nCOBLOS NOMOR ${x.number}\n${up(x.slogans[0] ?? '')}`,
  (_c, x) => `PILIH NOMOR ${x.number}\n${up(x.aliases[0] ?? x.names[0]!)}\n${up(x.jargon[0] ?? '')}!`,
  (_c, x) => `${x.hashtags[0] ?? ''}\n${up(x.slogans[0] ?? '')}\n${two(x.number)}\n${pair(x)}`,
  (_c, x) => `COBLOS\n${x.number}\n${up(x.names[0]!)}\n${up(x.names[1] ?? '')}\n27 NOVEMBER 2024`,
  (_c, x) => `AYO MENANGKAN\n${pair(x)}\nNOMOR URUT ${two(x.number)}\n${x.hashtags[1] ?? x.hashtags[0] ?? ''}`,
  (c, x) =>
    `${up(x.jargon[0] ?? '')} ${up(x.jargon[0] ?? '')}\n${up(x.aliases[1] ?? x.names[0]!)} NO ${x.number}\nUNTUK ${place(c)} LEBIH BAIK`,
  (_c, x) => `MARI BERSAMA\nMENANGKAN PASLON ${x.number}\n${up(x.slogans[0] ?? '')}`,
];
const twibbons: ((c: Contest, x: Candidate) => string)[] = [
  (_, x) => `SAYA DUKUNG PASLON ${two(x.number)}\n${x.hashtags[0] ?? ''}`,
  (_, x) => `SAYA PILIH ${up(x.aliases[0] ?? x.names[0]!)}\n${x.hashtags[1] ?? x.hashtags[0] ?? ''}`,
  (_, x) => `RELAWAN ${up(x.jargon[0] ?? '')}\nSIAP MENANGKAN NOMOR ${x.number}`,
  (_, x) => `${x.hashtags[0] ?? ''}\nKAMI BERSAMA ${up(x.names[0]!.split(' ')[0]!)}`,
  (_, x) => `PENDUKUNG SETIA\n${pair(x)}\n${x.number}`,
];
const chats: ((c: Contest, x: Candidate) => string)[] = [
  (_, x) => `Grup Keluarga Besar\nBapak ibu jangan lupa tgl 27 coblos no ${x.number} ya\n07.45\nSiap pak\n07.46`,
  (_, x) => `Bu Rina\nTemen2 ayo dukung ${x.aliases[0] ?? x.names[0]} nomor ${x.number}, orangnya baik\n19.02`,
  (_c, x) =>
    `Info Kantor\nRekan2 besok pakai baju ${pick(['putih', 'merah', 'biru'])} buat acara ${x.aliases[0] ?? x.names[0]}, kita menangkan ${x.number}\n21.10`,
  (_, x) => `Pak RT\nWarga semua pilih ${x.names[0]} ya, sudah terbukti kerjanya ${x.hashtags[0] ?? ''}\n16.30`,
  (_, x) =>
    `Admin grup\nyg belum dapat kaos ${up(x.jargon[0] ?? '')} japri saya, kumpul di posko nomor ${x.number}\n10.11`,
];
const contraPosters: ((c: Contest, x: Candidate) => string)[] = [
  (_, x) => `JANGAN PILIH\n${up(x.aliases[0] ?? x.names[0]!)}\nJANJI PALSU`,
  (_, x) => `TOLAK PASLON ${x.number}\n${up(x.names[0]!)} GAGAL`,
];

// Hard negatives: names, numbers and election words in images that support nobody.
const kpu: ((c: Contest) => string)[] = [
  (c) =>
    `PENGUMUMAN\nKPU ${c.region.name.toUpperCase()}\nDEBAT PUBLIK ${office(c)[0]} DAN ${office(c)[1]}\n` +
    real(c)
      .map((x) => `NOMOR URUT ${x.number} ${x.names.map(up).join(' - ')}`)
      .join('\n') +
    `\nRABU 13 NOVEMBER 2024 PUKUL 19.00 WIB`,
  (c) => `AYO KE TPS\nRABU 27 NOVEMBER 2024\nGUNAKAN HAK PILIHMU\nKPU ${place(c)}`,
  (c) =>
    `DAFTAR PASANGAN CALON\nPEMILIHAN ${office(c)[0].replace('CALON ', '')} ${place(c)} 2024\n` +
    c.candidates.map((x) => `${x.number}. ${x.names.map(up).join(' DAN ')}`).join('\n'),
  (_c) =>
    `TPS ${1 + Math.floor(rand() * 30)}\nDESA ${pick(['SUKAMAJU', 'MEKARSARI', 'TANJUNG'])}\nDPT 287 PEMILIH\nKPPS SIAP MELAYANI`,
  (c) => `SIMULASI PEMUNGUTAN SUARA\nKPU ${place(c)}\nPETUGAS KPPS WAJIB HADIR PUKUL 07.00`,
];
const neutrality: ((c: Contest) => string)[] = [
  (c) => `ASN NETRAL\nTIDAK BERPIHAK\nBAWASLU ${place(c)}`,
  () => `ASN DILARANG\nLIKE, KOMEN, SHARE\nPOSTINGAN KAMPANYE\nJAGA NETRALITAS`,
  (c) => `TOLAK POLITIK UANG\nTOLAK POLITISASI SARA\nPILKADA ${place(c)} DAMAI 2024`,
];
const menus: (() => string)[] = [
  () => `MENU HARI INI\n1. NASI GORENG 15.000\n2. MIE AYAM 12.000\n3. ES TEH 5.000\nPAKET HEMAT NO 2`,
  () => `WARUNG BU ${pick(['SRI', 'IDA', 'NUR'])}\nPAKET 1 NASI + AYAM 20RB\nPAKET 2 NASI + IKAN 18RB\nPILIH PAKETMU!`,
  () => `PROMO AKHIR BULAN\nBELI 2 GRATIS 1\nCOBLOS KUPONNYA DI KASIR`,
  () => `KOPI NOMOR ${pick(['1', '2', '3'])}\nBUKA 07.00 - 22.00\nDUKUNG UMKM LOKAL`,
];
const school: ((c: Contest) => string)[] = [
  (c) =>
    `SD NEGERI ${1 + Math.floor(rand() * 9)} ${place(c)}\nSELAMAT DATANG PESERTA DIDIK BARU\nTAHUN AJARAN 2024/2025`,
  () => `SELAMAT & SUKSES\nJUARA ${pick(['1', '2', '3'])} LOMBA CERDAS CERMAT\nTINGKAT KABUPATEN`,
  (_c) => `SMP NEGERI ${2 + Math.floor(rand() * 5)}\nPORSENI 2024\nKELAS 9 NOMOR ${pick(['2', '3'])} LARI ESTAFET`,
  () => `UPACARA HARI GURU NASIONAL\n25 NOVEMBER 2024\nGURU HEBAT INDONESIA KUAT`,
  () => `POSYANDU MAWAR ${pick(['1', '2', '3'])}\nIMUNISASI DAN TIMBANG BALITA\nSETIAP TANGGAL 10`,
];
const news: ((c: Contest, x: Candidate) => string)[] = [
  (c, x) =>
    `PASLON NOMOR URUT ${x.number} ${x.names.map(up).join(' - ')}\nKAMPANYE DI ${place(c)}\nberita${pick(['satu', 'kini', 'daerah'])}.com`,
  (c) =>
    `HASIL HITUNG CEPAT PILKADA ${place(c)}\n` +
    real(c)
      .map((x) => `${x.number}. ${x.names[0]} ${(20 + rand() * 40).toFixed(2)}%`)
      .join('\n') +
    `\nSUMBER: LEMBAGA SURVEI`,
  (_, x) => `${up(x.names[0]!)} TIBA DI KANTOR KPU\nDAFTARKAN DIRI SEBAGAI CALON\nfoto: humas`,
];
const chatNeutral: (() => string)[] = [
  () => `Grup Kantor\nRapat koordinasi besok jam 9 di aula lantai 2\n08.02\nBaik pak\n08.05`,
  () => `Bu Kasi\nBerkas nomor 3 sudah saya kirim ke email ya pak\n14.20`,
  () => `Grup Alumni\nReuni angkatan 2 tanggal 30 jadi ya, iuran 100rb\n20.11`,
  () => `Pak Lurah\nBesok kerja bakti jam 7, bawa cangkul masing2\n17.45`,
  () => `Info Guru\nJadwal piket minggu ke 2: Bu Ani, Pak Dedi\n06.30`,
];

for (const c of registry.contests) {
  for (const x of real(c)) {
    for (const t of posters) add(c, [t(c, x)], 'endorse', x, 'campaign poster: names, number, slogan');
    for (const t of twibbons) add(c, [t(c, x)], 'endorse', x, 'twibbon frame declaring support');
    for (const t of chats) if (chance(0.6)) add(c, [t(c, x)], 'endorse', x, 'chat screenshot calling to vote');
    if (chance(0.5))
      add(c, [pick(contraPosters)(c, x)], 'endorse', x, 'poster against a candidate', pick(CAPTIONS_NEUTRAL), 'contra');
    // Support in the image, a neutral caption next to it.
    if (chance(0.5))
      add(
        c,
        [pick(posters)(c, x)],
        'endorse',
        x,
        'poster under an everyday caption',
        pick(['Mantap', 'Semangat', 'Bismillah menang']),
      );
    for (const t of news) if (chance(0.5)) add(c, [t(c, x)], 'neutral', null, 'news card about a candidate, no stance');
  }
  for (let round = 0; round < 2; round++) {
    for (const t of kpu) add(c, [t(c)], 'neutral', null, 'KPU notice naming every ticket');
    for (const t of neutrality) if (chance(0.7)) add(c, [t(c)], 'neutral', null, 'neutrality campaign poster');
    for (const t of menus) if (chance(0.6)) add(c, [t()], 'neutral', null, 'menu or shop banner with numbers');
    for (const t of school) add(c, [t(c)], 'neutral', null, 'school or public-service banner with numbers');
    for (const t of chatNeutral) if (chance(0.5)) add(c, [t()], 'neutral', null, 'work chat screenshot with numbers');
  }
}

const file = `${CORPUS_DIR}image-text.jsonl`;
writeFileSync(file, `${out.map((l) => JSON.stringify(l)).join('\n')}\n`);
const endorse = out.filter((l) => l.label === 'endorse').length;
console.log(`${file}: ${out.length} posts, ${endorse} endorse, ${out.length - endorse} neutral`);
