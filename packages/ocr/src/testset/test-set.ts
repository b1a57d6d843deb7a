import { isEmptyBox, type Registry } from '@netra/core';
import { esc, FONTS, fakePhoto, PALETTES, page, pickFrom, type Rand, seeded } from './html-kit.ts';

/** A registry term drawn into an image; OCR word recall is measured on these. */
export interface ExpectedTerm {
  kind: 'name' | 'number' | 'slogan' | 'hashtag';
  text: string;
}

/** One image of the OCR test set: the HTML that renders it, the text drawn into it and the post's label. */
export interface TestImage {
  name: string;
  family:
    | 'poster'
    | 'twibbon'
    | 'chat'
    | 'kpu_notice'
    | 'neutrality'
    | 'school'
    | 'menu'
    | 'news_card'
    | 'chat_neutral';
  html: string;
  width: number;
  height: number;
  /** Every line drawn, in reading order. */
  expectedText: string;
  terms: ExpectedTerm[];
  label: 'endorse' | 'neutral';
  candidate: string | null;
  stance: 'pro' | 'contra' | null;
  /** The author's region (selects the contests, as on a real post). */
  region: string;
}

type Contest = Registry['contests'][number];
type Candidate = Contest['candidates'][number];

const OFFICE: Record<string, string> = {
  gubernur: 'CALON GUBERNUR & WAKIL GUBERNUR',
  bupati: 'CALON BUPATI & WAKIL BUPATI',
  walikota: 'CALON WALI KOTA & WAKIL WALI KOTA',
  presiden: 'CALON PRESIDEN & WAKIL PRESIDEN',
};
const place = (c: Contest) => c.region.name.replace(/^(Provinsi|Kabupaten|Kota)\s+/i, '');
const two = (n: number) => String(n).padStart(2, '0');
const up = (s: string) => s.toUpperCase();

function candidateTerms(
  x: Candidate,
  shown: { names?: boolean; number?: boolean; slogan?: boolean; hashtag?: boolean },
) {
  const terms: ExpectedTerm[] = [];
  if (shown.names) for (const n of x.names) terms.push({ kind: 'name', text: n });
  if (shown.number) terms.push({ kind: 'number', text: String(x.number) });
  if (shown.slogan && x.slogans[0]) terms.push({ kind: 'slogan', text: x.slogans[0] });
  if (shown.hashtag && x.hashtags[0]) terms.push({ kind: 'hashtag', text: x.hashtags[0] });
  return terms;
}

interface Style {
  rand: Rand;
  palette: (typeof PALETTES)[number];
  font: (typeof FONTS)[number];
  angle: number;
}

function styleOf(rand: Rand, i: number): Style {
  return {
    rand,
    palette: PALETTES[i % PALETTES.length]!,
    font: FONTS[(i * 3 + Math.floor(rand() * FONTS.length)) % FONTS.length]!,
    // A third of the posters are photographed or designed at an angle (within ±7°).
    angle: rand() < 0.34 ? Math.round((rand() * 14 - 7) * 10) / 10 : 0,
  };
}

const fontCss = (s: Style) => `font-family:${s.font.family};font-weight:${s.font.weight};font-style:${s.font.style}`;

/** Poster layouts: each returns its size, the body HTML and the lines it drew. */
type Layout = (c: Contest, x: Candidate, s: Style) => { width: number; height: number; body: string; lines: string[] };

const banner: Layout = (c, x, s) => {
  const p = s.palette;
  const lines = [
    `${OFFICE[c.kind] ?? 'CALON KEPALA DAERAH'}`,
    up(place(c)),
    up(x.names.join(' - ')),
    'COBLOS',
    String(x.number),
    x.slogans[0] ?? '',
    x.hashtags[0] ?? '',
  ];
  const body = `<div style="position:absolute;inset:0;background:linear-gradient(135deg,${p.bg},${p.bg2})"></div>
<div style="position:absolute;inset:40px;transform:rotate(${s.angle}deg);color:${p.fg};${fontCss(s)};text-align:center">
<div style="font-size:30px;letter-spacing:1px">${esc(lines[0]!)}</div>
<div style="font-size:34px;margin-top:6px">${esc(lines[1]!)}</div>
<div style="font-size:54px;margin-top:36px;color:${p.accent}">${esc(lines[2]!)}</div>
<div style="margin:34px auto 0;width:220px;height:220px;border-radius:50%;background:${p.badge};color:${p.badgeFg};display:flex;flex-direction:column;align-items:center;justify-content:center"><div style="font-size:34px">COBLOS</div><div style="font-size:110px;line-height:1">${x.number}</div></div>
<div style="font-size:40px;margin-top:34px">${esc(lines[5]!)}</div>
<div style="font-size:34px;margin-top:18px;color:${p.accent}">${esc(lines[6]!)}</div></div>`;
  return { width: 1080, height: 1080, body, lines };
};

