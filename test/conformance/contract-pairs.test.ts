import { describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/index.js';
import { contractYaml } from '../support/contract-text.js';
import { KEY_A, startMock } from './helpers.js';

// What tools that read the contract on their own see: Specmatic and Microcks pair a request example
// with the response example of the same name, and validators see rules only if the schema has them.

type Examples = Record<string, { value: unknown }>;
const contract = loadContract();
const ERRORS = ['404', '409', '422'];

/** For one operation: its request examples by name (path parameters, query parameters, body) and its response examples by status. */
function examplesOf(path: string, method: string) {
  const item = contract.doc.paths[path] as Record<string, unknown> & { parameters?: unknown[] };
  const raw = item[method] as { parameters?: unknown[]; requestBody?: { content: Record<string, { examples?: Examples }> }; responses: Record<string, unknown> };
  const deref = (node: unknown): Record<string, unknown> => {
    const ref = (node as { $ref?: string }).$ref;
    return ref ? deref(ref.slice(2).split('/').reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], contract.doc)) : (node as Record<string, unknown>);
  };
  const params: Record<string, Record<string, unknown>> = {};
  for (const p of [...(item.parameters ?? []), ...(raw.parameters ?? [])].map(deref)) {
    for (const [name, ex] of Object.entries((p.examples ?? {}) as Examples)) (params[name] ??= {})[p.name as string] = ex.value;
  }
  const bodies = raw.requestBody?.content['application/json']?.examples ?? {};
  const responses: Record<string, string[]> = {};
  for (const [status, response] of Object.entries(raw.responses)) {
    const content = (deref(response).content as Record<string, { examples?: Examples }> | undefined)?.['application/json'];
    responses[status] = Object.keys(content?.examples ?? {});
  }
  return { params, bodies, responses };
}

const pairs = contract.operations.flatMap((op) => {
  const { params, bodies, responses } = examplesOf(op.path, op.method);
  return ERRORS.flatMap((status) =>
    (responses[status] ?? [])
      .filter((name) => name in params || name in bodies)
      .map((name) => ({ op, status: Number(status), name, params: params[name] ?? {}, body: (bodies as Examples)[name]?.value })),
  );
});

describe('the contract, read by tools that pair examples by name', () => {
  it('pairs a 404, a 409 and a 422 with request examples of the same name, on every operation that can answer them', () => {
    const paired = new Set(pairs.map((p) => `${p.op.operationId} ${p.status} ${p.name}`));
    for (const op of contract.operations.filter((o) => o.pathParamNames.some((n) => n.endsWith('_id')))) {
      const name = op.pathParamNames.includes('contact_id') ? 'contactNotFound' : 'documentNotFound';
      expect(paired.has(`${op.operationId} 404 ${name}`), `${op.operationId} 404 ${name}`).toBe(true);
    }
    expect(paired).toContain('createContact 409 duplicateEmail');
    expect(paired).toContain('createDocument 422 duplicateParticipants');
    expect(paired).toContain('addDocumentParticipants 422 duplicateParticipant');
    expect(paired).toContain('removeDocumentParticipant 404 participantNotFound');
  });

  it('keeps every request example valid against its schema, so the pairs pass the validators too', () => {
    for (const p of pairs) {
      expect(p.op.validatePath(Object.fromEntries(p.op.pathParamNames.map((n) => [n, String(p.params[n] ?? '00000000-0000-4000-8000-000000000000')]))).ok, `${p.op.operationId} ${p.name}`).toBe(true);
      if (p.op.hasRequestBody) expect(p.op.validateBody(structuredClone(p.body)).ok, `${p.op.operationId} ${p.name}`).toBe(true);
    }
  });

  it('answers each pair that needs no prior state with its status, against the mock', async () => {
    const mock = await startMock();
    try {
      const stateless = pairs.filter((p) => p.status === 404 && String(p.params.contact_id ?? p.params.document_id).startsWith('00000000'));
      expect(stateless.length).toBeGreaterThanOrEqual(8);
      for (const p of [...stateless, ...pairs.filter((x) => x.name === 'duplicateParticipants')]) {
        const url = p.op.path.replace(/\{([^}]+)\}/g, (_all, name: string) => encodeURIComponent(String(p.params[name])));
        const res = await fetch(`${mock.baseUrl}${url}`, {
          method: p.op.method.toUpperCase(),
          headers: { authorization: `Bearer ${KEY_A}`, 'content-type': 'application/json' },
          body: p.body === undefined ? undefined : JSON.stringify(p.body),
        });
        expect(res.status, `${p.op.operationId} ${p.name}`).toBe(p.status);
      }
    } finally {
      await mock.close();
    }
  });
});

describe('the WhatsApp rule, in the schema', () => {
  it('is an if/then every JSON Schema validator applies, with the documented loc', () => {
    const create = contract.operation('createDocument');
    const body = { name: 'D', participants: [{ email: 'a@example.com', name: 'A', whatsapp: '+525512345678' }, { email: 'b@example.com', name: 'B' }], config: { sendByWhatsapp: true } };
    expect(create.validateBody(structuredClone(body))).toMatchObject({ ok: false, issues: [{ type: 'missing', loc: ['body', 'participants', 1, 'whatsapp'] }] });
    expect(create.validateBody({ ...structuredClone(body), config: { sendByWhatsapp: false } }).ok).toBe(true);
    expect(contractYaml()).toMatch(/DocumentCreateRequest:[\s\S]*?\n {6}if:\n[\s\S]*?sendByWhatsapp:\n\s+const: true\n {6}then:/);
  });
});
