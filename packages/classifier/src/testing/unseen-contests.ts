import { type CandidateRef, type Classifiable, type Registry, registrySchema } from '@netra/core';

/**
 * The "unseen contests" probe (issue 7, docs/classifier.md "Unseen contests probe, 2026-11-29"): registries shaped
 * unlike the corpus's and posts written for this probe in our own words (no corpus text), one group per family of
 * the issue. Invented people, parties and places:
 * - a presidential race (region `00`) that applies to every post, its tickets backed by parties and a coalition;
 * - a governor race in province 96 and a three-ticket regency race (96.07) inside it, sharing ballot numbers 1–2;
 * - a single-candidate regency race (96.03) against the empty box (`Kotak Kosong`).
 * Parties back tickets across races (the same party behind a presidential, a governor and a regency ticket).
 */
export const UNSEEN_REGISTRY: Registry = registrySchema.parse({
  contests: [
    {
      id: 'pilpres-2039',
      kind: 'presiden',
      region: { code: '00', name: 'Indonesia' },
      electionDate: '2039-02-14',
      campaignPeriod: { from: '2038-11-28', to: '2039-02-10' },
      candidates: [
        {
          number: 1,
          names: ['Hendra Wiratama', 'Laila Safitri'],
          aliases: ['Pak Hendra'],
          parties: ['Partai Cahaya Bangsa', 'Koalisi Indonesia Terang'],
          hashtags: ['#HendraLaila'],
        },
        {
          number: 2,
          names: ['Bastian Siregar', 'Ratih Kencana'],
          aliases: ['Bang Bastian'],
          parties: ['Partai Karya Tani', 'Koalisi Rakyat Bersatu'],
        },
        {
          number: 3,
          names: ['Yosef Mandagi', 'Nurlela Hakim'],
          parties: ['Partai Bintang Nusantara'],
        },
      ],
    },
    {
      id: 'pilgub-sagara-2039',
      kind: 'gubernur',
      region: { code: '96', name: 'Provinsi Sagara' },
      electionDate: '2039-11-27',
      campaignPeriod: { from: '2039-09-25', to: '2039-11-23' },
      candidates: [
        {
          number: 1,
          names: ['Arman Pasaribu', 'Dewi Anggraini'],
          aliases: ['Bang Arman'],
          jargon: ['Sagara Melaju'],
          parties: ['Partai Karya Tani', 'Partai Bintang Nusantara', 'Koalisi Sagara Melaju'],
          hashtags: ['#ArmanDewi'],
        },
        {
          number: 2,
          names: ['Melati Sihombing', 'Rudi Hartanto'],
          aliases: ['Bu Melati'],
          parties: ['Partai Cahaya Bangsa', 'Partai Hijau Damai'],
          officialAccounts: [{ platform: 'instagram', handle: '@melati.sagara' }],
        },
      ],
    },
    {
      id: 'pilbup-wanareja-2039',
      kind: 'bupati',
      region: { code: '96.03', name: 'Kabupaten Wanareja' },
      electionDate: '2039-11-27',
      campaignPeriod: { from: '2039-09-25', to: '2039-11-23' },
      candidates: [
        {
          number: 1,
          names: ['Gunawan Prasetyo', 'Sulastri Wening'],
          aliases: ['Pak Gunawan'],
          jargon: ['Wanareja Mulya'],
          parties: ['Partai Karya Tani', 'Partai Cahaya Bangsa', 'Partai Hijau Damai'],
        },
        { number: 2, names: ['Kotak Kosong'] },
      ],
    },
    {
      id: 'pilbup-kedungsari-2039',
      kind: 'bupati',
      region: { code: '96.07', name: 'Kabupaten Kedungsari' },
      electionDate: '2039-11-27',
      campaignPeriod: { from: '2039-09-25', to: '2039-11-23' },
      candidates: [
        { number: 1, names: ['Marzuki Harahap', 'Yanti Purba'], parties: ['Partai Bintang Nusantara'] },
        { number: 2, names: ['Fransiska Situmorang', 'Agung Wibisono'], parties: ['Partai Karya Tani'] },
        { number: 3, names: ['Rizal Effendi', 'Tuti Handayani'], parties: ['Partai Hijau Damai'] },
      ],
    },
  ],
});

