/** Small helpers shared by the test-set layouts: seeded randomness, escaping, palettes, fonts, fake photos. */

export type Rand = () => number;

/** mulberry32: the same seed gives the same test set on every machine. */
export function seeded(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pickFrom = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Background / main text / accent text / badge colours of a poster, the way campaign teams pick them. */
export interface Palette {
  bg: string;
  bg2: string;
  fg: string;
  accent: string;
  badge: string;
  badgeFg: string;
}

export const PALETTES: readonly Palette[] = [
  { bg: '#c8102e', bg2: '#7a0016', fg: '#ffffff', accent: '#ffd400', badge: '#ffffff', badgeFg: '#c8102e' },
  { bg: '#0b3d91', bg2: '#061f4a', fg: '#ffffff', accent: '#ffcc00', badge: '#ffcc00', badgeFg: '#0b3d91' },
  { bg: '#0a7d3b', bg2: '#044d22', fg: '#ffffff', accent: '#f7f7f7', badge: '#ffffff', badgeFg: '#0a7d3b' },
  { bg: '#ff8c00', bg2: '#c25e00', fg: '#111111', accent: '#ffffff', badge: '#111111', badgeFg: '#ffffff' },
  { bg: '#f4f1e8', bg2: '#dcd5c0', fg: '#1b1b1b', accent: '#b3001b', badge: '#b3001b', badgeFg: '#ffffff' },
  { bg: '#5b2a86', bg2: '#2e1247', fg: '#ffffff', accent: '#ffe066', badge: '#ffe066', badgeFg: '#2e1247' },
  { bg: '#ffffff', bg2: '#e8eef7', fg: '#0b3d91', accent: '#d00000', badge: '#0b3d91', badgeFg: '#ffffff' },
  { bg: '#111111', bg2: '#333333', fg: '#ffffff', accent: '#00c2ff', badge: '#00c2ff', badgeFg: '#111111' },
  { bg: '#ffd400', bg2: '#f2a900', fg: '#1a1a1a', accent: '#b00020', badge: '#1a1a1a', badgeFg: '#ffd400' },
];

/** Font stacks present on a Debian machine with the setup's fonts (DejaVu, Liberation). */
export const FONTS: readonly { family: string; weight: number; style: string }[] = [
  { family: "'DejaVu Sans', sans-serif", weight: 700, style: 'normal' },
  { family: "'DejaVu Sans', sans-serif", weight: 400, style: 'normal' },
  { family: "'DejaVu Serif', serif", weight: 700, style: 'normal' },
  { family: "'DejaVu Sans Condensed', 'DejaVu Sans', sans-serif", weight: 700, style: 'normal' },
  { family: "'Liberation Sans', 'DejaVu Sans', sans-serif", weight: 700, style: 'normal' },
  { family: "'Liberation Serif', 'DejaVu Serif', serif", weight: 700, style: 'italic' },
  { family: "'DejaVu Sans Mono', monospace", weight: 700, style: 'normal' },
];

/**
 * A generated "photo": soft blobs, a sky/ground split and a person-shaped silhouette, drawn in CSS. Real photos
 * behind twibbon frames add texture and colour that the OCR must ignore; this stands in for them.
 */
export function fakePhoto(rand: Rand, width: number, height: number): string {
  const hue = Math.floor(rand() * 360);
  const blobs = Array.from({ length: 7 }, () => {
    const r = 40 + Math.floor(rand() * 160);
    const x = Math.floor(rand() * width);
    const y = Math.floor(rand() * height);
    const h = (hue + Math.floor(rand() * 120)) % 360;
    return `<div style="position:absolute;left:${x - r}px;top:${y - r}px;width:${2 * r}px;height:${2 * r}px;border-radius:50%;background:hsl(${h} 45% ${35 + Math.floor(rand() * 35)}%);filter:blur(${6 + Math.floor(rand() * 14)}px)"></div>`;
  }).join('');
  const cx = Math.floor(width * (0.35 + rand() * 0.3));
  const head = Math.floor(Math.min(width, height) * 0.12);
  const skin = `hsl(${20 + Math.floor(rand() * 15)} 45% ${40 + Math.floor(rand() * 25)}%)`;
  const shirt = `hsl(${Math.floor(rand() * 360)} 35% ${30 + Math.floor(rand() * 30)}%)`;
  return `<div style="position:absolute;inset:0;background:linear-gradient(180deg,hsl(${hue} 50% 75%) 0%,hsl(${(hue + 40) % 360} 35% 55%) 60%,hsl(${(hue + 80) % 360} 30% 35%) 100%);overflow:hidden">${blobs}
<div style="position:absolute;left:${cx - head}px;top:${Math.floor(height * 0.3)}px;width:${2 * head}px;height:${Math.floor(2.3 * head)}px;border-radius:50%;background:${skin}"></div>
<div style="position:absolute;left:${cx - 2.4 * head}px;top:${Math.floor(height * 0.3 + 2.2 * head)}px;width:${4.8 * head}px;height:${height}px;border-radius:${2 * head}px ${2 * head}px 0 0;background:${shirt}"></div></div>`;
}

export function page(width: number, height: number, body: string, background = '#ffffff'): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>*{box-sizing:border-box;margin:0;padding:0}html,body{width:${width}px;height:${height}px;overflow:hidden;background:${background}}</style></head><body><div style="position:relative;width:${width}px;height:${height}px;overflow:hidden">${body}</div></body></html>`;
}
