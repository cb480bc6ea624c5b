import type { ApiKeySpec, ContactRecord, ContactSource, DocumentRecord, DocumentStatus } from '../port/records.js';
import { fold, joinSearchText, words } from '../port/text.js';
import { Prng } from './prng.js';
import { COMPANY_PATTERNS, FIRST_NAMES, JOB_AREAS, JOB_DESCRIPTORS, JOB_TYPES, LEGAL_ENTITY_TYPES, SURNAMES } from './words.generated.js';

/** A platform user that belongs to no tenant: creating a contact with this email links it, verified. */
export const SEEDED_VERIFIED_USER = 'usuario.verificado@example.com';

const TAGS = ['cliente', 'proveedor', 'vip', 'prospecto', 'legal', 'rh', 'finanzas', 'premium'];
const SOURCES: ContactSource[] = ['manual', 'api', 'invitation', 'onboarding'];
const DOCUMENT_NAMES = [
  'Contrato de servicios',
  'Acuerdo de confidencialidad',
  'Contrato de arrendamiento',
  'Orden de compra',
  'Convenio de colaboración',
  'Carta de intención',
  'Contrato laboral',
  'Poder notarial',
];
// the states a seeded document cycles through (DRAFT documents have no participants to show)
const SEEDED_STATES: DocumentStatus[] = ['SIGNED', 'PENDING', 'DECLINED', 'EXPIRED', 'CANCELLED'];
const DAY = 86_400_000;

/** A pool entry with what search and autocomplete need, folded once instead of once per contact. */
interface Named {
  text: string;
  folded: string;
  words: string[];
  slug: string;
}

/** Name pools drawn once per seed from the word lists; contacts combine them, so a million seed in seconds. */
interface Pools {
  firstNames: Named[];
  lastNames: Named[];
  companies: Named[];
  jobTitles: string[];
  notes: string[];
}

function named(text: string): Named {
  const folded = fold(text);
  return { text, folded, words: words(folded), slug: slug(text) };
}

/** `count` distinct entries of `items` in a seeded order (a partial Fisher–Yates shuffle). */
function sample<T>(prng: Prng, items: readonly T[], count: number): T[] {
  const copy = [...items];
  const n = Math.min(count, copy.length);
  for (let i = 0; i < n; i++) {
    const j = i + prng.int(copy.length - i);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy.slice(0, n);
}

/** Up to `count` distinct strings made by `make` (fewer when it keeps repeating itself). */
function distinct(make: () => string, count: number): string[] {
  const made = new Set<string>();
  for (let tries = 0; made.size < count && tries < count * 4; tries++) made.add(make());
  return [...made];
}

function makePools(seed: number): Pools {
  // a stream of its own: the tenants' generators start from seed * 31 + n
  const prng = new Prng(Math.imul(seed, 0x9e3779b1) ^ 0x5eed5eed);
  const lastNames = sample(prng, SURNAMES, 450);
  const company = () =>
    prng.pick(COMPANY_PATTERNS).replace(/\{(last|legal)\}/g, (_, part: string) => (part === 'last' ? prng.pick(lastNames) : prng.pick(LEGAL_ENTITY_TYPES)));
  return {
    firstNames: sample(prng, FIRST_NAMES, 200).map(named),
    lastNames: lastNames.map(named),
    companies: distinct(company, 200).map(named),
    jobTitles: distinct(() => [prng.pick(JOB_DESCRIPTORS), prng.pick(JOB_AREAS), prng.pick(JOB_TYPES)].join(' '), 60),
    notes: ['Prefiere contacto por WhatsApp', 'Llamar después de las 10:00', 'Solicitó factura', 'Referido por un cliente'],
  };
}

/** Tag sets are shared between contacts (stored arrays are replaced on update, never changed in place). */
function tagPicker(prng: Prng): () => string[] {
  const shared = new Map<number, string[]>();
  return () => {
    let mask = 0;
    for (let t = 0; t < TAGS.length; t++) if (prng.chance(0.18)) mask |= 1 << t;
    let tags = shared.get(mask);
    if (!tags) shared.set(mask, (tags = TAGS.filter((_, t) => mask & (1 << t))));
    return tags;
  };
}

function slug(text: string): string {
  return fold(text).replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '');
}

