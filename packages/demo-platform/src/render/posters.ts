import sharp from 'sharp';

/**
 * Campaign posters served as PNG images (issue 12): the only cue of some demo posts is the text in their
 * image. Drawn from SVG with the DejaVu fonts every Debian machine has; the names are the corpus registry's.
 */
const POSTERS: Record<string, { bg: string; fg: string; accent: string; lines: [string, number][] }> = {
  'mesuji-2': {
    bg: '#b3001b',
    fg: '#ffffff',
    accent: '#ffd400',
    lines: [
      ['CALON BUPATI &amp; WAKIL BUPATI MESUJI', 30],
      ['BAMBANG WIJAYA', 64],
      ['NURUL HASANAH', 64],
      ['COBLOS NOMOR 2', 72],
      ['Mesuji Bersinar, Desa Berdaya', 40],
      ['#MesujiBersinar', 40],
    ],
  },
};

export const POSTER_NAMES = Object.keys(POSTERS);

function svgOf(name: string): string | null {
  const p = POSTERS[name];
  if (!p) return null;
  let y = 110;
  const text = p.lines
    .map(([line, size], i) => {
      y += size + (i === 0 ? 0 : 42);
      const fill = i === 3 || i === 5 ? p.accent : p.fg;
      return `<text x="450" y="${y}" text-anchor="middle" font-family="DejaVu Sans" font-weight="bold" font-size="${size}" fill="${fill}">${line}</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="900"><rect width="900" height="900" fill="${p.bg}"/><rect x="30" y="30" width="840" height="840" fill="none" stroke="${p.accent}" stroke-width="8"/>${text}</svg>`;
}

const cache = new Map<string, Promise<Buffer>>();

/** The poster's PNG bytes, or null for an unknown name. */
export function posterPng(name: string): Promise<Buffer> | null {
  const svg = svgOf(name);
  if (!svg) return null;
  let png = cache.get(name);
  if (!png) {
    png = sharp(Buffer.from(svg)).png().toBuffer();
    cache.set(name, png);
  }
  return png;
}

/** `<img>` tags for an item's posters, at the size the page shows them. */
export function posterImages(names: string[] | undefined, cls: string): string {
  if (!names?.length) return '';
  return names
    .map(
      (n) => `<img class="${cls}" src="/static/poster/${encodeURIComponent(n)}.png" width="450" height="450" alt="">`,
    )
    .join('');
}
