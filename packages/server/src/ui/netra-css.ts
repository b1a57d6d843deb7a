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
.ocr-figure { position:relative; display:inline-block; max-width:100%; }
.ocr-figure img.evidence { display:block; height:auto; }
.ocr-figure svg.ocr-boxes { position:absolute; left:0; top:0; width:100%; height:100%; pointer-events:none; }
.ocr-word { fill:none; stroke:#1565c0; stroke-width:2; vector-effect:non-scaling-stroke; }
.ocr-evidence { fill:rgba(255,213,0,.35); stroke:#c62828; stroke-width:3; }
textarea.ocr-text { width:100%; font-family:inherit; }
`;
