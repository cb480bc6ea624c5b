// The matching the port promises, whatever the store: search and autocomplete compare folded text.

/** Accent- and case-folding, so "perez" finds "Pérez" and "GARCÍA" finds "garcia". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Words of a folded text, for word-prefix matching (autocomplete). */
export function words(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}
