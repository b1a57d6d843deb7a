import { officialAccounts as o, parents as p } from './parents.ts';
import type { DemoAccountSource } from './types.ts';

/**
 * Hand-written demo content. Everything here is fictional. Items are listed newest first per account;
 * never reorder or delete items (ids derive from handle + position counted from the oldest item),
 * add new ones at the top.
 */
export const accountSources: DemoAccountSource[] = [
  // ── 1. Suryadi, guru SMP, Mesuji (18.11) ──────────────────────────────────────────────
  {
    platform: 'facebook',
    handle: 'suryadi.guru.mesuji',
    displayName: 'Suryadi Guru Mesuji',
    bio: 'Guru IPA di SMPN 1 Mesuji Timur. Mengajar itu ibadah.',
    items: [
      {
        at: '2024-11-20 20:15',
        text: 'Tanggal 27 nanti jangan salah pilih ya saudara-saudaraku. Mesuji butuh pemimpin yang BERSINAR ✌️ Coblos nomor 2! #MesujiBersinar',
        alt: ['Foto bersama calon bupati Bambang Wijaya di halaman sekolah, semua mengacungkan dua jari'],
      },
      {
        at: '2024-11-12 07:05',
        text: 'Upacara hari Senin, anak-anak kelas 8 jadi petugas. Bangga lihat mereka makin percaya diri.',
        alt: ['Siswa berseragam putih biru berbaris di lapangan upacara'],
      },
      {
        at: '2024-11-03 19:40',
        kind: 'comment',
        text: 'Mantap pak, lanjutkan! Kami guru-guru siap mendukung 🙏',
        parent: p.bambangNurulPanen,
      },
      {
        at: '2024-10-26 12:30',
        text: 'Nasi pindang baung buatan istri, lauk paling enak sedunia 😋',
        alt: ['Sepiring nasi dengan pindang ikan baung berkuah kuning'],
      },
      {
        at: '2024-10-18 21:00',
        kind: 'share',
        text: 'Ini baru program yang masuk akal untuk guru honorer.',
        parent: {
          ...p.bambangNurulPanen,
          text: 'Program Guru Sejahtera: insentif bulanan untuk guru honorer di seluruh Mesuji. Bersama Bambang-Nurul! #BambangNurul',
        },
      },
      {
        at: '2024-10-09 16:20',
        text: 'Praktikum IPA hari ini: membuat kompos dari sampah daun. Sekolah kami harus bersinar dan bersih!',
        alt: ['Siswa mengaduk tumpukan daun kering di kebun sekolah'],
      },
      {
        at: '2024-10-01 05:45',
        text: 'Subuh berjamaah di Masjid Al-Ikhlas, semoga hari ini penuh berkah.',
      },
    ],
  },
  {
    platform: 'tiktok',
    handle: 'suryadi_mengajar',
    displayName: 'Pak Sur Mengajar',
    bio: 'Konten edukasi IPA SMP 🔬',
    items: [
      {
        at: '2024-11-16 19:00',
        kind: 'caption',
        text: 'Eksperimen gunung meletus pakai soda kue 🌋 #belajarIPA #guruSMP',
        alt: ['Pria berkacamata menuang cuka ke model gunung dari tanah liat'],
      },
      {
        at: '2024-11-08 20:30',
        kind: 'caption',
        text: 'Kalau pemimpin sudah terbukti, kenapa ragu? Nomor dua untuk Mesuji yang BERSINAR 💡 #MesujiBersinar #BambangNurul',
        alt: ['Guru berdiri di depan papan tulis bertuliskan angka 2 besar, mengacungkan dua jari'],
      },
      {
        at: '2024-10-28 18:10',
        kind: 'caption',
        text: 'Sumpah Pemuda versi kelas 9B 🇮🇩 #sumpahpemuda',
        alt: ['Siswa membacakan ikrar dengan pakaian adat'],
      },
      {
        at: '2024-10-15 21:15',
        kind: 'caption',
        text: 'Fotosintesis dalam 60 detik 🌱 #edukasi',
        alt: ['Animasi daun dan matahari di papan tulis'],
      },
      {
        at: '2024-10-02 19:45',
        kind: 'caption',
        text: 'Ujian praktik: rangkaian listrik seri vs paralel. Siapa yang lampunya nyala duluan? 💡',
        alt: ['Meja praktikum dengan baterai, kabel dan lampu kecil'],
      },
    ],
  },
  // ── 2. Rina Marlina, perawat, Mesuji (18.11) ─────────────────────────────────────────
  {
    platform: 'instagram',
    handle: 'rina.marlina.nurse',
    displayName: 'Rina Marlina',
    bio: 'Perawat | RSUD Mesuji | ibu dua anak',
    items: [
      {
        at: '2024-11-21 09:30',
        kind: 'caption',
        text: 'Siap menyambut pemimpin baru yang YAKIN membawa Mesuji maju 💪 #YakinMesujiMaju #YusufEka',
        alt: ['foto bersama calon bupati Yusuf Kurniawan, mengacungkan tiga jari'],
      },
      {
        at: '2024-11-14 13:10',
        kind: 'caption',
        text: 'Jaga malam berasa ringan kalau timnya kompak ❤️ #perawat #nakes',
        alt: ['Lima perawat berseragam biru tersenyum di ruang jaga'],
      },
      {
        at: '2024-11-05 20:00',
        kind: 'comment',
        text: 'Insya Allah pak, 27 November kami bergerak! 🔥',
        parent: p.yusufEkaRelawan,
      },
      {
        at: '2024-10-24 07:45',
        kind: 'caption',
        text: 'Yakin deh, sarapan lontong sayur di depan RSUD ini juara 😂 #kuliner #mesuji',
        alt: ['Semangkuk lontong sayur dengan telur dan kerupuk'],
      },
      {
        at: '2024-10-12 16:00',
        kind: 'caption',
        text: 'Penyuluhan cuci tangan pakai sabun di SD Brabasan. Anak-anak semangat sekali!',
        alt: ['Perawat memperagakan cara mencuci tangan di depan anak-anak SD'],
      },
      {
        at: '2024-09-29 10:20',
        kind: 'caption',
        text: 'Weekend bersama si kecil di taman kota 🌳',
        alt: ['Ibu dan dua anak duduk di atas tikar di bawah pohon'],
      },
    ],
  },
  {
    platform: 'facebook',
    handle: 'rina.marlina.7',
    displayName: 'Rina Marlina',
    bio: 'Hidup sederhana, bersyukur setiap hari.',
    items: [
      {
        at: '2024-11-18 21:40',
        text: 'Ingat ya teman-teman ASN, kita harus netral. Boleh punya pilihan, tapi simpan dalam hati dan bilik suara 🙏',
      },
      {
        at: '2024-11-02 18:25',
        kind: 'share',
        text: '',
        parent: p.kpuMesuji,
      },
      {
        at: '2024-10-20 14:00',
        text: 'Resep bolu pandan lembut tanpa mixer, hasilnya lumayan buat pemula 😄',
        alt: ['Bolu pandan hijau di atas piring putih'],
      },
      {
        at: '2024-10-07 22:10',
        text: 'Alhamdulillah, anak sulung juara 2 lomba tahfiz tingkat kecamatan. Barakallah nak.',
        alt: ['Anak perempuan berkerudung memegang piala dan piagam'],
      },
    ],
  },
  // ── 3. Drs. Hendro Wibowo, camat, Mesuji (18.11) ─────────────────────────────────────
  {
    platform: 'facebook',
    handle: 'hendro.wibowo.camat',
    displayName: 'Hendro Wibowo',
    bio: 'Camat Simpang Pematang. Melayani dengan hati.',
    items: [
      {
        at: '2024-11-22 10:00',
        text: 'Rapat koordinasi pengamanan TPS bersama Forkopimcam, PPK dan Panwascam. Mari sukseskan Pilkada yang damai dan jujur.',
        alt: ['Ruang rapat kantor kecamatan dengan peserta berseragam'],
      },
      {
        at: '2024-11-10 16:45',
        kind: 'comment',
        text: 'Semoga amanah dan menang pak. Simpang Pematang siap!',
        parent: p.trisFauziPengajian,
      },
      {
        at: '2024-10-30 09:15',
        text: 'Penyerahan bantuan bibit jagung kepada kelompok tani Sumber Makmur. Semoga panen melimpah.',
        alt: ['Camat menyerahkan karung bibit kepada ketua kelompok tani'],
      },
      {
        at: '2024-10-19 19:30',
        kind: 'share',
        text: 'Bersama kita bisa 👍',
        parent: {
          ...p.trisFauziPengajian,
          text: 'Sutrisno-Fauzi nomor 1: pembangunan merata dari desa sampai kota. Mesuji Sama Rata! #TrisFauzi',
        },
      },
      {
        at: '2024-10-08 08:00',
        text: 'Apel pagi ASN Kecamatan Simpang Pematang. Disiplin adalah kunci pelayanan publik.',
        alt: ['Pegawai kecamatan berbaris dalam apel pagi'],
      },
      {
        at: '2024-09-27 15:30',
        text: 'Gotong royong bersih-bersih saluran air di Desa Harapan Jaya. Terima kasih warga yang hadir.',
      },
    ],
  },
  {
    platform: 'x',
    handle: 'hendrowibowo_',
    displayName: 'Hendro W.',
    bio: 'Abdi negara. Pendapat pribadi.',
    items: [
      {
        at: '2024-11-19 22:05',
        text: 'Nomor 1 itu pasti yang terbaik, sudah terbukti kerjanya. Sama rata, sama rasa. #MesujiSama',
      },
      {
        at: '2024-11-11 07:30',
        text: 'Kopi pagi sebelum ke kantor. Hari ini ada musrenbang desa.',
      },
      {
        at: '2024-11-01 12:45',
        kind: 'share',
        text: '',
        parent: p.bawaslu,
      },
      {
        at: '2024-10-22 20:20',
        text: 'Yang nomor 2 janjinya banyak, bukti nol. Jangan tertipu pencitraan ya warga Mesuji.',
      },
      {
        at: '2024-10-11 18:00',
        text: 'Hujan deras di Simpang Pematang sore ini, hati-hati di jalan lintas timur.',
      },
      {
        at: '2024-09-30 09:10',
        text: 'Selamat bertugas kepada seluruh anggota PPS yang baru dilantik. Jaga integritas!',
      },
    ],
  },
  // ── 4. Agustina Putri, Bappeda, Tulang Bawang (18.05) ────────────────────────────────
  {
    platform: 'instagram',
    handle: 'agustina.ptr',
    displayName: 'Agustina Putri',
    bio: 'Perencana | Menggala | coffee lover ☕',
    items: [
      {
        at: '2024-11-17 15:20',
        kind: 'caption',
        text: 'Joss gandos! Kopi robusta Tuba memang joss 😆☕ #kopilampung',
        alt: ['Secangkir kopi hitam di meja kayu dengan biji kopi berserakan'],
      },
      {
        at: '2024-11-09 19:00',
        kind: 'comment',
        text: 'Setuju pak! Jalan di kampung saya sudah 10 tahun rusak. Nomor 2 pasti bisa 👍👍',
        parent: p.jokoLestariJalan,
      },
      {
        at: '2024-10-29 10:40',
        kind: 'caption',
        text: 'Forum konsultasi publik RKPD 2025. Perencanaan yang baik dimulai dari mendengar warga.',
        alt: ['Peserta forum duduk di aula, layar proyektor menampilkan grafik'],
      },
      {
        at: '2024-10-17 17:30',
        kind: 'caption',
        text: 'Sore di tepi Way Tulang Bawang 🌅',
        alt: ['Matahari terbenam di atas sungai lebar dengan perahu kayu'],
      },
      {
        at: '2024-10-04 20:10',
        kind: 'caption',
        text: 'Bareng bestie nonton konser JOSS, eh maksudnya kampanye akbar Pakde Joko 🤭✌️ #TubaJoss #JokoLestari',
        alt: ['foto bersama calon bupati Joko Susilo di atas panggung, mengacungkan dua jari'],
      },
    ],
  },
  {
    platform: 'tiktok',
    handle: 'tina_tuba',
    displayName: 'Tina 🌸',
    bio: 'daily vlog orang Menggala',
    items: [
      {
        at: '2024-11-15 21:00',
        kind: 'share',
        text: '',
        parent: p.irfanRatnaJoget,
      },
      {
        at: '2024-11-06 18:30',
        kind: 'caption',
        text: 'Day in my life jadi ASN Bappeda 📊 #asn #dayinmylife',
        alt: ['Perempuan berseragam khaki mengetik di laptop'],
      },
      {
        at: '2024-10-27 12:00',
        kind: 'caption',
        text: 'Review seruit paling enak di Menggala 🐟🔥 #seruit #kulinerlampung',
        alt: ['Ikan bakar dengan sambal terasi dan lalapan'],
      },
      {
        at: '2024-10-14 19:20',
        kind: 'comment',
        text: 'Irama-nya enak banget buat joget 😍 Tuba berirama!',
        parent: p.irfanRatnaJoget,
      },
      {
        at: '2024-10-01 16:45',
        kind: 'caption',
        text: 'Outfit kondangan budget 100 ribu 💃',
        alt: ['Perempuan berkebaya hijau berpose di depan cermin'],
      },
    ],
  },
  // ── 5. Fajar Nugroho, penyuluh pertanian, Lampung Timur (18.07) ──────────────────────
  {
    platform: 'youtube',
    handle: 'FajarTaniLamtim',
    displayName: 'Fajar Tani Lamtim',
    bio: 'Channel penyuluhan pertanian Lampung Timur. Belajar bertani bersama.',
    items: [
      {
        at: '2024-11-19 19:00',
        kind: 'caption',
        title: 'Pupuk Bersubsidi 2025: Siapa yang Berhak?',
        text: 'Penjelasan lengkap soal kartu tani dan kuota pupuk bersubsidi untuk petani Lampung Timur.',
        alt: ['Thumbnail: karung pupuk dengan tulisan SUBSIDI besar'],
      },
      {
        at: '2024-11-12 20:00',
        kind: 'post',
        text: 'Bapak ibu petani, pilihlah pemimpin yang amanah dan peduli petani. Agus-Fitri nomor 1 sudah terbukti turun ke sawah! #LamtimAmanah',
        alt: ['Foto penyuluh bersama calon bupati Agus Salim di pematang sawah, mengacungkan satu jari'],
      },
      {
        at: '2024-11-04 18:30',
        kind: 'caption',
        title: 'Cara Membuat Pestisida Nabati dari Daun Mimba',
        text: 'Murah, mudah dan ramah lingkungan. Cocok untuk tanaman cabai dan tomat.',
        alt: ['Thumbnail: tangan memegang daun mimba dan botol semprot'],
      },
      {
        at: '2024-10-25 19:15',
        kind: 'caption',
        title: 'Panen Raya Padi Inpari 32 di Way Jepara',
        text: 'Hasil ubinan mencapai 7,2 ton per hektare. Amanah dari Allah harus kita syukuri.',
        alt: ['Thumbnail: combine harvester di tengah sawah menguning'],
      },
      {
        at: '2024-10-13 08:00',
        kind: 'post',
        text: 'Cuaca minggu ini diprediksi hujan lebat. Petani cabai mohon perhatikan drainase lahan.',
      },
      {
        at: '2024-10-03 19:30',
        kind: 'caption',
        title: 'Bersama Calon Bupati Meninjau Irigasi',
        text: 'Kunjungan pasangan calon nomor 1 ke saluran irigasi tersier. Semoga amanah, Lamtim sejahtera 🙏 #AgusFitri',
        alt: ['Thumbnail: foto bersama calon bupati, mengacungkan satu jari di tepi saluran irigasi'],
      },
    ],
  },
  {
    platform: 'facebook',
    handle: 'fajar.nugroho.penyuluh',
    displayName: 'Fajar Nugroho',
    bio: 'Penyuluh Pertanian Lapangan BPP Sukadana',
    items: [
      {
        at: '2024-11-13 17:00',
        kind: 'comment',
        text: 'Pak Agus memang dekat dengan petani, insya Allah amanah 🤲',
        parent: p.agusFitriPasar,
      },
      {
        at: '2024-11-01 08:40',
        text: 'Sekolah lapang PHT di Desa Sukadana Ilir. Petani belajar mengenali musuh alami wereng.',
        alt: ['Petani berkumpul di pinggir sawah memperhatikan penyuluh'],
      },
      {
        at: '2024-10-21 20:10',
        kind: 'share',
        text: 'Info penting buat petani',
        parent: p.kominfoLamtim,
      },
      {
        at: '2024-10-06 12:15',
        text: 'Makan siang di saung: nasi, ikan asin, sambal terong. Nikmat mana yang kau dustakan.',
        alt: ['Nasi bungkus daun pisang dengan ikan asin dan sambal'],
      },
    ],
  },
  // ── 6. Siti Aminah, kepala SD, Lampung Timur (18.07) ─────────────────────────────────
  {
    platform: 'facebook',
    handle: 'siti.aminah.sdn3',
    displayName: 'Siti Aminah',
    bio: 'Kepala SDN 3 Sukadana',
    items: [
      {
        at: '2024-11-21 14:00',
        text: 'Sosialisasi netralitas ASN dari Bawaslu di aula dinas pendidikan. Kita guru harus jadi teladan: netral, tidak ikut kampanye.',
        alt: ['Aula penuh guru mendengarkan narasumber dari Bawaslu'],
      },
      {
        at: '2024-11-07 19:50',
        kind: 'comment',
        text: 'Semoga Lampung makin hebat bu 🙏',
        parent: p.hendraDewiDebat,
      },
      {
        at: '2024-10-23 10:30',
        text: 'Lomba mewarnai dalam rangka hari jadi sekolah. Anak-anak hebat semuanya!',
        alt: ['Anak-anak SD mewarnai gambar di lantai kelas'],
      },
      {
        at: '2024-10-10 06:30',
        text: 'Jumat berkah, berbagi nasi kotak di depan sekolah bersama wali murid.',
      },
      {
        at: '2024-09-26 21:00',
        kind: 'share',
        text: 'Cerdas memilih, jangan golput ya',
        parent: {
          handle: 'kpu.lampungtimur',
          name: 'KPU Kabupaten Lampung Timur',
          text: 'Pemungutan suara Pilkada Serentak 27 November 2024. Datang ke TPS, gunakan hak pilihmu!',
        },
      },
    ],
  },
  {
    platform: 'instagram',
    handle: 'bu_siti_aminah',
    displayName: 'Siti Aminah',
    bio: 'Pendidik | Sukadana',
    items: [
      {
        at: '2024-11-16 11:00',
        kind: 'caption',
        text: 'Reuni kecil guru angkatan 2005 🥰',
        alt: ['Enam ibu berkerudung tersenyum di rumah makan'],
      },
      {
        at: '2024-11-03 16:30',
        kind: 'caption',
        text: 'Lampung HEBAT! Yang muda yang berkarya, yang tua yang berdoa. Satu hati untuk Hendra-Dewi ☝️ #LampungHebat #HendraDewi',
        alt: ['foto bersama calon gubernur Hendra Saputra, mengacungkan satu jari telunjuk'],
      },
      {
        at: '2024-10-20 09:00',
        kind: 'caption',
        text: 'Senam sehat bersama warga sekolah setiap Sabtu pagi 💃',
        alt: ['Guru dan siswa senam di lapangan'],
      },
      {
        at: '2024-10-05 18:45',
        kind: 'caption',
        text: 'Murid-murid saya hebat, juara lomba cerdas cermat se-kecamatan 🏆',
        alt: ['Tiga siswa memegang piala bersama kepala sekolah'],
      },
    ],
  },
  // ── 7. Yoga Pratama, Satpol PP, Way Kanan (18.08) ────────────────────────────────────
  {
    platform: 'tiktok',
    handle: 'yoga_satpolpp',
    displayName: 'Yoga Satpol PP',
    bio: 'Penegak Perda | Way Kanan',
    items: [
      {
        at: '2024-11-20 20:00',
        kind: 'caption',
        text: 'Way Kanan harus TEGAR! Tanggal 27 coblos nomor satu ya gaes ☝️ #WayKananTegar #TeguhAnisa',
        alt: ['Pria berseragam Satpol PP mengacungkan satu jari di depan baliho'],
      },
      {
        at: '2024-11-11 17:15',
        kind: 'caption',
        text: 'Patroli penertiban alat peraga kampanye yang melanggar aturan. Semua paslon kami perlakukan sama.',
        alt: ['Petugas menurunkan spanduk dari tiang listrik'],
      },
      {
        at: '2024-10-31 19:40',
        kind: 'comment',
        text: 'Harga TBS naik, petani tegar! Maju terus pak 💪',
        parent: p.teguhAnisaSawit,
      },
      {
        at: '2024-10-19 16:00',
        kind: 'caption',
        text: 'Latihan baris-berbaris pagi ini. Tegar dan disiplin 💂',
        alt: ['Barisan petugas berseragam di halaman kantor'],
      },
      {
        at: '2024-10-07 21:30',
        kind: 'caption',
        text: 'Mancing di Way Umpu, dapat baung 2 kilo 🎣',
        alt: ['Pria memegang ikan baung besar di tepi sungai'],
      },
    ],
  },
  {
    platform: 'x',
    handle: 'yogapratama88',
    displayName: 'Yoga Pratama',
    bio: 'Way Kanan | bola | mancing',
    items: [
      {
        at: '2024-11-18 21:10',
        kind: 'comment',
        text: 'Syahdu apanya, programnya cuma copas dari periode lalu 🙄',
        parent: p.syamsulRiniKampanye,
      },
      {
        at: '2024-11-09 15:00',
        text: 'Timnas menang lagi! Garuda di dadaku 🇮🇩⚽',
      },
      {
        at: '2024-10-30 08:20',
        text: 'Mari jaga Pilkada Way Kanan tetap damai. Beda pilihan itu biasa, jangan sampai putus silaturahmi.',
      },
      {
        at: '2024-10-16 19:30',
        text: 'Harapan saya sederhana: jalan ke kampung diperbaiki siapa pun bupatinya.',
      },
      {
        at: '2024-10-02 12:00',
        text: 'Nasi uduk + teh manis = sarapan ASN sejati',
      },
    ],
  },
  // ── 8. Dewi Kartika, analis kebijakan, Provinsi Lampung (18) ─────────────────────────
  {
    platform: 'x',
    handle: 'dewikartika_id',
    displayName: 'Dewi Kartika',
    bio: 'Analis kebijakan. Bandar Lampung. Cuitan pribadi.',
    items: [
      {
        at: '2024-11-22 20:45',
        text: 'Lampung Berjaya Bersama! Sudah mantap dengan pilihan nomor 2, Rahmat-Yuli untuk Lampung 🙌 #LampungBerjaya',
      },
      {
        at: '2024-11-15 10:10',
        kind: 'comment',
        text: 'Pendidikan gratis sampai SMA, ini yang ditunggu-tunggu orang tua 👏',
        parent: p.rahmatYuliVisi,
      },
      {
        at: '2024-11-06 13:00',
        text: 'Membaca laporan evaluasi RPJMD sambil ngopi. Data kemiskinan kita masih perlu kerja keras.',
      },
      {
        at: '2024-10-28 18:30',
        kind: 'share',
        text: '',
        parent: p.rahmatYuliVisi,
      },
      {
        at: '2024-10-18 07:50',
        text: 'Kemacetan di Jalan Teuku Umar pagi ini parah banget. Semoga flyover cepat jadi.',
      },
      {
        at: '2024-10-08 21:20',
        text: 'Pasangan nomor 1 debatnya kosong, cuma jargon hebat-hebat tanpa data. #DebatPilgubLampung',
      },
      {
        at: '2024-09-28 16:40',
        text: 'Hari ini mulai masa kampanye. Semoga semua pihak menjaga etika, termasuk kita para ASN.',
      },
    ],
  },
  {
    platform: 'instagram',
    handle: 'dewi.kartika.lpg',
    displayName: 'Dewi Kartika',
    bio: 'Bandar Lampung 📍 travel & books',
    items: [
      {
        at: '2024-11-10 17:00',
        kind: 'caption',
        text: 'Sunset di Pantai Mutun, healing sebentar dari laporan 🌊',
        alt: ['Pantai dengan pasir putih dan langit jingga'],
      },
      {
        at: '2024-10-26 19:30',
        kind: 'caption',
        text: 'Jaya! Jaya! Jaya! Malam kampanye yang meriah 🎉✌️ #RahmatYuli #LampungBerjaya',
        alt: ['foto bersama calon gubernur Rahmat Hidayat, mengacungkan dua jari di depan panggung'],
      },
      {
        at: '2024-10-12 11:20',
        kind: 'caption',
        text: 'Buku bulan ini: tentang desentralisasi dan otonomi daerah 📚',
        alt: ['Buku bersampul biru di samping secangkir teh'],
      },
      {
        at: '2024-09-29 08:00',
        kind: 'caption',
        text: 'Car free day Tugu Adipura, jalan santai 5 km 🚶‍♀️',
        alt: ['Keramaian orang berolahraga di jalan protokol'],
      },
    ],
  },
  // ── 9. Muhammad Ridwan, PUPR, Kayong Utara (61.11) ───────────────────────────────────
  {
    platform: 'facebook',
    handle: 'ridwan.pupr.kku',
    displayName: 'Muhammad Ridwan',
    bio: 'Teknik Sipil | Dinas PUPR Kayong Utara',
    items: [
      {
        at: '2024-11-19 16:30',
        text: 'Pengecekan progres jembatan Sungai Paduan, sudah 80 persen. Insya Allah Desember rampung.',
        alt: ['Jembatan beton setengah jadi dengan pekerja di atasnya'],
      },
      {
        at: '2024-11-08 20:15',
        text: 'Kayong Utara maju bersama ROSI 🤝 Nomor 1 pilihan kita semua. #KKUMaju #RomiSri',
        alt: ['foto bersama calon bupati Romi Hartono mengacungkan satu jari'],
      },
      {
        at: '2024-10-27 09:00',
        text: 'Gotong royong membangun musala di Dusun Teluk Batang. Alhamdulillah atap sudah terpasang.',
      },
      {
        at: '2024-10-15 18:45',
        text: 'Membangun dengan hati itu bukan slogan, tapi kerja nyata di lapangan tiap hari.',
      },
      {
        at: '2024-10-02 12:40',
        text: 'Ikan asam pedas khas Sukadana, wajib coba kalau ke Kayong!',
        alt: ['Ikan tongkol dalam kuah merah asam pedas'],
      },
    ],
  },
  {
    platform: 'youtube',
    handle: 'RidwanVlogKKU',
    displayName: 'Ridwan Vlog KKU',
    bio: 'Vlog keseharian dan wisata Kayong Utara',
    items: [
      {
        at: '2024-11-14 19:00',
        kind: 'caption',
        title: 'Menjelajah Pulau Datok, Pantai Tersembunyi di Kayong Utara',
        text: 'Perjalanan 30 menit dari Sukadana. Airnya jernih banget!',
        alt: ['Thumbnail: pantai berbatu dengan air biru jernih'],
      },
      {
        at: '2024-11-02 20:00',
        kind: 'share',
        text: 'Profil paslon yang perlu ditonton warga KKU',
        parent: p.romiSriProfil,
      },
      {
        at: '2024-10-22 19:30',
        kind: 'caption',
        title: 'Ngobrol Santai: Harapan Warga untuk Bupati Baru',
        text: 'Wawancara warga pasar soal harapan mereka. Semua paslon kami beri kesempatan yang sama.',
        alt: ['Thumbnail: pedagang pasar berbicara ke kamera'],
      },
      {
        at: '2024-10-09 18:00',
        kind: 'post',
        text: 'Video baru tayang Kamis ini, tentang kuliner khas Kayong. Tunggu ya!',
      },
      {
        at: '2024-09-30 19:00',
        kind: 'caption',
        title: 'Kampanye Akbar ROSI, Ribuan Warga Hadir!',
        text: 'Suasana kampanye akbar pasangan nomor 1 di Sukadana. ROSI untuk KKU! #KKUMaju',
        alt: ['Thumbnail: lautan massa berkaus oranye mengacungkan satu jari'],
      },
    ],
  },
  // ── 10. Hj. Nurhayati, bidan, Pesisir Barat (18.13) ──────────────────────────────────
  {
    platform: 'instagram',
    handle: 'bidan_nurhayati',
    displayName: 'Bidan Nurhayati',
    bio: 'Akun pribadi',
    state: 'private',
    items: [],
  },
  {
    platform: 'facebook',
    handle: 'nurhayati.bidan.krui',
    displayName: 'Nurhayati',
    bio: 'Bidan desa Puskesmas Krui',
    items: [
      {
        at: '2024-11-20 13:00',
        text: 'Posyandu balita di Pekon Way Redak. Jangan lupa imunisasi lengkap ya bunda-bunda.',
        alt: ['Bidan menimbang bayi di posyandu'],
      },
      {
        at: '2024-11-09 19:00',
        text: 'Di Pesbar calonnya cuma satu, tapi ingat: kotak kosong juga pilihan yang sah. Gunakan hak pilih dengan hati nurani.',
      },
      {
        at: '2024-10-29 20:30',
        kind: 'share',
        text: 'Arwana untuk Pesisir Barat ❤️ Arif-Wulan!',
        parent: {
          handle: o.instagram.arifWulan.handle,
          name: o.instagram.arifWulan.name,
          candidate: o.instagram.arifWulan.candidate,
          text: 'Pesisir Barat Maju Bersama ARWANA. Mohon doa restu seluruh masyarakat Pesbar. #ArifWulan',
        },
      },
      {
        at: '2024-10-14 07:15',
        text: 'Ikan arwana di akuarium puskesmas makin besar 🐟 kesayangan pak kapus.',
        alt: ['Ikan arwana perak di dalam akuarium'],
      },
      {
        at: '2024-09-30 16:10',
        text: 'Kelas ibu hamil bulan ini membahas gizi seimbang dan tanda bahaya kehamilan.',
      },
    ],
  },
  // ── 11. Andi Saputra, Dishub, Way Kanan (18.08) ──────────────────────────────────────
  {
    platform: 'x',
    handle: 'andisaputra_wk',
    displayName: 'Andi Saputra',
    bio: 'Dishub Way Kanan | Motor & kopi',
    items: [
      {
        at: '2024-11-21 19:00',
        text: 'Harapan baru untuk Way Kanan ada di nomor 3. Hendri-Puspita, gas! #WayKananHarapan #HendriPuspita',
      },
      {
        at: '2024-11-12 06:45',
        text: 'Pengaturan lalu lintas di simpang Baradatu pagi ini, antrean truk sawit mengular.',
      },
      {
        at: '2024-11-02 20:00',
        kind: 'comment',
        text: 'Lapangan Merah pasti penuh! Syahdu! 🔥',
        parent: p.syamsulRiniKampanye,
      },
      {
        at: '2024-10-21 18:10',
        text: 'Harapan saya semoga musim hujan ini jalan lintas tidak banyak lubang lagi.',
      },
      {
        at: '2024-10-11 21:30',
        kind: 'share',
        text: '',
        parent: {
          handle: 'kpu_waykanan',
          name: 'KPU Way Kanan',
          text: 'Debat publik pertama calon bupati Way Kanan akan disiarkan langsung Jumat malam.',
        },
      },
      {
        at: '2024-09-29 13:20',
        text: 'Touring ke Danau Ranau bareng komunitas, capek tapi senang 🏍️',
      },
    ],
  },
  {
    platform: 'tiktok',
    handle: 'andi.wk',
    displayName: 'Andi WK',
    bio: 'touring | kopi | Way Kanan',
    items: [
      {
        at: '2024-11-13 20:20',
        kind: 'caption',
        text: 'Spill kopi tubruk pinggir jalan lintas 🤙 #kopi #waykanan',
        alt: ['Gelas kopi hitam di warung kayu'],
      },
      {
        at: '2024-11-01 19:00',
        kind: 'caption',
        text: 'Tiga jari untuk perubahan! Harapan baru Way Kanan 🤟 #WayKananHarapan',
        alt: ['Pria berjaket hitam mengacungkan tiga jari di depan poster paslon nomor 3'],
      },
      {
        at: '2024-10-18 17:30',
        kind: 'caption',
        text: 'POV: dinas luar ke Kasui lewat jalan tanah 😅',
        alt: ['Motor trail melintasi jalan berlumpur'],
      },
      {
        at: '2024-10-05 18:00',
        kind: 'caption',
        text: 'Syahdu banget suasana subuh di kampung 🌄',
        alt: ['Kabut tipis di atas sawah saat fajar'],
      },
    ],
  },
  // ── 12. Lukman Hakim, guru SMA, Tulang Bawang (18.05) ────────────────────────────────
  {
    platform: 'youtube',
    handle: 'PakLukmanMengajar',
    displayName: 'Pak Lukman Mengajar',
    bio: 'Belajar sejarah dan PPKn bersama Pak Lukman',
    items: [
      {
        at: '2024-11-18 19:00',
        kind: 'caption',
        title: 'Demokrasi Pancasila dan Pilkada Serentak',
        text: 'Materi PPKn kelas 11: mengapa pemilih harus cerdas dan mengapa ASN wajib netral.',
        alt: ['Thumbnail: guru di depan kelas dengan slide berjudul Demokrasi'],
      },
      {
        at: '2024-11-06 20:00',
        kind: 'post',
        text: 'Siswa kelas 12 yang sudah 17 tahun, jangan lupa cek nama di DPT lewat situs KPU ya.',
      },
      {
        at: '2024-10-24 19:30',
        kind: 'caption',
        title: 'Sejarah Kerajaan Tulang Bawang',
        text: 'Menelusuri jejak kerajaan tertua di Lampung. Joss materinya, wajib tonton!',
        alt: ['Thumbnail: peta kuno Lampung dengan tulisan Tulang Bawang'],
      },
      {
        at: '2024-10-10 20:00',
        kind: 'post',
        text: 'Pilkada ini saya pilih yang JOSS, kerja nyata bukan kata-kata. Nomor 2! #TubaJoss',
        alt: ['Foto guru memakai kaus bergambar pasangan Joko-Lestari, mengacungkan dua jari'],
      },
      {
        at: '2024-09-27 19:00',
        kind: 'caption',
        title: 'Tips Belajar Efektif Menjelang Ujian',
        text: 'Lima cara belajar yang terbukti ilmiah, dari spaced repetition sampai tidur cukup.',
        alt: ['Thumbnail: siswa belajar dengan buku dan jam weker'],
      },
    ],
  },
  {
    platform: 'x',
    handle: 'lukman_tuba',
    displayName: 'Lukman Hakim',
    bio: 'Guru sejarah. Menggala.',
    items: [
      {
        at: '2024-11-17 21:00',
        text: 'Irama politik Tuba makin panas. Semoga semua tetap ingat: kita bersaudara.',
      },
      {
        at: '2024-11-07 16:30',
        kind: 'comment',
        text: 'Setuju, pendidikan gratis itu penting. Tapi realistis nggak anggarannya?',
        parent: p.rahmatYuliVisi,
      },
      {
        at: '2024-10-25 20:40',
        text: 'Pakde Joko nomor 2 wis joss tenan! Mas Joko untuk Tuba 💪 #JokoLestari',
      },
      {
        at: '2024-10-12 10:00',
        text: 'Siswa saya menang olimpiade sejarah tingkat provinsi. Guru mana yang tidak bangga?',
      },
      {
        at: '2024-09-30 19:20',
        text: 'Baca ulang Max Havelaar. Relevan sampai sekarang.',
      },
    ],
  },

  // ── 13. Wahyudi, guru SD, Kayong Utara (61.11) ───────────────────────────────────────
  {
    platform: 'facebook',
    handle: 'wahyudi.kku',
    displayName: 'Wahyudi',
    bio: 'Guru SDN 07 Sukadana, Kayong Utara',
    items: [
      {
        at: '2024-11-21 20:30',
        text: 'Membangun Kayong dengan HATI, bukan dengan janji. Nomor 2 untuk KKU yang lebih adil 💚 #KayongDenganHati',
        alt: ['Foto bersama calon bupati Hasan Basri di balai desa, mengacungkan dua jari'],
      },
      { at: '2024-11-11 06:50', text: 'Berangkat mengajar naik perahu ke Pulau Maya. Demi anak-anak pulau, semangat!' },
      {
        at: '2024-10-31 19:10',
        kind: 'share',
        text: 'Dengan hati kita bangun Kayong',
        parent: {
          handle: 'hasanmarlina.kku',
          name: 'Hasan Basri - Marlina',
          candidate: 'pilbup-kayongutara-2024#2',
          text: 'Membangun Kayong dengan HATI: sekolah layak di setiap pulau. #HasanMarlina',
        },
      },
      {
        at: '2024-10-17 12:20',
        text: 'Anak-anak belajar dengan hati gembira kalau gurunya juga bahagia 😊',
        alt: ['Guru duduk melingkar bersama murid di lantai kelas'],
      },
      { at: '2024-10-03 17:45', text: 'Panen madu kelulut di belakang rumah, rasanya asam manis segar 🍯' },
    ],
  },
  {
    platform: 'tiktok',
    handle: 'wahyudi_ngajar_kku',
    displayName: 'Pak Wahyu KKU',
    bio: 'Guru pulau 🏝️',
    items: [
      {
        at: '2024-11-15 18:40',
        kind: 'caption',
        text: 'Perjalanan ke sekolah: 40 menit naik perahu 🚤 #gurupulau #kayongutara',
        alt: ['Perahu kayu kecil membelah laut biru menuju pulau'],
      },
      {
        at: '2024-11-04 20:15',
        kind: 'caption',
        text: 'Yang ROSI-ROSI minggir dulu, yang punya HATI merapat 💚✌️ #KayongDenganHati #HasanMarlina',
        alt: ['Pria berkaus hijau mengacungkan dua jari sambil tertawa'],
      },
      {
        at: '2024-10-22 16:30',
        kind: 'caption',
        text: 'Lomba balap karung Hari Guru versi murid kelas 3 🤣',
        alt: ['Anak-anak meloncat dalam karung di halaman sekolah'],
      },
      {
        at: '2024-10-08 19:00',
        kind: 'caption',
        text: 'Jangan lupa cek DPT online ya, biar 27 November bisa nyoblos 🗳️ #pilkada2024',
        alt: ['Layar ponsel menampilkan situs cek DPT'],
      },
    ],
  },
  // ── 14. Ani Suryani, Dinas Sosial, Pesisir Barat (18.13) ─────────────────────────────
  {
    platform: 'instagram',
    handle: 'ani.suryani.pesbar',
    displayName: 'Ani Suryani',
    bio: 'Pekerja sosial | Krui 🌊',
    items: [
      {
        at: '2024-11-19 17:10',
        kind: 'caption',
        text: 'Pesbar satu hati bersama ARWANA 🐟 Coblos Arif-Wulan, jangan kotak kosong! #PesbarArwana',
        alt: ['foto bersama calon bupati Arif Rahman di pantai, mengacungkan satu jari'],
      },
      {
        at: '2024-11-08 10:00',
        kind: 'comment',
        text: 'Semoga harga solar nelayan cepat turun pak 🙏 kami tunggu buktinya',
        parent: p.arifWulanNelayan,
      },
      {
        at: '2024-10-26 15:30',
        kind: 'caption',
        text: 'Penyaluran bantuan sembako untuk lansia di Pekon Walur.',
        alt: ['Petugas dinas sosial menyerahkan paket sembako kepada nenek'],
      },
      {
        at: '2024-10-11 18:20',
        kind: 'caption',
        text: 'Ombak Tanjung Setia sore ini 🏄‍♀️ surga peselancar',
        alt: ['Ombak tinggi bergulung di pantai dengan peselancar'],
      },
      {
        at: '2024-09-28 09:45',
        kind: 'caption',
        text: 'Kotak kosong itu kolom yang sah, bukan musuh. Yang penting datang ke TPS dan memilih dengan sadar.',
        alt: ['Poster sosialisasi KPU tentang surat suara calon tunggal'],
      },
    ],
  },
  {
    platform: 'x',
    handle: 'anisuryani_krui',
    displayName: 'Ani Suryani',
    bio: 'Krui, Pesisir Barat',
    items: [
      {
        at: '2024-11-20 21:30',
        text: 'Pilih kokos aja lah, calon tunggal itu bukan pilihan, itu paksaan. #PesbarPilihKosong',
      },
      { at: '2024-11-06 07:15', text: 'Pagi-pagi sudah dapat ikan tuhuk segar dari pasar Krui, langsung dibakar 🔥' },
      {
        at: '2024-10-24 19:00',
        kind: 'share',
        text: '',
        parent: {
          handle: 'kpu_pesisirbarat',
          name: 'KPU Pesisir Barat',
          text: 'Surat suara Pilkada Pesisir Barat memuat satu pasangan calon dan satu kolom kosong. Keduanya sah dicoblos.',
        },
      },
      {
        at: '2024-10-09 13:00',
        text: 'Kunjungan rumah penerima PKH hari ini, masih banyak anak putus sekolah. PR kita bersama.',
      },
      { at: '2024-09-26 20:00', text: 'Mulai hari ini masa kampanye. ASN, jempolmu dijaga ya 😅' },
    ],
  },
  // ── 15. Bayu Setiawan, BPBD, Way Kanan (18.08) ───────────────────────────────────────
  {
    platform: 'youtube',
    handle: 'BayuBPBDWayKanan',
    displayName: 'Bayu Siaga Bencana',
    bio: 'Edukasi kebencanaan Way Kanan',
    items: [
      {
        at: '2024-11-16 19:00',
        kind: 'caption',
        title: 'Simulasi Evakuasi Banjir di Kecamatan Blambangan Umpu',
        text: 'Latihan bersama relawan desa tangguh bencana menghadapi musim hujan.',
        alt: ['Thumbnail: petugas BPBD mendayung perahu karet di sungai'],
      },
      {
        at: '2024-11-07 20:30',
        kind: 'post',
        text: 'Way Kanan butuh pemimpin yang TEGAR menghadapi bencana. Sudah saatnya nomor 1! ☝️ #TeguhAnisa',
        alt: ['Foto petugas berompi oranye bersama calon bupati Teguh Prasetyo, mengacungkan satu jari'],
      },
      {
        at: '2024-10-23 19:00',
        kind: 'caption',
        title: 'Tas Siaga Bencana: Apa Saja Isinya?',
        text: 'Dokumen penting, obat, senter, air minum. Siapkan sebelum banjir datang.',
        alt: ['Thumbnail: ransel oranye berisi perlengkapan darurat'],
      },
      {
        at: '2024-10-10 08:30',
        kind: 'post',
        text: 'Peringatan dini: debit Way Umpu naik. Warga bantaran sungai mohon waspada.',
      },
      {
        at: '2024-09-29 19:30',
        kind: 'caption',
        title: 'Harapan Warga Terdampak Banjir untuk Pemimpin Baru',
        text: 'Kami merekam suara warga tanpa memihak calon mana pun. Tegar menghadapi musibah, itulah warga Way Kanan.',
        alt: ['Thumbnail: ibu-ibu berdiri di depan rumah yang terendam'],
      },
    ],
  },
  {
    platform: 'facebook',
    handle: 'bayu.setiawan.bpbd',
    displayName: 'Bayu Setiawan',
    bio: 'BPBD Kabupaten Way Kanan',
    items: [
      {
        at: '2024-11-18 16:00',
        kind: 'comment',
        text: 'Betul pak, harga TBS harus adil. Kami dukung penuh! ☝️',
        parent: {
          handle: 'teguhanisa.waykanan',
          name: 'Teguh - Anisa TEGAR',
          candidate: 'pilbup-waykanan-2024#1',
          text: 'Petani sawit Way Kanan butuh harga TBS yang adil. Way Kanan Tegar! #WayKananTegar',
        },
      },
      { at: '2024-11-05 09:30', text: 'Apel siaga bencana hidrometeorologi bersama TNI, Polri dan relawan.' },
      {
        at: '2024-10-20 18:00',
        text: 'Semua paslon bicara banjir, tapi siapa yang pernah turun langsung? Kita lihat rekam jejaknya.',
      },
      {
        at: '2024-10-04 12:10',
        text: 'Makan siang tempoyak ikan patin di Baradatu, mantap! 🐟',
        alt: ['Semangkuk gulai tempoyak dengan ikan patin'],
      },
      { at: '2024-09-25 20:00', text: 'Selamat ulang tahun istriku tercinta, semoga sehat selalu ❤️' },
    ],
  },
];

