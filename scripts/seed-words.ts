// The word lists the seed draws its demo names from, taken once from faker's Mexican Spanish locale
// (es_MX) into a plain module: the mock then carries ~10 KB of words instead of faker (480 KB in a
// browser bundle), and draws with its own seeded generator. `npm run gen` writes the module.
import { es_MX } from '@faker-js/faker';

const FAKER_VERSION: string = (await import('@faker-js/faker/package.json', { with: { type: 'json' } })).default.version;

/**
 * Entries of faker's es_MX surnames that are no Mexican surname (a fantasy name, given names, a run
 * of foreign ones under K) or a misspelling of one that is also there: left out, so that the demo
 * data looks real.
 */
const NOT_SURNAMES = new Set(['Gollum', 'Xana', 'Xenia', 'Xiana', 'Yago', 'Yami', 'Yunta', 'Hernádez', 'Rodrígez', 'Rodríquez', 'Domínquez', 'Jimínez', 'Delacrúz', 'Bétancourt']);
const isSurname = (word: string) => /^\p{Lu}\p{Ll}+$/u.test(word) && !word.startsWith('K') && !NOT_SURNAMES.has(word);
/** Misspelt job words of the same source ("Dinánmico", "Relacciones"). */
const MISSPELT = new Set(['Dinánmico', 'Relacciones']);

function list(name: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string')) {
    throw new Error(`faker's es_MX ${name} is not a list of words: the seed's word lists need a new source`);
  }
  return [...new Set(value as string[])];
}

/** Faker's company name patterns with our placeholders: `{last}` a surname, `{legal}` a legal entity type. */
function companyPatterns(patterns: string[]): string[] {
  return patterns.map((pattern) => {
    const ours = pattern.replaceAll('{{person.lastName}}', '{last}').replaceAll('{{company.legal_entity_type}}', '{legal}');
    if (ours.includes('{{')) throw new Error(`faker's es_MX company pattern "${pattern}" has a placeholder the seed does not know`);
    return ours;
  });
}

export function seedWords(): string {
  const person = es_MX.person!;
  const company = es_MX.company!;
  const first = person.first_name as { female?: string[]; male?: string[]; generic?: string[] };
  const lists: [string, string, string[]][] = [
    // one-word first names: a contact's full name is a first name and two surnames
    ['FIRST_NAMES', 'first names of one word', list('first names', [...(first.female ?? []), ...(first.male ?? []), ...(first.generic ?? [])]).filter((n) => !/\s/.test(n))],
    // single surnames (capitalised, then lower case; the pairs are made by the seed)
    ['SURNAMES', 'surnames', list('last names', (person.last_name as { generic?: string[] }).generic).filter(isSurname)],
    ['COMPANY_PATTERNS', 'company names: {last} a surname, {legal} a legal entity type', companyPatterns(list('company patterns', company.name_pattern))],
    ['LEGAL_ENTITY_TYPES', 'legal entity types', list('legal entity types', company.legal_entity_type)],
    ['JOB_DESCRIPTORS', 'the first word of a job title', list('job descriptors', person.job_descriptor).filter((w) => !MISSPELT.has(w))],
    ['JOB_AREAS', 'the second', list('job areas', person.job_area)],
    ['JOB_TYPES', 'the third', list('job types', person.job_type).filter((w) => !MISSPELT.has(w))],
  ];
  return [
    `// Generated from @faker-js/faker ${FAKER_VERSION}'s es_MX locale by \`npm run gen\` (scripts/seed-words.ts): never edit by hand.`,
    ...lists.flatMap(([name, what, words]) => [`/** ${what} (${words.length}) */`, `export const ${name}: readonly string[] = ${JSON.stringify(words)};`]),
    '',
  ].join('\n');
}
