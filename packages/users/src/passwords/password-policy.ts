import { COMMON_PASSWORDS } from './common-passwords.ts';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

const SUBSTITUTIONS: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '0': 'o',
  '1': 'i',
  '!': 'i',
  '3': 'e',
  $: 's',
  '5': 's',
  '7': 't',
};
const KEYBOARD_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

function stem(password: string): string {
  return password
    .toLowerCase()
    .replace(/[\d\W_]+$/u, '')
    .replace(/^[\d\W_]+/u, '');
}

function unleet(password: string): string {
  return [...password.toLowerCase()].map((c) => SUBSTITUTIONS[c] ?? c).join('');
}

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  const candidates = [
    lower,
    stem(lower),
    unleet(lower),
    unleet(stem(lower)),
    stem(unleet(lower)),
    lower.replace(/[\s\W_\d]+/gu, ''),
  ];
  if (candidates.some((c) => COMMON_PASSWORDS.has(c))) return true;
  // One or two common words, repeated or padded with digits and symbols: "admin admin", "netra-admin-2024".
  const words = lower.split(/[\s\W_\d]+/u).filter((w) => w.length > 0);
  return (
    words.length > 0 &&
    words.every((w) => COMMON_PASSWORDS.has(w) || COMMON_PASSWORDS.has(unleet(w))) &&
    new Set(words).size <= 2
  );
}

/** Length of the text once runs of the same character, steps of ±1 (abcd, 4321) and keyboard rows are squeezed to one character each. */
function unpredictableLength(password: string): number {
  const s = password.toLowerCase();
  let kept = 0;
  let i = 0;
  while (i < s.length) {
    let j = i + 1;
    const step = j < s.length ? s.charCodeAt(j) - s.charCodeAt(i) : 0;
    if (step >= -1 && step <= 1) {
      while (j < s.length && s.charCodeAt(j) - s.charCodeAt(j - 1) === step) j++;
    } else {
      const row = KEYBOARD_ROWS.find(
        (r) =>
          r.includes(s.slice(i, i + 2)) ||
          [...r]
            .reverse()
            .join('')
            .includes(s.slice(i, i + 2)),
      );
      if (row) {
        const forward = row.includes(s.slice(i, i + 2)) ? row : [...row].reverse().join('');
        while (j < s.length && forward.includes(s.slice(i, j + 1))) j++;
      }
    }
    kept++;
    i = j;
  }
  return kept;
}

/** True when the password is one short unit repeated ("abcabcabcabc", "Ab1!Ab1!Ab1!"). */
function isRepeatedUnit(password: string): boolean {
  for (let size = 1; size <= password.length / 2; size++) {
    if (password.length % size === 0 && password.slice(0, size).repeat(password.length / size) === password)
      return true;
  }
  return false;
}

/**
 * Why a new password is too weak, in Indonesian and English, or null when it is acceptable: too short or
 * long, on the common-password list (also with digits appended or letters swapped for look-alikes), one
 * unit repeated, too few different characters, mostly sequences (`abcdef`, `123456`, `qwerty`), or the
 * username in it. Length beats complexity rules (NIST SP 800-63B): a long passphrase passes.
 */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `minimal ${MIN_PASSWORD_LENGTH} karakter / at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `maksimal ${MAX_PASSWORD_LENGTH} karakter / at most ${MAX_PASSWORD_LENGTH} characters`;
  }
  if (isCommon(password)) {
    return 'kata sandi terlalu umum dan mudah ditebak; pakai frasa yang lebih panjang / password is too common: use a longer phrase';
  }
  if (isRepeatedUnit(password) || new Set(password.toLowerCase()).size < 5) {
    return 'kata sandi berisi pengulangan karakter; pakai frasa yang lebih beragam / password is repetitive: use a more varied phrase';
  }
  if (unpredictableLength(password) < 8) {
    return 'kata sandi berisi urutan yang mudah ditebak (abcd, 1234, qwerty) / password is mostly sequences (abcd, 1234, qwerty)';
  }
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) {
    return 'kata sandi tidak boleh memuat nama pengguna / password must not contain the username';
  }
  return null;
}
