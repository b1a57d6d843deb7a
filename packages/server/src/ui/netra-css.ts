/** The whole stylesheet: small enough to keep in code, served from /assets so the CSP can stay strict. */
export const NETRA_CSS = `
:root { --ink:#1d2733; --muted:#5b6775; --line:#d7dde4; --accent:#0b5cad; --warn:#b3261e; --ok:#1e7b34; --bg:#f6f8fa; }
* { box-sizing: border-box; }
body { margin:0; font:15px/1.5 system-ui, sans-serif; color:var(--ink); background:var(--bg); }
header { display:flex; flex-wrap:wrap; gap:1rem; align-items:center; padding:.6rem 1.2rem; background:#fff; border-bottom:1px solid var(--line); }
header nav { display:flex; gap:.8rem; flex-wrap:wrap; }
header a { color:var(--accent); text-decoration:none; }
.brand { font-weight:700; font-size:1.2rem; }
.tagline { color:var(--muted); font-size:.85rem; }
.signout { margin-left:auto; display:flex; gap:.5rem; align-items:center; }
.who { color:var(--muted); font-size:.85rem; }
main { max-width:1200px; margin:0 auto; padding:1rem 1.2rem 3rem; }
table { width:100%; border-collapse:collapse; background:#fff; }
th, td { text-align:left; padding:.45rem .55rem; border-bottom:1px solid var(--line); vertical-align:top; overflow-wrap:anywhere; }
td table { width:100%; font-size:.85rem; }
.table-wrap { overflow-x:auto; }
th { background:#eef2f6; font-weight:600; font-size:.85rem; }
.score { font-variant-numeric: tabular-nums; font-weight:600; }
.post-text { white-space:pre-wrap; background:#fff; border:1px solid var(--line); padding:.8rem; border-radius:4px; }
mark { background:#ffe08a; padding:0 .1em; border-radius:2px; }
.flash { background:#e6f4ea; border:1px solid #b7dfc1; padding:.5rem .8rem; }
.error { background:#fdecea; border:1px solid #f3b8b3; padding:.5rem .8rem; color:var(--warn); }
form.inline { display:inline; }
fieldset { border:1px solid var(--line); background:#fff; margin:0 0 1rem; }
label { display:block; margin:.35rem 0; }
input, select, textarea, button { font:inherit; padding:.3rem .45rem; }
button { background:var(--accent); color:#fff; border:0; border-radius:3px; cursor:pointer; }
.grid { display:grid; grid-template-columns: 2fr 1fr; gap:1.2rem; }
.card { background:#fff; border:1px solid var(--line); border-radius:4px; padding:.8rem 1rem; margin-bottom:1rem; }
dl { display:grid; grid-template-columns: max-content 1fr; gap:.2rem .8rem; margin:0; }
dt { color:var(--muted); }
.filters { display:flex; gap:.6rem; flex-wrap:wrap; align-items:end; margin-bottom:1rem; }
.status-open { color:var(--accent); } .status-confirmed { color:var(--warn); } .status-dismissed { color:var(--ok); }
img.evidence { max-width:100%; border:1px solid var(--line); }
code { font-size:.8rem; word-break:break-all; }
.skip-link { position:absolute; left:-999px; top:0; background:#fff; padding:.4rem .8rem; z-index:10; }
.skip-link:focus { left:.5rem; }
.visually-hidden { position:absolute; width:1px; height:1px; overflow:hidden; clip-path:inset(50%); white-space:nowrap; }
main:focus, .post:focus { outline:2px solid var(--accent); outline-offset:2px; }
.post-text, td, dd, li, p { overflow-wrap:break-word; }
.item-nav { display:flex; flex-wrap:wrap; gap:.4rem 1rem; align-items:center; margin-bottom:.6rem; }
.item-nav .search-inline { margin-left:auto; }
.search-inline input { max-width:16rem; }
.claim { padding:.4rem .7rem; border-radius:4px; }
.claim.mine { background:#e8f0fb; } .claim.other { background:#fff4e5; border:1px solid #f0c27a; }
.suggestion[data-source=model] { background:#fff4e5; border-left:4px solid #f0a020; padding:.3rem .6rem; }
.field-error { color:var(--warn); margin:.1rem 0 .4rem; font-size:.9rem; }
[aria-invalid=true] { border:2px solid var(--warn); }
fieldset.plain { border:0; padding:0; margin:0; background:none; }
fieldset.violation-fields, fieldset.dismiss-fields { padding:.4rem .7rem; }
label.radio { display:flex; gap:.4rem; align-items:center; }
.decision-form select, .decision-form textarea { width:100%; max-width:100%; }
button.secondary, button.link-button { background:none; color:var(--accent); border:1px solid var(--accent); }
button.link-button { border:0; padding:0; text-decoration:underline; }
kbd { border:1px solid var(--line); border-bottom-width:2px; border-radius:3px; padding:0 .3em; font-size:.8rem; background:#fff; }
.kbd-help { position:fixed; inset:0; background:rgba(0,0,0,.35); display:flex; align-items:center; justify-content:center; padding:1rem; z-index:20; }
.kbd-help[hidden] { display:none; }
.kbd-help .card { max-width:28rem; width:100%; }
.kbd-hint { font-size:.85rem; }
.evidence, figure.shot img { max-width:100%; height:auto; cursor:zoom-in; }
figure { margin:.6rem 0; }
.tabs a[aria-current] { font-weight:700; }
.status-counts a { margin-right:.6rem; text-decoration:none; }
.charts { display:grid; grid-template-columns:repeat(auto-fit, minmax(min(100%, 30rem), 1fr)); gap:1rem; }
.chart-svg { width:100%; height:auto; display:block; }
.chart-label, .chart-value { font-size:12px; fill:var(--ink); }
.seg-open { fill:#0b5cad; background:#0b5cad; } .seg-confirmed { fill:#b3261e; background:#b3261e; }
.seg-dismissed { fill:#1e7b34; background:#1e7b34; } .seg-other { fill:#8a8f98; background:#8a8f98; }
.seg-decided { fill:#6a3fb5; }
.legend .key { display:inline-block; width:.8em; height:.8em; margin-left:.6em; }
@media (max-width: 800px) {
  .grid { grid-template-columns: 1fr; }
  main { padding:.6rem .6rem 2rem; }
  header { padding:.5rem .6rem; gap:.5rem; }
  .signout { margin-left:0; }
  .item-nav .search-inline { margin-left:0; width:100%; }
  .search-inline input { max-width:100%; width:100%; }
  dl { grid-template-columns: 1fr; }
  dd { margin-left:0; }
  table.queue thead { display:none; }
  table.queue tr, table.queue td { display:block; }
  table.queue tr { border-bottom:2px solid var(--line); }
}
.deadline-overdue { color:var(--warn); font-weight:600; } tr.deadline-overdue { background:#fdecea; }
.deadline-near { color:#8a5a00; font-weight:600; } tr.deadline-near { background:#fff4d6; }
.verified { color:var(--ok); }
.ocr-figure { position:relative; display:inline-block; max-width:100%; }
.ocr-figure img.evidence { display:block; height:auto; }
.ocr-figure svg.ocr-boxes { position:absolute; left:0; top:0; width:100%; height:100%; pointer-events:none; }
.ocr-word { fill:none; stroke:#1565c0; stroke-width:2; vector-effect:non-scaling-stroke; }
.ocr-evidence { fill:rgba(255,213,0,.35); stroke:#c62828; stroke-width:3; }
textarea.ocr-text { width:100%; font-family:inherit; }
`;
