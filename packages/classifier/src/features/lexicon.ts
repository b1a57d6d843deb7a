import { fold } from '../normalise/fold.ts';
import { standardise } from '../normalise/slang.ts';

/** A space-separated word list as a set of folded, standardised keys (how tokens are matched). */
export const wordSet = (words: string): Set<string> =>
  new Set(
    words
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => standardise(fold(w))),
  );

/**
 * Cue words, matched on folded + standardised tokens. They are general Indonesian (and Javanese/Sundanese/
 * Lampung/Malay) vocabulary of campaigning and of its hard negatives, never names of this year's candidates.
 */
export const LEXICON = {
  /** Verbs of voting and backing: the target must be a candidate or ballot number to mean a vote call. */
  vote: wordSet('coblos pilih dukung menangkan contreng centang colok tusuk nderek ndherek pilihlah cobloslah'),
  /** Exhortation and commitment. */
  exhort: wordSet(
    'ayo jangan lupa ingat harus wajib siap pokoknya pasti insyaallah bismillah gas gaspol tancap all lanjutkan lanjut ' +
      'putaran periode sepakat kompak solid bulat menang titik amin aamiin kawal',
  ),
  /** Praise and allegiance. */
  support: wordSet(
    'pemimpin layak pantas terbaik mantap keren cocok bersamamu bersama relawan pemenangan sukses percaya juara ' +
      'peduli merakyat tegas jujur bukti nyata harapan masa depan idola andalan jagoan sayang cinta pro bangga ' +
      'semangat menang jagokan dukung',
  ),
  /** Attack and mockery. */
  contra: wordSet(
    'tolak gagal bohong palsu pencitraan omong doang nongol mendadak korup korupsi hancur rusak malu zonk abal ' +
      'tipu penipu janji manis lumping level ganti asal bukan kapok sinyal jangan percuma ngibul tukang',
  ),
  /** Election administration, news and neutrality vocabulary (hard negatives). */
  admin: wordSet(
    'kpu bawaslu panwas panwaslu panwascam kpps pps ppk dpt tps logistik bimtek rekapitulasi penetapan pengundian ' +
      'surat suara sah sosialisasi imbauan himbauan netral golput hak persatuan damai hoaks sanksi laporkan lapor ' +
      'pelanggaran diperiksa politik uang berita info pengumuman debat survei quick count dilansir sumber ' +
      'tahapan jadwal pemungutan penghitungan formulir ktp ekt perekaman pemilih pemula disabilitas kotak ' +
      'masa tenang apk alat peraga aturan larangan dilarang regulasi pidana klarifikasi siapapun siapa pun ' +
      'manapun mana apapun bebas rahasia luber jurdil tertib aman kondusif edukasi integritas patroli pengawasan ' +
      'teruskan diteruskan screenshot oknum dugaan diduga temuan ditemukan ditindak disanksi ditertibkan',
  ),
  /** Government role and duty vocabulary. */
  official: wordSet(
    'pj plt meresmikan peresmian kunjungan kunker rapat dinas pemkab pemprov pemda apel upacara sambutan pelantikan ' +
      'program pemerintah kegiatan bansos pkh puskesmas sekolah bupati gubernur wakil kepala camat lurah kades',
  ),
  /** Words that make a ballot number out of a bare number. */
  ballotPrefix: wordSet('nomor paslon urut calon kolom no'),
  /** Gesture and photo words. */
  gesture: wordSet('jari salam foto pose twibbon bingkai frame profil selfie poto'),
  /** Sharing campaign events and material. */
  share: wordSet(
    'share bagikan sebarkan ramaikan hadiri hadir kampanye akbar link video live poster flyer brosur stiker kaos ' +
      'baliho spanduk atribut undangan deklarasi orasi blusukan konsolidasi posko',
  ),
  firstPerson: wordSet('saya kami kita sekeluarga keluarga warga kampung'),
  governor: wordSet('gubernur pilgub cagub cawagub wagub provinsi prov gub'),
  regent: wordSet(
    'bupati pilbup cabup cawabup wabup kabupaten walikota wali pilwalkot pilwali walkot wakot cawalkot cawawali ' +
      'wawali wawalkot kota',
  ),
  negation: wordSet('tidak bukan jangan belum tanpa'),
  /** The author speaking for themself (Indonesian, slang, Javanese, Sundanese, Betawi). */
  firstSingular: wordSet('aku saya gue gua gw sy ane aing abdi kula inyong ingsun ogut akoh'),
  /** Addressing someone: second person and vocatives. */
  second: wordSet('kamu kau lu lo loe elu km anda sampeyan kowe awakmu maneh kalian sia ente situ'),
  laugh: wordSet('wkwk wkwkwk wk haha hahaha hehe hihi kwkw awokwok xixi ngakak'),
  /** Evaluative words (praise or scorn) that a reporter's sentence avoids. */
  evaluative: wordSet(
    'hebat bagus jelek bodoh dungu goblok bego pinter cerdas pintar keren mantap parah payah lucu malu memalukan ' +
      'songong sombong licik munafik hipokrit badut kampungan norak luar biasa top jos juara terbaik kacau ngawur ' +
      'ngaco asal halu bohong pembohong hebatnya gemoy gila edan sinting planga plongo omon',
  ),
  /** The praising and the scornful halves of `evaluative` (which one sits next to which candidate, issue 7). */
  praise: wordSet('hebat bagus pinter cerdas pintar keren mantap top jos juara terbaik luar biasa hebatnya'),
  scorn: wordSet(
    'jelek bodoh dungu goblok bego parah payah memalukan malu songong sombong licik munafik hipokrit badut kampungan ' +
      'norak kacau ngawur ngaco halu bohong pembohong gila edan sinting omon pecundang',
  ),
  /** Imperatives and invitations of the author's own voice. */
  imperative: wordSet('ayo ayok yuk yok mari gas gaskeun hayu hayuk monggo sok pilihlah cobloslah dukunglah menangkan'),
  /** Reporting verbs and attribution: a sentence about what someone else said or did. */
  reporting: wordSet(
    'mengatakan menurut ujar ucap ungkap mengungkapkan menyebut menyebutkan menegaskan menjelaskan menilai dinilai ' +
      'mengaku mengklaim klaim dilansir melaporkan dilaporkan menyampaikan disampaikan menanggapi merespon merespons ' +
      'mengajak menggelar digelar melaksanakan dilaksanakan tiba menghadiri dihadiri bertolak berkunjung meninjau ' +
      'resmi secara tampil bertemu menemui mendaftar didaftarkan ditetapkan',
  ),
  /** Polls, counts and results. */
  poll: wordSet(
    'survei survey elektabilitas persen quick count real hitung cepat hasil unggul ungguli mengungguli responden ' +
      'margin rekapitulasi perolehan',
  ),
  /** Time and place words typical of news copy. */
  newsTime: wordSet(
    'senin selasa rabu kamis jumat sabtu minggu wib wita wit kemarin pagi siang sore malam kantor gedung',
  ),
  /** Mobilisation without a name: rallies, transport, gatherings, collecting ID copies. */
  mobilise: wordSet(
    'kumpul berkumpul bus bis konvoi rombongan jalan sehat senam acara apel akbar rapat umum hadiri datang titik ' +
      'fotokopi fotocopy ktp kk posko relawan bareng',
  ),
  /** Comparison and preference: `mending`, `lebih baik`, `daripada`. */
  compare: wordSet('mending mendingan daripada drpd dibanding dibandingkan ketimbang lebih'),
  /** Wishes and prayers: `semoga menang`, `mugi`, `moga`. */
  wish: wordSet('semoga moga mugi mudah insyaallah aamiin amin doakan doa harap harapan'),
  // Issue 7, 2026-11-29: colloquial-stance lexicons written from general knowledge of Indonesian, Javanese,
  // Sundanese and Betawi online speech (not mined from any corpus). They feed the signals of
  // `colloquial-stance.ts` only; the older lexicons (and the cue-near-candidate pass reading `praise`/`scorn`) are unchanged.
  /** Agreeing with someone else's point (a reply whose target is in the parent): `setuju`, `leres`, `satuju`. */
  agree: wordSet('setuju sepakat betul bener benar sarujuk satuju akur tul yoi sip bnr stuju setujuh cocok'),
  /**
   * Colloquial and regional praise and allegiance beyond `support`/`praise`: Javanese `apik`, `top markotop`,
   * Sundanese `hade`, `alus`, slang `gokil`, `respek`, virtues said of a leader (`amanah`, `lurus`).
   */
  praiseColloquial: wordSet(
    'respek respect hormat kagum mengagumkan terharu bangga idola idolaku panutan teladan negarawan pahlawan pejuang ' +
      'amanah adil bijak bijaksana soleh sholeh alim tulus ikhlas sabar santun sopan ramah humble sederhana ' +
      'berwibawa karismatik gagah berani pemberani waras lurus bersih berintegritas terbukti berpengalaman ' +
      'visioner solutif konkret berprestasi prestasi berhasil inspiratif menginspirasi adem sejuk teduh ' +
      'gokil mantul markotop kece jempolan cakep ' +
      // Javanese, Sundanese, Betawi: good, clever, caring, humble.
      'apik becik sae mumpuni ngayomi ngemong hade alus bageur calakan someah ' +
      'jagoanku pilihanku presidenku gubernurku capresku cagubku pemimpinku calonku paslonku',
  ),
  /**
   * Colloquial and regional scorn, insult and distrust (Javanese `ngapusi`, `ndlogok`; Sundanese `goblog`,
   * `belegug`; Betawi `belagu`, `sotoy`; camp epithets; distrust of promises and dynasties).
   */
  attackColloquial: wordSet(
    'cebong kampret kadrun buzer buzzer buzzerp antek boneka kacung jongos wayang dinasti oligarki nepotisme kkn ' +
      'rezim curang kecurangan culas serakah rakus tamak maling rampok koruptor busuk bobrok amburadul berantakan ' +
      'idiot tolol bloon oon bebal sarap stres ngimpi delusi dusta pendusta fitnah memfitnah pengecut penakut ' +
      'cemen cupu receh murahan alay arogan angkuh kasar emosian baper blunder gagap asbun ngasal berbelit ' +
      'labil bunglon sandiwara dagelan lawak lelucon ambisius gimik gimmick settingan lebay omdo nyinyir ' +
      'diktator otoriter zalim dzalim khianat pengkhianat kafir sesat ambyar ancur kacau balau terpuruk ' +
      'pembual bualan ngelantur melantur ngeles mencla plin plan plinplan lengserkan makzulkan tukang ' +
      // Javanese, Sundanese, Betawi: stupid, lying, coward, arrogant, rude exclamations.
      'elek gemblung ndlogok ngapusi mbujuki mbelgedes taek ndasmu koplak goblog belegug borangan ngabohong ' +
      'kehed lieur belagu sotoy songong asu jancuk cuk cuih najis muak ogah emoh wegah keok',
  ),
  president: wordSet('presiden capres cawapres pilpres wapres istana nasional'),
  generic: wordSet(
    'paslon calon kandidat pilkada pemilu cagub cabup cawagub cawabup pilgub pilbup cawalkot cawawali pilwalkot ' +
      'pilwali walkot',
  ),
};

/** Emoji that cheer or mock. */
export const POSITIVE_EMOJI = new Set([
  '👍',
  '💪',
  '🔥',
  '💯',
  '👌',
  '🙏',
  '❤',
  '💚',
  '💙',
  '❤️',
  '😍',
  '🥰',
  '👏',
  '🫡',
  '✊',
]);
export const MOCK_EMOJI = new Set(['😂', '🤣', '🙃', '😏', '🤡', '🙄', '😒', '🤦', '😅', '🐟']);
