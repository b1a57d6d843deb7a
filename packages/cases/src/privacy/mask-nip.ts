/**
 * A NIP as a viewer sees it: the birth date, appointment date and sex it encodes hidden, only the first two
 * and last three digits kept so a person can still be told apart on screen (UU PDP 27/2022 Ps 16 minimisation).
 */
export function maskNip(nip: string): string {
  const digits = nip.replace(/\s/g, '');
  if (digits.length <= 5) return '*'.repeat(digits.length);
  return `${digits.slice(0, 2)}${'*'.repeat(digits.length - 5)}${digits.slice(-3)}`;
}

/** Roles that see a full NIP: those who act on a case. A viewer only reads. */
export function seesFullNip(role: string): boolean {
  return role === 'analyst' || role === 'supervisor' || role === 'admin';
}

export function nipFor(role: string, nip: string): string {
  return seesFullNip(role) ? nip : maskNip(nip);
}