const split: Layout = (_c, x, s) => {
  const p = s.palette;
  const lines = [
    'NOMOR URUT',
    two(x.number),
    'DUKUNG & MENANGKAN',
    ...x.names.map(up),
    x.slogans[0] ?? '',
    x.hashtags[0] ?? '',
  ];
  const body = `<div style="position:absolute;left:0;top:0;width:420px;height:675px;background:${p.badge};color:${p.badgeFg};${fontCss(s)};display:flex;flex-direction:column;align-items:center;justify-content:center"><div style="font-size:40px">NOMOR URUT</div><div style="font-size:230px;line-height:1">${two(x.number)}</div></div>
<div style="position:absolute;left:420px;top:0;right:0;bottom:0;background:${p.bg};color:${p.fg};${fontCss(s)};padding:50px 40px;transform:rotate(${s.angle / 2}deg)">
<div style="font-size:34px;color:${p.accent}">DUKUNG &amp; MENANGKAN</div>
${x.names.map((n) => `<div style="font-size:58px;margin-top:22px">${esc(up(n))}</div>`).join('')}
<div style="font-size:36px;margin-top:40px">${esc(lines[lines.length - 2]!)}</div>
<div style="font-size:32px;margin-top:24px;color:${p.accent}">${esc(lines[lines.length - 1]!)}</div></div>`;
  return { width: 1200, height: 675, body, lines };
};

const photoOverlay: Layout = (_c, x, s) => {
  const p = s.palette;
  const alias = x.aliases[0] ?? x.names[0]!;
  const lines = [`BERSAMA ${up(alias)}`, x.slogans[0] ?? '', `PILIH NO. ${x.number}`, up(x.names.join(' & '))];
  const body = `${fakePhoto(s.rand, 1000, 1000)}
<div style="position:absolute;left:0;right:0;bottom:0;height:400px;background:${p.bg};opacity:0.93"></div>
<div style="position:absolute;left:40px;right:40px;bottom:40px;color:${p.fg};${fontCss(s)};transform:rotate(${s.angle}deg)">
<div style="font-size:52px">${esc(lines[0]!)}</div>
<div style="font-size:38px;margin-top:16px;color:${p.accent}">${esc(lines[1]!)}</div>
<div style="font-size:64px;margin-top:24px">${esc(lines[2]!)}</div>
<div style="font-size:34px;margin-top:16px">${esc(lines[3]!)}</div></div>`;
  return { width: 1000, height: 1000, body, lines };
};

const square: Layout = (c, x, s) => {
  const p = s.palette;
  const jargon = x.jargon[0] ?? 'MAJU';
  const lines = [
    up(jargon),
    x.hashtags[0] ?? '',
    `PILIH ${up(x.names[0]!)}`,
    `NOMOR ${x.number}`,
    `PILKADA ${up(place(c))} 2024`,
  ];
  const body = `<div style="position:absolute;inset:0;background:radial-gradient(circle at 30% 30%,${p.bg},${p.bg2})"></div>
<div style="position:absolute;inset:60px;color:${p.fg};${fontCss(s)};display:flex;flex-direction:column;justify-content:center;transform:rotate(${s.angle}deg)">
<div style="font-size:140px;color:${p.accent}">${esc(lines[0]!)}</div>
<div style="font-size:48px;margin-top:10px">${esc(lines[1]!)}</div>
<div style="font-size:56px;margin-top:50px">${esc(lines[2]!)}</div>
<div style="font-size:72px;margin-top:10px">${esc(lines[3]!)}</div>
<div style="font-size:30px;margin-top:40px">${esc(lines[4]!)}</div></div>`;
  return { width: 1080, height: 1080, body, lines };
};

