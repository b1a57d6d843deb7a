/**
 * Whether any of `indexes` lies within `window` tokens of any of `targets`: a cue word counts for a candidate only
 * near one of its mentions. Both lists are a post's few cue and mention positions, so the double loop is cheap.
 *
 * @example
 * near([3], [7], 4) // → true: the cue at token 3 is four tokens from the mention at 7
 */
export function near(indexes: readonly number[], targets: readonly number[], window: number): boolean {
  for (const i of indexes) for (const t of targets) if (Math.abs(i - t) <= window) return true;
  return false;
}
