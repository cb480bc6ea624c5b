// The matching the port promises, whatever the store: search and autocomplete compare folded text.

/** Accent- and case-folding, so "perez" finds "Pérez" and "GARCÍA" finds "garcia". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Words of a folded text, for word-prefix matching (autocomplete). */
export function words(folded: string): string[] {
  return folded.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/**
 * The name and the email as search reads them: one text, the two joined by U+0001, which no needle
 * a client types holds, so a match never spans both fields. Folding the parts and joining them
 * gives what folding the joined text does (the separator is a starter no case rule looks across),
 * so a caller with folded parts (the seed's name pools) joins them here too.
 */
export function joinSearchText(name: string, email: string): string {
  return `${name}\u0001${email}`;
}

/** What search looks in for a contact's name and email, folded. */
export function searchText(contact: { fullName: string | null; email: string }): string {
  return fold(joinSearchText(contact.fullName ?? '', contact.email));
}

/** What search looks in for a contact's company, folded; '' for none (searched apart from the name and email). */
export function companyText(contact: { company: string | null }): string {
  return contact.company ? fold(contact.company) : '';
}

/** The words autocomplete matches: those of the name and of the email, each once. */
export function searchWords(contact: { fullName: string | null; email: string }): Set<string> {
  return new Set(words(searchText(contact)));
}