const contra: Layout = (_c, x, s) => {
  const p = PALETTES[7]!;
  const alias = x.aliases[0] ?? x.names[0]!;
  const lines = [`STOP ${up(alias)}!`, `JANGAN PILIH NOMOR ${x.number}`, 'JANJI TINGGAL JANJI'];
  const body = `<div style="position:absolute;inset:0;background:${p.bg}"></div>
<div style="position:absolute;inset:70px;color:${p.fg};${fontCss(s)};text-align:center;transform:rotate(${s.angle}deg)">
<div style="font-size:84px;color:#ff3b30">${esc(lines[0]!)}</div>
<div style="font-size:56px;margin-top:50px">${esc(lines[1]!)}</div>
<div style="font-size:46px;margin-top:50px">${esc(lines[2]!)}</div></div>`;
  return { width: 1080, height: 720, body, lines };
};

function twibbon(x: Candidate, s: Style): { width: number; height: number; body: string; lines: string[] } {
  const p = s.palette;
  const top = pickFrom(s.rand, ['SAYA DUKUNG', 'KAMI PILIH', 'SIAP MENANGKAN']);
  const lines = [top, `PASLON ${two(x.number)}`, x.hashtags[0] ?? ''];
  const body = `<div style="position:absolute;inset:0">${fakePhoto(s.rand, 1080, 1080)}</div>
<div style="position:absolute;inset:0;border:120px solid ${p.bg};border-radius:0"></div>
<div style="position:absolute;left:0;right:0;top:0;height:150px;background:${p.bg};color:${p.fg};${fontCss(s)};font-size:72px;text-align:center;line-height:150px">${esc(top)}</div>
<div style="position:absolute;left:0;right:0;bottom:0;height:230px;background:${p.bg};color:${p.fg};${fontCss(s)};text-align:center">
<div style="font-size:80px;color:${p.accent};padding-top:20px">${esc(lines[1]!)}</div>
<div style="font-size:46px;margin-top:8px">${esc(lines[2]!)}</div></div>`;
  return { width: 1080, height: 1080, body, lines };
}

/** A phone chat screenshot: header, bubbles, times. `messages` are [author, text, mine]. */
function chat(
  title: string,
  messages: [string, string, boolean][],
  rand: Rand,
): { width: number; height: number; body: string; lines: string[] } {
  const lines = [title];
  let time = 7 * 60 + Math.floor(rand() * 600);
  const bubbles = messages
    .map(([author, text, mine]) => {
      time += 1 + Math.floor(rand() * 9);
      const hh = `${two(Math.floor(time / 60) % 24)}.${two(time % 60)}`;
      if (!mine) lines.push(author);
      lines.push(text, hh);
      return `<div style="display:flex;justify-content:${mine ? 'flex-end' : 'flex-start'};margin:10px 14px"><div style="max-width:78%;background:${mine ? '#d9fdd3' : '#ffffff'};border-radius:10px;padding:8px 12px;box-shadow:0 1px 1px rgba(0,0,0,.15)">${mine ? '' : `<div style="color:#c2185b;font-size:15px;font-weight:700">${esc(author)}</div>`}<div style="font-size:19px;color:#111;line-height:1.35">${esc(text)}</div><div style="font-size:12px;color:#667;text-align:right">${hh}</div></div></div>`;
    })
    .join('');
  const body = `<div style="position:absolute;inset:0;background:#efe7de;font-family:'DejaVu Sans',sans-serif"></div>
<div style="position:absolute;left:0;right:0;top:0;height:70px;background:#075e54;color:#fff;font-family:'DejaVu Sans',sans-serif;font-size:22px;font-weight:700;padding:22px 20px">${esc(title)}</div>
<div style="position:absolute;left:0;right:0;top:80px;font-family:'DejaVu Sans',sans-serif">${bubbles}</div>`;
  return { width: 540, height: 960, body, lines };
}

