import type { DemoParent } from './types.ts';

/**
 * Official campaign accounts of (fictional) candidates from data/corpus/elections.json, plus other public
 * accounts the watched ASN reply to or share. The demo pages mark candidate accounts with a verified badge;
 * `demoCandidateAccounts` (index.ts) tells a collector which candidate each one belongs to.
 */
export const officialAccounts = {
  facebook: {
    bambangNurul: {
      handle: 'bambangnurul.mesuji',
      name: 'Bambang Wijaya - Nurul Hasanah',
      candidate: 'pilbup-mesuji-2024#2',
    },
    trisFauzi: {
      handle: 'trisfauzi.official',
      name: 'Sutrisno - Ahmad Fauzi (SAMA)',
      candidate: 'pilbup-mesuji-2024#1',
    },
    hendraDewi: {
      handle: 'hendradewi.lampung',
      name: 'Hendra Saputra - Dewi Anggraini',
      candidate: 'pilgub-lampung-2024#1',
    },
    agusFitri: { handle: 'agusfitri.lamtim', name: 'Agus Salim - Fitriani', candidate: 'pilbup-lampungtimur-2024#1' },
    hasanMarlina: { handle: 'hasanmarlina.kku', name: 'Hasan Basri - Marlina', candidate: 'pilbup-kayongutara-2024#2' },
    teguhAnisa: { handle: 'teguhanisa.waykanan', name: 'Teguh - Anisa TEGAR', candidate: 'pilbup-waykanan-2024#1' },
  },
  instagram: {
    yusufEka: {
      handle: 'yusufeka.mesujimaju',
      name: 'Yusuf Kurniawan & Eka Pratiwi',
      candidate: 'pilbup-mesuji-2024#3',
    },
    jokoLestari: { handle: 'jokolestari.tuba', name: 'Joko Susilo - Lestari', candidate: 'pilbup-tulangbawang-2024#2' },
    arifWulan: {
      handle: 'arifwulan.pesbar',
      name: 'Arif Rahman - Wulan Sari',
      candidate: 'pilbup-pesisirbarat-2024#1',
    },
  },
  tiktok: {
    irfanRatna: { handle: 'irfanratna_official', name: 'Irfan & Ratna', candidate: 'pilbup-tulangbawang-2024#1' },
    teguhAnisa: { handle: 'teguhanisa.waykanan', name: 'Teguh - Anisa TEGAR', candidate: 'pilbup-waykanan-2024#1' },
  },
  x: {
    rahmatYuli: { handle: 'RahmatYuli2024', name: 'Rahmat - Yuli', candidate: 'pilgub-lampung-2024#2' },
    syamsulRini: { handle: 'SyamsulRini_WK', name: 'Syamsul Bahri - Rini Astuti', candidate: 'pilbup-waykanan-2024#2' },
  },
  youtube: {
    romiSri: { handle: 'RomiSriKKU', name: 'ROSI Kayong Utara', candidate: 'pilbup-kayongutara-2024#1' },
  },
} as const;

const o = officialAccounts;

export function candidatePost(
  account: { handle: string; name: string; candidate: string },
  text: string,
): Required<Pick<DemoParent, 'handle' | 'name' | 'text' | 'candidate'>> {
  return { handle: account.handle, name: account.name, text, candidate: account.candidate };
}

export const parents = {
  bambangNurulPanen: candidatePost(
    o.facebook.bambangNurul,
    'Terima kasih warga Tanjung Raya yang hadir di kampanye dialogis sore ini. Mesuji Bersinar, Desa Berdaya! #MesujiBersinar',
  ),
  trisFauziPengajian: candidatePost(
    o.facebook.trisFauzi,
    'Silaturahmi bersama jamaah pengajian ibu-ibu Way Serdang. Bersama kita bisa, Mesuji Sama Rata. #MesujiSama',
  ),
  hendraDewiDebat: candidatePost(
    o.facebook.hendraDewi,
    'Debat publik kedua malam ini pukul 19.00 WIB. Saksikan gagasan Hendra-Dewi untuk Lampung Hebat! #LampungHebat',
  ),
  agusFitriPasar: candidatePost(
    o.facebook.agusFitri,
    'Blusukan ke Pasar Sukadana, mendengar keluhan pedagang soal harga cabai. Lamtim Amanah! #LamtimAmanah',
  ),
  yusufEkaRelawan: candidatePost(
    o.instagram.yusufEka,
    'Konsolidasi relawan se-Kecamatan Mesuji Timur. Yakin Mesuji Maju! #YakinMesujiMaju #YusufEka',
  ),
  jokoLestariJalan: candidatePost(
    o.instagram.jokoLestari,
    'Jalan poros desa harus mulus, itu janji kami. Tuba Joss, Kerja Nyata! #TubaJoss',
  ),
  arifWulanNelayan: candidatePost(
    o.instagram.arifWulan,
    'Bersama nelayan Krui membahas harga solar dan tempat pelelangan ikan. #PesbarArwana',
  ),
  irfanRatnaJoget: candidatePost(
    o.tiktok.irfanRatna,
    'Goyang IRAMA bareng warga Menggala 🎶 Tuba Berirama, Rakyat Bahagia! #TubaBerirama #IrfanRatna',
  ),
  teguhAnisaSawit: candidatePost(
    o.tiktok.teguhAnisa,
    'Petani sawit Way Kanan butuh harga TBS yang adil. Way Kanan Tegar! #WayKananTegar',
  ),
  rahmatYuliVisi: candidatePost(
    o.x.rahmatYuli,
    'Visi kami: Lampung Berjaya Bersama. Pendidikan gratis sampai SMA dan beasiswa anak petani. #RahmatYuli',
  ),
  syamsulRiniKampanye: candidatePost(
    o.x.syamsulRini,
    'Kampanye akbar besok di Lapangan Merah Blambangan Umpu. Syahdu untuk Way Kanan! #WayKananSyahdu',
  ),
  romiSriProfil: candidatePost(
    o.youtube.romiSri,
    'Profil pasangan Romi Hartono - Sri Wahyuni: Kayong Utara Maju Bersama ROSI. #KKUMaju',
  ),
  kpuMesuji: {
    handle: 'kpu.kab.mesuji',
    name: 'KPU Kabupaten Mesuji',
    text: 'Pengumuman: Daftar Pemilih Tetap Pilkada 2024 Kabupaten Mesuji telah ditetapkan sebanyak 168.204 pemilih.',
  },
  bawaslu: {
    handle: 'bawaslu_lampung',
    name: 'Bawaslu Provinsi Lampung',
    text: 'ASN dilarang memberikan dukungan kepada pasangan calon, termasuk lewat like, komentar dan share di media sosial.',
  },
  temanArisan: {
    handle: 'yanti.susanti.84',
    name: 'Yanti Susanti',
    text: 'Alhamdulillah arisan bulan ini di rumah Bu Ida, menunya pindang patin 😋',
  },
  kominfoLamtim: {
    handle: 'diskominfo.lamtim',
    name: 'Diskominfo Lampung Timur',
    text: 'Jadwal pelayanan SIM keliling minggu ini: Senin di Sukadana, Rabu di Way Jepara.',
  },
} as const;
