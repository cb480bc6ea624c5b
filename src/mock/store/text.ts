/** Accent- and case-folding, so "perez" finds "Pérez" and "GARCÍA" finds "garcia". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Words of a folded text, for word-prefix matching (autocomplete). */
export function words(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

// Pydantic's EmailStr in spirit: one @, a dotted domain, no spaces; the spec's format check agrees.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function isValidEmail(email: string): boolean {
  return email.length <= 254 && EMAIL.test(email);
}