export const PRES = (n: number) => `pilpres-2039#${n}` as CandidateRef;
export const GUB = (n: number) => `pilgub-sagara-2039#${n}` as CandidateRef;
export const WANA = (n: number) => `pilbup-wanareja-2039#${n}` as CandidateRef;
export const KEDUNG = (n: number) => `pilbup-kedungsari-2039#${n}` as CandidateRef;

export type ProbeFamily =
  | 'news'
  | 'colloquial'
  | 'comparison_wish'
  | 'reply_context'
  | 'mobilisation'
  | 'slogan_mockery'
  | 'official_role'
  | 'numbers_polite'
  | 'contra'
  | 'empty_box'
  | 'single_attack'
  | 'party'
  | 'shared_numbers';

export interface ProbeCase {
  family: ProbeFamily;
  post: Omit<Classifiable, 'id'>;
  /** Whether the guideline makes it an endorsement (pro or contra a candidate). */
  endorse: boolean;
  /** For an endorsement: the candidate (null when none can be named) and the stance. */
  candidate?: CandidateRef | null;
  stance?: 'pro' | 'contra';
}

const KEDUNGSARI = '96.07';
const WANAREJA = '96.03';
/** The expected reading of an endorsement. */
const PRO = (candidate: CandidateRef | null) => ({ candidate, stance: 'pro' as const });
const CONTRA = (candidate: CandidateRef | null) => ({ candidate, stance: 'contra' as const });
const c = (
  family: ProbeFamily,
  text: string,
  region: string,
  expect: { candidate?: CandidateRef | null; stance?: 'pro' | 'contra' } | null,
  extra: Partial<Classifiable> = {},
): ProbeCase => ({
  family,
  post: { text, region, kind: 'post', ...extra },
  endorse: expect !== null,
  ...(expect ?? {}),
});