function notice(heading: string[], rows: string[], foot: string, s: Style) {
  const lines = [...heading, ...rows, foot];
  const body = `<div style="position:absolute;inset:0;background:#ffffff"></div>
<div style="position:absolute;left:0;right:0;top:0;height:16px;background:${s.palette.bg}"></div>
<div style="position:absolute;inset:50px;${fontCss({ ...s, font: FONTS[1]! })};color:#1a1a1a;transform:rotate(${s.angle / 2}deg)">
${heading.map((h, i) => `<div style="font-size:${i === 0 ? 40 : 30}px;font-weight:700;text-align:center;margin-top:8px">${esc(h)}</div>`).join('')}
<div style="margin-top:36px">${rows.map((r) => `<div style="font-size:28px;margin-top:14px">${esc(r)}</div>`).join('')}</div>
<div style="font-size:24px;margin-top:40px;color:#444">${esc(foot)}</div></div>`;
  return { width: 1080, height: 1080, body, lines };
}

/**
 * The OCR test set over a registry: campaign posters in four layouts (several fonts, palettes and angles), contra
 * posters, twibbon frames over generated photos and chat screenshots for every candidate, plus negatives with
 * names, numbers and election words that support nobody (KPU notices, neutrality posters, school banners, menus,
 * news cards, work chats). Deterministic for a seed; at least `minImages` images for any registry with a contest.
 */