/** Edge-case pages: not in the watchlist (except the private one), there to exercise collector errors. */
export const edgeCaseSources: DemoAccountSource[] = [
  {
    /** Issue 12: the only cue is the campaign poster in the image (not on the default watchlist). */
    platform: 'facebook',
    handle: 'guru.poster',
    displayName: 'Sri Wahyuni',
    bio: 'Guru SD di Mesuji.',
    items: [{ at: '2024-11-10 07:15', text: 'Selamat pagi semua 🙏', posters: ['mesuji-2'] }],
  },
  {
    platform: 'facebook',
    handle: 'akun.terkunci',
    displayName: 'Akun Terkunci',
    bio: '',
    state: 'login_wall',
    items: [],
  },
  {
    platform: 'x',
    handle: 'akun_wajib_login',
    displayName: 'Wajib Login',
    bio: '',
    state: 'login_wall',
    items: [],
  },
  {
    /** Its third item is rendered without its id attribute (see server.ts, `malformed`). */
    platform: 'facebook',
    handle: 'halaman.rusak',
    displayName: 'Halaman Rusak',
    bio: 'Halaman uji: satu postingan tanpa id.',
    items: [
      { at: '2024-11-05 10:00', text: 'Postingan pertama yang utuh.' },
      { at: '2024-11-04 10:00', text: 'Postingan kedua yang utuh.' },
      { at: '2024-11-03 10:00', text: 'Postingan ketiga, markup-nya rusak: tidak ada data-post-id.' },
      { at: '2024-11-02 10:00', text: 'Postingan keempat yang utuh.' },
    ],
  },
];