/** Every probe post, written for this probe (not taken from any corpus). */
export const UNSEEN_CASES: readonly ProbeCase[] = [
  // News and reports: neutral, whatever they name.
  c(
    'news',
    'Pasangan calon nomor urut 2 Pilgub Sagara, Melati Sihombing dan Rudi Hartanto, menggelar kampanye terbuka di alun-alun Kedungsari, Sabtu (12/10).',
    KEDUNGSARI,
    null,
  ),
  c(
    'news',
    'Tim pemenangan Arman-Dewi mengklaim unggul di lima kabupaten berdasarkan hitung cepat internal',
    KEDUNGSARI,
    null,
  ),
  c(
    'news',
    'Survei terbaru: elektabilitas Hendra Wiratama 41 persen, Bastian Siregar 35 persen, Yosef Mandagi 18 persen',
    KEDUNGSARI,
    null,
  ),
  c(
    'news',
    'Gunawan Prasetyo tiba di Kantor KPU Wanareja untuk mendaftar sebagai calon bupati, Senin pagi',
    WANAREJA,
    null,
  ),
  c('news', 'KPU Provinsi Sagara menetapkan nomor urut pasangan calon gubernur dalam rapat pleno terbuka', '96', null),
  c(
    'news',
    'Hasil hitung cepat Pilbup Kedungsari: paslon nomor 3 unggul tipis atas paslon nomor 1, selisih 2 persen',
    KEDUNGSARI,
    null,
  ),
  // Colloquial and regional support.
  c('colloquial', 'mending milih Bang Arman, wis kebukti kerjane nyata', KEDUNGSARI, PRO(GUB(1))),
  c('colloquial', 'nek aku yo Melati wae, liyane ora sreg blas', KEDUNGSARI, PRO(GUB(2))),
  c('colloquial', 'Kedungsari gas pol nomor 3 Rizal-Tuti!!', KEDUNGSARI, PRO(KEDUNG(3))),
  c('colloquial', 'pokoke Hendra Wiratama menang telak, ra sah ragu-ragu', KEDUNGSARI, PRO(PRES(1))),
  c('colloquial', 'Marzuki ae lah, sing liyane mung janji thok', KEDUNGSARI, PRO(KEDUNG(1))),
  c('colloquial', 'urang mah tetep milih Bu Melati, geus kabukti bageur ka rahayat', KEDUNGSARI, PRO(GUB(2))),
  c('colloquial', 'gue mah udeh pasti nyoblos Bastian, kagak ada lawan dah', WANAREJA, PRO(PRES(2))),
  c('colloquial', 'Fransiska-Agung gaskeun, sikat abis! 🔥🔥', KEDUNGSARI, PRO(KEDUNG(2))),
  // Support as a comparison or a wish.
  c('comparison_wish', 'Semoga Pak Gunawan terpilih lagi, Wanareja masih butuh beliau', WANAREJA, PRO(WANA(1))),
  c('comparison_wish', 'Jauh lebih baik Yosef Mandagi daripada dua calon lainnya', KEDUNGSARI, PRO(PRES(3))),
  c('comparison_wish', 'Moga-moga nomor 2 yang jadi gubernur, aamiin', KEDUNGSARI, PRO(GUB(2))),
  c(
    'comparison_wish',
    'Dibanding paslon lain, cuma Rizal Effendi yang paham urusan petani',
    KEDUNGSARI,
    PRO(KEDUNG(3)),
  ),
  c('comparison_wish', 'Daripada Marzuki yang doyan bagi amplop, mending Rizal', KEDUNGSARI, PRO(KEDUNG(3))),
  c('comparison_wish', 'timbang Marzuki, aku luwih sreg karo Rizal', KEDUNGSARI, PRO(KEDUNG(3))),
  // Short replies whose stance and target come from the parent post.
  c('reply_context', 'Setuju pak, lanjutkan!', KEDUNGSARI, PRO(GUB(1)), {
    kind: 'comment',
    context: { parentText: 'Arman Pasaribu: Sagara harus melaju lima tahun ke depan' },
  }),
  c('reply_context', 'siap menangkan 🔥', KEDUNGSARI, PRO(KEDUNG(2)), {
    kind: 'comment',
    context: { parentText: 'Malam ini relawan Fransiska-Agung konsolidasi di posko' },
  }),
  c('reply_context', 'mantap bu, kami sekeluarga dukung 💪', KEDUNGSARI, PRO(GUB(2)), {
    kind: 'comment',
    context: { parentAuthor: '@melati.sagara', parentText: 'Terima kasih warga Kedungsari!' },
  }),
  c('reply_context', 'omong doang, lima tahun kemarin ke mana aja', WANAREJA, CONTRA(WANA(1)), {
    kind: 'comment',
    context: { parentText: 'Gunawan Prasetyo janji perbaiki semua jalan desa' },
  }),
  c('reply_context', 'nomor 2 wae', KEDUNGSARI, PRO(GUB(2)), {
    kind: 'comment',
    context: { parentText: 'Pilgub Sagara tinggal sebulan lagi, sudah mantap pilihannya?' },
  }),
  c('reply_context', 'aku nomor 1 lah', KEDUNGSARI, PRO(PRES(1)), {
    kind: 'comment',
    context: { parentText: 'Siapa capres pilihanmu?' },
  }),
  // Mobilisation without a name (the candidate, when any, from a number or a short name).
  c(
    'mobilisation',
    'Besok pagi kumpul di posko, bus ke kampanye akbar berangkat jam 7. Ajak keluarga ya!',
    KEDUNGSARI,
    PRO(null),
  ),
  c(
    'mobilisation',
    'Ayo ramaikan jalan sehat bareng Bang Arman hari Minggu, ada doorprize motor!',
    KEDUNGSARI,
    PRO(GUB(1)),
  ),
  c(
    'mobilisation',
    'Bapak ibu yang sudah kumpulkan fotokopi KTP untuk tim relawan nomor 1 harap setor ke korlap desa',
    KEDUNGSARI,
    PRO(KEDUNG(1)),
  ),
  c(
    'mobilisation',
    'Rombongan desa kita berangkat konvoi jam 8, wajib pakai kaos tim ya bapak ibu',
    KEDUNGSARI,
    PRO(null),
  ),
  // The same gathering words outside a campaign frame, a ban on joining, the civic side of voting day and a news
  // report of a rally: neutral ("Nameless mobilisation, 2026-11-29").
  c(
    'mobilisation',
    'Ayo ramaikan jalan sehat HUT sekolah hari Minggu, ada doorprize sepeda buat murid!',
    KEDUNGSARI,
    null,
  ),
  c(
    'mobilisation',
    'Rombongan keluarga besar berangkat naik bus jam 6 ke resepsi nikahan Dina, kumpul dulu di rumah Pak RT ya',
    KEDUNGSARI,
    null,
  ),
  c(
    'mobilisation',
    'Mohon bapak ibu kumpulkan fotokopi KTP dan KK untuk pendaftaran bantuan sosial di kantor desa paling lambat Jumat',
    WANAREJA,
    null,
  ),
  c(
    'mobilisation',
    'Pegawai dilarang ikut konvoi atau kampanye akbar paslon mana pun, jaga netralitas ASN',
    KEDUNGSARI,
    null,
  ),
  c('mobilisation', 'Ayo datang ke TPS tanggal 27, bawa undangan dan KTP, jangan golput ya!', WANAREJA, null),
  c(
    'mobilisation',
    'Ribuan simpatisan memadati kampanye akbar di stadion Kedungsari, puluhan bus rombongan diparkir di luar',
    KEDUNGSARI,
    null,
  ),
  // Mockery of a slogan (contra the slogan's candidate).
  c(
    'slogan_mockery',
    'Sagara Melaju katanya, jalan depan rumah masih bolong semua wkwk 🤡',
    KEDUNGSARI,
    CONTRA(GUB(1)),
  ),
  c('slogan_mockery', 'Wanareja Mulya apanya, yang mulya cuma keluarganya 😂', WANAREJA, CONTRA(WANA(1))),
  // A sitting official in their government role (neutral) and the same person in a campaign frame.
  c('official_role', 'Terima kasih Pak Bupati Gunawan sudah meresmikan puskesmas baru di desa kami', WANAREJA, null),
  c(
    'official_role',
    'Pj Gubernur meninjau tanggul yang jebol dan menyalurkan bantuan bagi warga terdampak',
    KEDUNGSARI,
    null,
  ),
  c(
    'official_role',
    'Pak Gunawan sudah terbukti bangun puskesmas, lanjutkan dua periode! Coblos!',
    WANAREJA,
    PRO(WANA(1)),
  ),
  // Numbers, gestures and polite replies outside any election frame: neutral.
  c('numbers_polite', 'Rapat koordinasi jam 2 di ruang 3, jangan telat ya', KEDUNGSARI, null),
  c('numbers_polite', 'Alhamdulillah anakku juara 2 lomba cerdas cermat tingkat kabupaten ✌️', KEDUNGSARI, null),
  c('numbers_polite', 'Terima kasih pak, sehat selalu 🙏', KEDUNGSARI, null, {
    kind: 'comment',
    context: { parentText: 'Selamat hari guru untuk semua guru di Kedungsari' },
  }),
  c('numbers_polite', '☝️ betul, harus antre satu per satu', KEDUNGSARI, null),
  c('numbers_polite', 'Pesanan nomor 1 sudah dikirim kak, ditunggu ya 🙏', WANAREJA, null),
  // Contra posts: the candidate attacked.
  c('contra', 'Jangan pilih Bastian, rekam jejaknya jelas bermasalah', KEDUNGSARI, CONTRA(PRES(2))),
  c(
    'contra',
    'Rizal Effendi janji manis doang, lima tahun jadi wakil nggak ada hasilnya',
    KEDUNGSARI,
    CONTRA(KEDUNG(3)),
  ),
  c('contra', 'Paslon 1 Kedungsari mainnya kotor, bagi-bagi amplop ke warga', KEDUNGSARI, CONTRA(KEDUNG(1))),
  c('contra', 'Bu Melati cuma pencitraan, jangan mau dibohongi lagi', KEDUNGSARI, CONTRA(GUB(2))),
  c('contra', 'wkwk ngimpi', KEDUNGSARI, CONTRA(PRES(2)), {
    kind: 'comment',
    context: { parentText: 'Bastian Siregar yakin menang satu putaran' },
  }),
  // Backing the empty box: the box is the candidate.
  c('empty_box', 'Wanareja lebih baik kotak kosong daripada calon yang itu-itu saja', WANAREJA, PRO(WANA(2))),
  c('empty_box', 'Ayo rame-rame coblos kotak kosong tanggal 27 November!', WANAREJA, PRO(WANA(2))),
  c('empty_box', 'Kolom kosong harus menang, biar Wanareja dapat pemimpin baru', WANAREJA, PRO(WANA(2))),
  c('empty_box', 'Bumbung kosong wae, wis bosen karo calon sing kuwi-kuwi wae', WANAREJA, PRO(WANA(2))),
  c('empty_box', 'KOKOS MENANG!! Wanareja butuh pilihan lain', WANAREJA, PRO(WANA(2))),
  // Attacking the single candidate: that candidate, contra.
  c('single_attack', 'Gunawan takut debat, mending coblos kotak kosong saja', WANAREJA, CONTRA(WANA(1))),
  c('single_attack', 'Calon tunggal kok sombong, lima tahun nggak ada kerja nyata', WANAREJA, CONTRA(WANA(1))),
  c('single_attack', 'Jangan coblos Gunawan, programnya nol besar', WANAREJA, CONTRA(WANA(1))),
  // A party or coalition named instead of the ticket.
  c('party', 'Kader Partai Hijau Damai wajib all out menangkan Pilbup Kedungsari!', KEDUNGSARI, PRO(KEDUNG(3))),
  c('party', 'Coblos Partai Bintang Nusantara, coblos juga capresnya!', KEDUNGSARI, PRO(PRES(3))),
  c('party', 'Koalisi Sagara Melaju pasti menang, gas terus!', KEDUNGSARI, PRO(GUB(1))),
  c('party', 'Kader Partai Karya Tani siap menangkan cagub usungan partai', KEDUNGSARI, PRO(GUB(1))),
  c('party', 'Kader PCB wajib menangkan capres usungan partai!', KEDUNGSARI, PRO(PRES(1))),
  c('party', 'Hijau Damai menang di Kedungsari!', KEDUNGSARI, PRO(KEDUNG(3))),
  c('party', 'Koalisi Rakyat Bersatu sampai menang, satu putaran!', WANAREJA, PRO(PRES(2))),
  // Shared ballot numbers; the presidential race applies everywhere.
  c('shared_numbers', 'Nomor 2 pokoknya, gubernur pilihan rakyat Sagara!', KEDUNGSARI, PRO(GUB(2))),
  c('shared_numbers', 'Coblos nomor 1 untuk presiden, jangan ragu', KEDUNGSARI, PRO(PRES(1))),
  c('shared_numbers', 'Bupati Kedungsari harus nomor 2, ayo coblos!', KEDUNGSARI, PRO(KEDUNG(2))),
  c('shared_numbers', 'Hendra Wiratama presiden kita berikutnya, saya yakin', '31.71', PRO(PRES(1))),
  c('shared_numbers', 'Ayo coblos nomor 3 di Pilbup nanti, demi Kedungsari', KEDUNGSARI, PRO(KEDUNG(3))),
  c('shared_numbers', 'Sagara butuh nomor 1, jangan sampai salah pilih!', KEDUNGSARI, PRO(GUB(1))),
  c('shared_numbers', '02 harga mati, sampai menang!', '31.71', PRO(PRES(2))),
];
