/** Data of a Form A / temuan dossier, already resolved to display strings (times carry their zone). */
export interface DossierData {
  caseNumber: string;
  caseTypeLabel: string;
  officeName: string;
  regimeLabel: string;
  contestName: string;
  stageLabel: string;
  targetStatusLabel: string;
  officers: { name: string; position: string; assignmentLetterNo: string; office: string }[];
  foundAtLabel: string;
  deadlines: { label: string; dueLabel: string; basis: string }[];
  person: {
    name: string;
    nip: string;
    position: string;
    rankGrade: string;
    agency: string;
    unit: string;
    ppk: string;
    region: string;
  };
  chronology: string;
  facts: string;
  analysis: string;
  witnesses: { name: string; address: string }[];
  articles: string[];
  behaviour: string;
  violationType: string;
  track: string;
  suggestedTrack: string;
  reviews: { who: string; when: string; what: string }[];
  items: {
    url: string;
    platform: string;
    postedAtLabel: string;
    /** The post's day against the contest it was matched to, with the zone (`contestTimingLine`); '' undated. */
    contestTimingLabel: string;
    text: string;
    stageLabel: string;
    collector: string;
    collectorVersion: string;
    status: string;
    artefacts: { kind: string; sha256: string; bytes: number; capturedAtLabel: string; imageDataUri: string | null }[];
  }[];
  manifestText: string;
  manifestSha256: string;
  generatedAtLabel: string;
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const e = (v: string | number) => String(v).replace(/[&<>"']/g, (c) => ESC[c] ?? c);
const para = (v: string) =>
  v.trim()
    ? v
        .split(/\n+/)
        .map((l) => `<p>${e(l)}</p>`)
        .join('')
    : '<p>—</p>';
const rowsOf = (pairs: [string, string][]) =>
  pairs.map(([k, v]) => `<tr><th>${e(k)}</th><td>${e(v || '—')}</td></tr>`).join('');

/**
 * The dossier as one self-contained HTML page for Chromium's print-to-PDF: A4, Indonesian, sections I–IV of
 * Formulir Model A filled from the case, then the evidence annex (every post, screenshot, capture time with
 * zone, URL, collector and version, SHA-256 of each artefact and of the manifest, edit/deletion status).
 * Everything interpolated is escaped (post text is written by strangers); screenshots come as data URIs so
 * the page loads nothing from anywhere.
 */
export function dossierHtml(d: DossierData): string {
  const officerRows = d.officers
    .map(
      (o, i) =>
        `<tr><th>Pengawas ${i + 1}</th><td>${e(o.name)}; jabatan: ${e(o.position || '—')}; nomor surat perintah tugas: ${e(o.assignmentLetterNo || '—')}; ${e(o.office)}</td></tr>`,
    )
    .join('');
  const annex = d.items
    .map(
      (item, i) => `<section class="item">
<h3>Lampiran ${i + 1}: unggahan ${e(item.platform)}</h3>
<table>${rowsOf([
        ['URL', item.url],
        ['Waktu unggah', item.postedAtLabel],
        ['Tanggal unggah dan pemilihan', item.contestTimingLabel || 'tidak diketahui (unggahan tanpa tanggal)'],
        ['Tahapan saat unggah', item.stageLabel],
        ['Kolektor', `${item.collector} (versi ${item.collectorVersion})`],
        ['Status unggahan', item.status],
      ])}</table>
<h4>Isi unggahan</h4><div class="post">${para(item.text)}</div>
<h4>Artefak bukti</h4>
<table class="hashes"><tr><th>Jenis</th><th>Waktu tangkap</th><th>Ukuran</th></tr>
${item.artefacts.map((a) => `<tr><td>${e(a.kind)}</td><td>${e(a.capturedAtLabel)}</td><td>${a.bytes} bita</td></tr><tr><td colspan="3">SHA-256<br><span class="hash">${e(a.sha256)}</span></td></tr>`).join('')}
</table>
${item.artefacts
  .filter((a) => a.imageDataUri)
  .map(
    (a) =>
      `<figure><img src="${e(a.imageDataUri ?? '')}" alt="tangkapan layar"><figcaption>SHA-256 ${e(a.sha256)}</figcaption></figure>`,
  )
  .join('')}
</section>`,
    )
    .join('');
  return `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${e(d.caseNumber)}</title>
<style>
@page { size: A4; margin: 18mm 16mm; }
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 10pt; color: #000; }
h1 { font-size: 14pt; text-align: center; margin: 0 0 4mm; } h2 { font-size: 11.5pt; margin: 6mm 0 2mm; border-bottom: 1px solid #000; }
h3 { font-size: 10.5pt; margin: 4mm 0 2mm; } h4 { font-size: 10pt; margin: 3mm 0 1mm; }
table { width: 100%; border-collapse: collapse; margin-bottom: 2mm; } th, td { border: 1px solid #444; padding: 1.5mm; vertical-align: top; text-align: left; }
th { width: 32%; background: #eee; } .hashes th { width: auto; } .hash { font-family: 'DejaVu Sans Mono', monospace; font-size: 8pt; white-space: nowrap; }
.post { border: 1px solid #888; padding: 2mm; white-space: pre-wrap; } .item { page-break-inside: auto; }
img { max-width: 100%; max-height: 120mm; border: 1px solid #888; } .center { text-align: center; } .manifest { font-family: monospace; font-size: 7pt; word-break: break-all; }
</style></head><body>
<h1>FORMULIR MODEL A<br>LAPORAN HASIL PENGAWASAN — ${e(d.caseTypeLabel.toUpperCase())}</h1>
<p class="center">Nomor: ${e(d.caseNumber)}<br>${e(d.officeName)}</p>
<h2>I. Data Pengawas</h2>
<table>${rowsOf([
    ['Tahapan yang diawasi', `${d.regimeLabel} — ${d.contestName}`],
    ['Tahapan saat perbuatan', d.stageLabel],
  ])}${officerRows}</table>
<h2>II. Kegiatan Pengawasan</h2>
<table>${rowsOf([
    ['Bentuk', 'Pengawasan siber akun media sosial ASN terdaftar (Netra)'],
    ['Tujuan', 'Mengawasi netralitas ASN dalam pemilu/pemilihan'],
    ['Sasaran', `${d.person.name}, ${d.person.position}, ${d.person.agency}`],
    ['Tanggal ditemukan/diketahui', d.foundAtLabel],
  ])}</table>
<h2>III. Uraian Singkat Hasil Pengawasan</h2>
${para(d.chronology)}
<h2>IV. Informasi Dugaan Pelanggaran</h2>
<h3>1. Peristiwa dan pelaku</h3>
<table>${rowsOf([
    ['Nama', d.person.name],
    ['NIP', d.person.nip],
    ['Jabatan', d.person.position],
    ['Pangkat/golongan', d.person.rankGrade],
    ['Instansi', d.person.agency],
    ['Unit kerja', d.person.unit],
    ['Pejabat Pembina Kepegawaian', d.person.ppk],
    ['Wilayah', d.person.region],
    ['Status sasaran saat perbuatan', d.targetStatusLabel],
  ])}</table>
<h3>2. Saksi</h3>
<table>${d.witnesses.map((w, i) => `<tr><th>Saksi ${i + 1}</th><td>${e(w.name)}; ${e(w.address || '—')}</td></tr>`).join('') || '<tr><td>—</td></tr>'}</table>
<h3>3–4. Alat bukti dan barang bukti</h3>
<p>${d.items.length} unggahan dengan ${d.items.reduce((n, i) => n + i.artefacts.length, 0)} artefak digital (lihat Lampiran). SHA-256 manifes bukti:<br><span class="hash">${e(d.manifestSha256)}</span></p>
<h3>5. Uraian singkat dugaan pelanggaran</h3>
<table>${rowsOf([
    ['Pasal yang diduga dilanggar', d.articles.join('; ')],
    ['Perilaku (matriks SKB 2022)', d.behaviour],
    ['Jenis dugaan pelanggaran', d.violationType],
    ['Jalur yang dipilih analis', d.track],
    ['Saran jalur menurut matriks SKB', d.suggestedTrack],
  ])}</table>
<h3>6. Fakta dan keterangan</h3>
${para(d.facts)}
<h3>7. Analisis</h3>
${para(d.analysis)}
<h3>Batas waktu penanganan</h3>
<table><tr><th>Tahap</th><th>Batas waktu</th><th>Dasar hukum</th></tr>
${d.deadlines.map((x) => `<tr><td>${e(x.label)}</td><td>${e(x.dueLabel)}</td><td>${e(x.basis)}</td></tr>`).join('')}</table>
<h3>Riwayat telaah</h3>
<table><tr><th>Oleh</th><th>Waktu</th><th>Keputusan</th></tr>
${d.reviews.map((r) => `<tr><td>${e(r.who)}</td><td>${e(r.when)}</td><td>${e(r.what)}</td></tr>`).join('')}</table>
<h2>Lampiran Bukti</h2>
${annex}
<h3>Manifes bukti</h3>
<p>SHA-256 manifes:<br><span class="hash">${e(d.manifestSha256)}</span></p>
<p class="manifest">${e(d.manifestText)}</p>
<p>Dokumen dibuat oleh Netra pada ${e(d.generatedAtLabel)}. Keputusan dibuat oleh manusia; model hanya menandai.</p>
</body></html>`;
}
