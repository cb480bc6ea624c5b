// The contracts as the mock's engine runs them: every constraint, default, example and operation
// kept, the prose left out (descriptions, summaries, the provenance marks that quote the reference).
// The engine never reads prose, and it ships in every page that runs the mock (the MSW handlers'
// bundle has a budget); the conformance suite and the docs page read the whole contract.

/** Keys that only describe, on a node of the document (never on a map of names, never inside data). */
const PROSE = new Set(['description', 'summary', 'externalDocs', 'x-documented', 'x-inferred']);
/** Objects whose keys are names (a property called `description` is a property). */
const NAMES = new Set(['properties', 'patternProperties', '$defs', 'dependentSchemas', 'paths', 'webhooks', 'responses', 'schemas', 'parameters', 'requestBodies', 'headers', 'securitySchemes', 'links', 'callbacks', 'content', 'encoding', 'variables', 'mapping', 'examples']);
/** Values that are data: copied as they are. */
const DATA = new Set(['example', 'value', 'default', 'const', 'enum']);

export function leanDocument(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(leanDocument);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (PROSE.has(key)) continue;
    if (DATA.has(key)) out[key] = value;
    // a JSON Schema's `examples` is a list of values; a media type's is a map of Example Objects
    else if (key === 'examples' && Array.isArray(value)) out[key] = value;
    else if (NAMES.has(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) out[key] = Object.fromEntries(Object.entries(value).map(([name, child]) => [name, leanDocument(child)]));
    else out[key] = leanDocument(value);
  }
  return out;
}
