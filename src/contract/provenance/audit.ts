import { contractDocument, type OpenApiDocument } from '../load.js';
import { pointerKeys, valueAt } from '../pointers.js';
import { allConstraints, CONSTRAINT_KEYWORDS } from './constraints.js';
import { allMarks, BENEATH, DOCUMENTED, INFERRED, PRESENCE } from './marks.js';

export interface AuditProblem {
  pointer: string;
  problem: string;
}

/** Whitespace as the reference's pages break it does not count: a quote is its words in order. */
export const normaliseQuote = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Shorter quotes than this say nothing of where they come from ("string", "(UUID)"). */
const MIN_QUOTE = 12;
const STATUS = /^([1-5]\d\d|[1-5]XX|default)$/;
const METHOD = /^(get|put|post|patch|delete|head|options|trace)$/;

type Node = Record<string, unknown>;
const asNode = (value: unknown): Node | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Node) : undefined);

/** What keys a map mark may name on this node. */
function allowedKey(pointer: string, node: Node, key: string): string | undefined {
  const keys = pointerKeys(pointer);
  if (key === BENEATH) return undefined;
  if (keys[0] === 'paths' && keys.length === 3 && METHOD.test(keys[2]!)) {
    const responses = asNode(node.responses) ?? {};
    return STATUS.test(key) && key in responses ? undefined : `${key} is not a status this operation declares`;
  }
  const isParameterOrBody = (node.in !== undefined && node.name !== undefined) || keys.at(-1) === 'requestBody';
  if (isParameterOrBody) return key === 'required' ? undefined : `a parameter or a request body has only required to mark, not ${key}`;
  if (key === PRESENCE) return keys.at(-2) === 'properties' ? undefined : 'presence marks a property, and this node is no property';
  if (key === 'items') return node.type === 'array' || node.items !== undefined ? undefined : 'items marks what an invalid item does, on an array';
  if ((CONSTRAINT_KEYWORDS as readonly string[]).includes(key)) return undefined;
  return `${key} is not a keyword that constrains (${CONSTRAINT_KEYWORDS.join(', ')}), nor ${BENEATH}, ${PRESENCE} or items`;
}

/**
 * Everything wrong with the contract's provenance: a constraint with no mark (by the JSON pointer of
 * the keyword), a mark that is neither a string nor a map of strings, a map key that names nothing
 * markable there, a key marked both documented and inferred, and — given the reference's pages — a
 * documented quote that is not the reference's own words.
 */
export function auditProvenance(doc: OpenApiDocument = contractDocument(), references?: string[]): AuditProblem[] {
  const problems: AuditProblem[] = [];
  for (const c of allConstraints(doc)) if (!c.mark) problems.push({ pointer: c.pointer, problem: `${c.keyword}${c.entry === undefined ? '' : ` ${c.entry}`} rests on nothing: mark it x-documented or x-inferred` });

  const pages = references?.map(normaliseQuote);
  const nodes = new Set(allMarks(doc).map((m) => m.node));
  for (const pointer of nodes) {
    const node = asNode(valueAt(doc, pointer))!;
    const documented = node[DOCUMENTED];
    const inferred = node[INFERRED];
    if (typeof documented === 'string' && typeof inferred === 'string') problems.push({ pointer, problem: 'both x-documented and x-inferred mark every keyword of this node' });
    for (const [name, mark] of [[DOCUMENTED, documented], [INFERRED, inferred]] as const) {
      if (mark === undefined || typeof mark === 'string') continue;
      const entries = asNode(mark);
      if (!entries) {
        problems.push({ pointer, problem: `${name} is neither a string nor a map of strings` });
        continue;
      }
      for (const [key, text] of Object.entries(entries)) {
        if (typeof text !== 'string') problems.push({ pointer, problem: `${name}.${key} is not a string` });
        const wrong = allowedKey(pointer, node, key);
        if (wrong) problems.push({ pointer, problem: `${name}.${key}: ${wrong}` });
        if (name === DOCUMENTED && asNode(inferred)?.[key] !== undefined) problems.push({ pointer, problem: `${key} is marked both x-documented and x-inferred` });
      }
    }
  }
  if (pages) {
    for (const mark of allMarks(doc).filter((m) => m.kind === 'documented')) {
      const quote = normaliseQuote(mark.text);
      if (quote.length < MIN_QUOTE) problems.push({ pointer: mark.place, problem: `the quote ${JSON.stringify(quote)} is too short to say where it comes from` });
      else if (!pages.some((page) => page.includes(quote))) problems.push({ pointer: mark.place, problem: `the reference does not say ${JSON.stringify(quote)}` });
    }
  }
  return problems;
}
