/**
 * A small list of the passwords (and password stems) guessed first: the top of public breach lists plus
 * Indonesian favourites. Compared after lower-casing, undoing common letter substitutions (`p@ssw0rd`) and
 * stripping trailing digits and symbols (`password1234`), so the list can stay short and shipped in-tree.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  `password passw passwd pass sandi katasandi rahasia admin administrator root user guest login welcome
  letmein qwerty qwertyuiop asdf asdfgh asdfghjkl zxcvbnm qazwsx iloveyou love monkey dragon master
  sunshine princess football baseball soccer superman batman trustno shadow michael jennifer hello
  freedom whatever starwars computer internet secret changeme default abc abcd abcdef test testing
  netra bawaslu indonesia jakarta bandung surabaya merdeka garuda pancasila bismillah alhamdulillah
  sayang cinta rindu ganteng cantik doraemon naruto persija persib aremania bangsa rakyat pemilu
  pilkada pemerintah kantor pegawai asn pns mesuji lampung samarinda makassar medan bali papua
  passphrase iloveu loveyou welkom mypassword
  kucing anjing rumah sekolah guru dokter polisi tentara bapak ibu keluarga allah islam muhammad
  dinas bupati walikota gubernur kecamatan desa kelurahan`.split(/\s+/),
);