/** An RFC (Mexican tax id) shaped from the name: 4 letters, a birth date, 3 characters. */
function rfc(prng: Prng, first: string, last: string): string {
  const letters = (fold(last).replace(/[^a-z]/g, '') + 'xx').slice(0, 2) + (fold(first).replace(/[^a-z]/g, '') + 'x').slice(0, 1);
  const date = `${60 + prng.int(40)}${String(1 + prng.int(12)).padStart(2, '0')}${String(1 + prng.int(28)).padStart(2, '0')}`;
  const tail = Array.from({ length: 3 }, () => 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'[prng.int(34)]).join('');
  return `${letters}${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[prng.int(26)]}${date}${tail}`.toUpperCase();
}

export interface SeededTenant {
  tenant: string;
  /** in insertion order; `seq` is left for the store to assign */
  contacts: ContactRecord[];
  documents: DocumentRecord[];
  /**
   * What the port's searchText, companyText and searchWords give for each contact, derived from the
   * pre-folded name pools so that nothing is folded a million times: a store that searches in
   * memory may take them as they are. texts[i] and companies[i] are contact i's; eachWord visits
   * every contact's words in insertion order (a word more than once when two parts share it).
   */
  hints: { texts: string[]; companies: string[]; eachWord(visit: (word: string, contact: ContactRecord) => void): void };
}

export interface SeedData {
  tenants: SeededTenant[];
  /** platform users: email key → identity verified (key owners are verified) */
  users: Map<string, boolean>;
}

/**
 * Every tenant of `apiKeys` with `perTenant` contacts, their users (about 30% verified) and a few
 * documents in several states. Deterministic: ids and data come from `seed` alone.
 */
export function generateSeed(apiKeys: ApiKeySpec[], seed: number, perTenant: number, only?: { tenant: string; owner: string }): SeedData {
  const pools = makePools(seed);
  const users = new Map<string, boolean>([[SEEDED_VERIFIED_USER, true]]);
  for (const key of apiKeys) users.set(key.email.toLowerCase(), true);
  const names = [...new Set(apiKeys.map((k) => k.tenant))];
  if (only) {
    users.set(only.owner.toLowerCase(), true);
    return { tenants: [seedTenant(only.tenant, only.owner.toLowerCase(), new Prng(tenantSeed(seed, names, only.tenant)), pools, perTenant, users)], users };
  }
  const tenants = names.map((name) => {
    const owner = apiKeys.find((k) => k.tenant === name)!.email.toLowerCase();
    return seedTenant(name, owner, new Prng(tenantSeed(seed, names, name)), pools, perTenant, users);
  });
  return { tenants, users };
}

/**
 * Each tenant draws from a generator of its own: a configured tenant by its position (the data of
 * every release so far), any other by its name, so reseeding one tenant alone gives what a full
 * reset would.
 */
function tenantSeed(seed: number, configured: string[], tenant: string): number {
  const at = configured.indexOf(tenant);
  if (at >= 0) return seed * 31 + at + 1;
  let h = 0x811c9dc5;
  for (let i = 0; i < tenant.length; i++) h = Math.imul(h ^ tenant.charCodeAt(i), 0x01000193);
  return (seed * 31) ^ (h >>> 0);
}

function seedTenant(name: string, owner: string, prng: Prng, pools: Pools, perTenant: number, users: Map<string, boolean>): SeededTenant {
  const start = Date.UTC(2025, 0, 1);
  const span = Date.UTC(2026, 9, 1) - start;
  const domain = `${name}.example.com`;
  const domainWords = words(fold(domain));
  const pickTags = tagPicker(prng);
  const contacts: ContactRecord[] = new Array(perTenant);
  const texts: string[] = new Array(perTenant);
  const companies: string[] = new Array(perTenant);
  // the pools each contact drew from, to replay its words without keeping a list per contact
  const picks = new Uint16Array(perTenant * 3);
  for (let n = 0; n < perTenant; n++) {
    // indexes drawn as pick() draws them: the same data as ever, and the picks kept for eachWord
    const f = (picks[3 * n] = prng.int(pools.firstNames.length));
    const l1 = (picks[3 * n + 1] = prng.int(pools.lastNames.length));
    const l2 = (picks[3 * n + 2] = prng.int(pools.lastNames.length));
    const first = pools.firstNames[f]!;
    const last1 = pools.lastNames[l1]!;
    const last2 = pools.lastNames[l2]!;
    // join() makes flat strings: a template literal makes a tree of cons strings, twice the memory
    const fullName = [first.text, last1.text, last2.text].join(' ');
    // a sequence number keeps emails unique however many contacts are drawn from the pools
    const emailWord = [last1.slug, n].join('');
    const email = [first.slug, '.', emailWord, '@', domain].join('');
    const company = prng.chance(0.8) ? prng.pick(pools.companies) : null;
    const createdAt = new Date(start + Math.floor((span * n) / Math.max(perTenant, 1)) + prng.int(DAY)).toISOString();
    const contact: ContactRecord = {
      id: prng.uuid(),
      tenant: name,
      email,
      emailKey: email,
      fullName,
      phone: prng.chance(0.85) ? ['+52', 55 + prng.int(45), String(prng.int(1e8)).padStart(8, '0')].join('') : null,
      company: company?.text ?? null,
      jobTitle: prng.chance(0.7) ? prng.pick(pools.jobTitles) : null,
      notes: prng.chance(0.2) ? prng.pick(pools.notes) : null,
      tags: pickTags(),
      customFields: null,
      source: prng.pick(SOURCES),
      createdAt,
      updatedAt: createdAt,
      seq: 0,
    };
    if (prng.chance(0.4)) {
      // a plain object: seeded keys are fixed and safe, and V8 keeps it compact
      const RFC = rfc(prng, first.text, last1.text);
      contact.customFields = prng.chance(0.5) ? { RFC, regimenFiscal: prng.pick(['601', '605', '612', '626']) } : { RFC };
    }
    if (prng.chance(0.3)) users.set(email, true);
    else if (prng.chance(0.1)) users.set(email, false);
    contacts[n] = contact;
    // what fold() and words() would give, from the pre-folded pools (emails are ASCII lower case)
    texts[n] = joinSearchText([first.folded, ' ', last1.folded, ' ', last2.folded].join(''), email);
    companies[n] = company?.folded ?? '';
  }
  const eachWord = (visit: (word: string, contact: ContactRecord) => void) => {
    for (let n = 0; n < perTenant; n++) {
      const contact = contacts[n]!;
      const first = pools.firstNames[picks[3 * n]!]!;
      const last1 = pools.lastNames[picks[3 * n + 1]!]!;
      const last2 = pools.lastNames[picks[3 * n + 2]!]!;
      for (const word of first.words) visit(word, contact);
      for (const word of last1.words) visit(word, contact);
      for (const word of last2.words) visit(word, contact);
      for (const word of first.slug.split('.')) visit(word, contact);
      for (const word of [last1.slug, n].join('').split('.')) visit(word, contact);
      for (const word of domainWords) visit(word, contact);
    }
  };
  return { tenant: name, contacts, documents: seedDocuments(name, owner, contacts, prng), hints: { texts, companies, eachWord } };
}

function seedDocuments(tenant: string, owner: string, contacts: ContactRecord[], prng: Prng): DocumentRecord[] {
  if (contacts.length === 0) return [];
  const count = Math.min(12, Math.max(1, Math.ceil(contacts.length / 4)));
  return Array.from({ length: count }, (_, d) => {
    const status = SEEDED_STATES[d % SEEDED_STATES.length]!;
    const size = 1 + prng.int(Math.min(3, contacts.length));
    const signers = new Map<string, ContactRecord>();
    while (signers.size < size) {
      const c = prng.pick(contacts);
      signers.set(c.emailKey, c);
    }
    const createdAt = new Date(Date.UTC(2026, 8, 1) + d * DAY).toISOString();
    const signedAt = new Date(Date.parse(createdAt) + 2 * DAY).toISOString();
    return {
      id: prng.uuid(),
      tenant,
      name: `${prng.pick(DOCUMENT_NAMES)} ${2026}-${String(d + 1).padStart(3, '0')}`,
      status,
      sendByWhatsapp: false,
      participants: [...signers.values()].map((c, i) => ({
        email: c.emailKey,
        name: c.fullName ?? c.email,
        whatsapp: c.phone,
        invitedBy: owner,
        step: size > 1 ? i + 1 : null,
        // PENDING documents have their first signer done; SIGNED ones all
        signedAt: status === 'SIGNED' || (status === 'PENDING' && i === 0 && size > 1) ? signedAt : null,
      })),
      createdAt,
      signedAt: status === 'SIGNED' ? signedAt : null,
    };
  });
}
