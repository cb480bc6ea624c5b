import type { ContactRecord } from '../../port/records.js';

/** word → its contacts, in insertion order; a word of one contact (most email words) holds it bare */
export type WordGroups = Map<string, ContactRecord | ContactRecord[]>;

export function addToGroups(groups: WordGroups, word: string, ref: ContactRecord): void {
  const group = groups.get(word);
  if (group === undefined) groups.set(word, ref);
  else if (Array.isArray(group)) {
    if (group.at(-1) !== ref) group.push(ref);
  } else if (group !== ref) groups.set(word, [group, ref]);
}

/** The groups of every word a walk visits (the seed's eachWord), built in one pass. */
export function groupWords(eachWord: (visit: (word: string, contact: ContactRecord) => void) => void): WordGroups {
  const groups: WordGroups = new Map();
  eachWord((word, contact) => addToGroups(groups, word, contact));
  return groups;
}
