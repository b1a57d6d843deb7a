import { fold } from '../normalise/fold.ts';
import type { Token } from '../normalise/tokenize.ts';
import { LEXICON } from './lexicon.ts';

/**
 * Words of stance (praise, scorn, support, attack, voting, exhortation): one of these among the post's own words is
 * the author adding a verdict to the headline, which the guideline no longer counts as reporting without stance.
 */
const STANCE = new Set([
  ...LEXICON.evaluative,
  ...LEXICON.praiseColloquial,
  ...LEXICON.attackColloquial,
  ...LEXICON.support,
  ...LEXICON.contra,
  ...LEXICON.vote,
  ...LEXICON.exhort,
  ...LEXICON.agree,
]);

/** The words of a link's path (`/berita/2034/paslon-dua-kampanye-di-alun-alun` → `berita 2034 paslon dua …`), folded. */
function slugWords(url: string, into: Set<string>): void {
  let path: string;
  try {
    path = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`).pathname;
  } catch {
    return;
  }
  for (const w of path.split(/[^\p{L}\p{N}]+/u)) if (w.length > 1) into.add(fold(w));
}

/**
 * Headline copy (issue 7, 2026-11-29, docs/classifier.md "1.10.0"): the post is
 * a news headline shared with its own link — at least four of its words are in the link's path (the outlet's slug
 * of that headline) and at most two words are not (an outlet name, `VIDEO`, `via`), none of them a word of stance. The guideline keeps "news
 * reporting or quoting without stance" neutral, and such a post adds nothing of its own. A registry hashtag
 * (`campaignTag`) is campaign material the author added, so it keeps the post in the model's hands.
 * Links, @handles, hashtags and emoji are not words here.
 */
export function headlineCopy(tokens: readonly Token[], campaignTag: boolean): boolean {
  if (campaignTag) return false;
  let slug: Set<string> | null = null;
  for (const t of tokens) {
    if (t.kind !== 'url') continue;
    slug ??= new Set();
    slugWords(t.raw, slug);
  }
  if (!slug || slug.size < 4) return false;
  let inSlug = 0;
  let own = 0;
  for (const t of tokens) {
    if (t.kind !== 'word' || t.raw.length < 2) continue;
    if (slug.has(fold(t.raw))) inSlug++;
    else if (++own > 2 || STANCE.has(t.key)) return false;
  }
  return inSlug >= 4;
}