export function buildTestSet(registry: Registry, seed = 12, minImages = 150): TestImage[] {
  const rand = seeded(seed);
  const out: TestImage[] = [];
  let i = 0;
  const add = (
    family: TestImage['family'],
    c: Contest,
    made: { width: number; height: number; body: string; lines: string[] },
    label: TestImage['label'],
    x: Candidate | null,
    terms: ExpectedTerm[],
    stance: TestImage['stance'] = label === 'endorse' ? 'pro' : null,
  ) => {
    i++;
    out.push({
      name: `${String(i).padStart(3, '0')}-${family}-${c.id}${x ? `-${x.number}` : ''}`,
      family,
      html: page(made.width, made.height, made.body),
      width: made.width,
      height: made.height,
      expectedText: made.lines.filter((l) => l.trim()).join('\n'),
      terms,
      label,
      candidate: label === 'endorse' && x ? `${c.id}#${x.number}` : null,
      stance: label === 'endorse' ? stance : null,
      region: c.region.code,
    });
  };
  const layouts: [Layout, Parameters<typeof candidateTerms>[1]][] = [
    [banner, { names: true, number: true, slogan: true, hashtag: true }],
    [split, { names: true, number: true, slogan: true, hashtag: true }],
    [photoOverlay, { names: true, number: true, slogan: true }],
    [square, { names: false, number: true, hashtag: true }],
  ];
  // A small registry goes round again (new palettes, fonts and angles) until the set has `minImages` images.
  for (let round = 0; round === 0 || (out.length < minImages && round < 50); round++) {
    for (const c of registry.contests) {
      // Later rounds only fill up to `minImages`.
      if (round > 0 && out.length >= minImages) break;
      const real = c.candidates.filter((x) => !isEmptyBox(x));
      for (const x of real) {
        for (const [layout, shown] of layouts) {
          const terms = candidateTerms(x, shown);
          if (layout === square) terms.push({ kind: 'name', text: x.names[0]! });
          add('poster', c, layout(c, x, styleOf(rand, i)), 'endorse', x, terms);
        }
        add(
          'twibbon',
          c,
          twibbon(x, styleOf(rand, i)),
          'endorse',
          x,
          candidateTerms(x, { number: true, hashtag: true }),
        );
        const who = pickFrom(rand, ['Bu Sri', 'Pak Darto', 'Mbak Ani', 'Pak Kades', 'Bu Ratna']);
        add(
          'chat',
          c,
          chat(
            pickFrom(rand, ['Keluarga Besar', 'Grup RT 05', 'Alumni SMA 1', 'Info Desa']),
            [
              [who, `Bapak ibu, tgl 27 jangan lupa pilih nomor ${x.number} ${x.names[0]} ya`, false],
              ['Saya', 'Siap, insyaallah', true],
              [who, `${x.slogans[0] ?? ''} ${x.hashtags[0] ?? ''}`, false],
            ],
            rand,
          ),
          'endorse',
          x,
          [
            { kind: 'number', text: String(x.number) },
            { kind: 'name', text: x.names[0]! },
            ...(x.slogans[0] ? [{ kind: 'slogan' as const, text: x.slogans[0] }] : []),
            ...(x.hashtags[0] ? [{ kind: 'hashtag' as const, text: x.hashtags[0] }] : []),
          ],
        );
        if (rand() < 0.5) {
          add(
            'poster',
            c,
            contra(c, x, styleOf(rand, i)),
            'endorse',
            x,
            [{ kind: 'number', text: String(x.number) }],
            'contra',
          );
        }
      }
      const s = styleOf(rand, i);
      const region = up(c.region.name);
      add(
        'kpu_notice',
        c,
        notice(
          ['KOMISI PEMILIHAN UMUM', region, 'JADWAL DEBAT PUBLIK'],
          real.map((x) => `Pasangan Calon Nomor Urut ${x.number}: ${x.names.join(' dan ')}`),
          'Sabtu, 9 November 2024 pukul 19.30 WIB, disiarkan langsung',
          s,
        ),
        'neutral',
        null,
        real.flatMap((x) => [
          ...x.names.map((n) => ({ kind: 'name' as const, text: n })),
          { kind: 'number' as const, text: String(x.number) },
        ]),
      );
      add(
        'kpu_notice',
        c,
        notice(
          ['PENGUMUMAN', `KPU ${region}`],
          [
            'Hari pemungutan suara Rabu, 27 November 2024',
            'TPS dibuka pukul 07.00 - 13.00 WIB',
            'Bawa KTP elektronik dan undangan C6',
          ],
          'Gunakan hak pilih Anda',
          styleOf(rand, i),
        ),
        'neutral',
        null,
        [],
      );
      add(
        'neutrality',
        c,
        notice(
          ['ASN WAJIB NETRAL', `PILKADA ${up(place(c))} 2024`],
          ['Tidak ikut kampanye', 'Tidak like dan share konten paslon', 'Laporkan pelanggaran ke Bawaslu'],
          `Bawaslu ${c.region.name}`,
          styleOf(rand, i),
        ),
        'neutral',
        null,
        [],
      );
      const sd = 1 + Math.floor(rand() * 9);
      add(
        'school',
        c,
        notice(
          [`SD NEGERI ${sd} ${up(place(c))}`, 'PENERIMAAN PESERTA DIDIK BARU'],
          ['Kelas 1 kuota 2 rombel', 'Pendaftaran 2 - 14 Juni 2025', 'Juara 2 Lomba Sekolah Sehat'],
          'Informasi: ruang TU',
          styleOf(rand, i),
        ),
        'neutral',
        null,
        [],
      );
      add(
        'menu',
        c,
        notice(
          [pickFrom(rand, ['WARUNG MAKAN BU SRI', 'KEDAI KOPI NOMOR 2', 'RM SEDERHANA 3'])],
          ['1. Soto Ayam 15.000', '2. Nasi Uduk 12.000', '3. Es Teh Manis 5.000', 'Paket Hemat Nomor 2: 20.000'],
          'Buka setiap hari 07.00 - 21.00',
          styleOf(rand, i),
        ),
        'neutral',
        null,
        [],
      );
      const named = pickFrom(rand, real);
      add(
        'news_card',
        c,
        notice(
          [`BERITA ${up(place(c))}`],
          [
            `KPU tetapkan ${named.names.join(' dan ')} sebagai pasangan calon nomor urut ${named.number}`,
            'Pengundian nomor urut berlangsung tertib',
          ],
          `Sumber: Antara, ${pickFrom(rand, ['23', '24'])} September 2024`,
          styleOf(rand, i),
        ),
        'neutral',
        null,
        [
          ...named.names.map((n) => ({ kind: 'name' as const, text: n })),
          { kind: 'number', text: String(named.number) },
        ],
      );
      add(
        'chat_neutral',
        c,
        chat(
          'Grup Kantor Kecamatan',
          [
            ['Pak Camat', 'Rapat persiapan upacara tgl 2 jam 07.30 di lapangan', false],
            ['Saya', 'Siap pak, nomor 3 di barisan depan', true],
            ['Bu Sekcam', 'Jangan lupa seragam Korpri', false],
          ],
          rand,
        ),
        'neutral',
        null,
        [],
      );
    }
    if (registry.contests.length === 0) break;
  }
  return out;
}
