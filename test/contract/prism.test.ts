// Prism (the pinned @stoplight/prism-cli) mocks the contract from its examples and schemas; every
// answer it gives must validate, with our ajv validators, against the contract's own response schema.
// This proves the examples and the schemas agree, for every operation and every declared status.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/free-port.js';
import { loadContract, type Operation } from '../../src/contract/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const contract = loadContract();
const UUID = '550e8400-e29b-41d4-a716-446655440000';
let prism: ChildProcess;
let baseUrl: string;
let output = '';


async function waitForPrism(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    if (prism.exitCode !== null) throw new Error(`prism exited ${prism.exitCode}:\n${output}`);
    try {
      await fetch(`${baseUrl}/v2/contacts`, { headers: { authorization: 'Bearer x' } });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`prism did not start:\n${output}`);
}

function requestFor(op: Operation): { url: string; init: RequestInit } {
  const path = op.path.replace('{contact_id}', UUID).replace('{document_id}', UUID).replace('{email}', 'ceo%40empresa.com');
  const query = op.operationId === 'autocompleteContacts' ? '?q=juan' : '';
  const raw = contract.doc.paths[op.path]![op.method] as { requestBody?: { content: Record<string, { examples: Record<string, { value: unknown }> }> } };
  const example = raw.requestBody ? Object.values(raw.requestBody.content['application/json']!.examples)[0]!.value : undefined;
  return {
    url: `${baseUrl}${path}${query}`,
    init: {
      method: op.method.toUpperCase(),
      headers: { authorization: 'Bearer sk_test', 'content-type': 'application/json' },
      body: example === undefined ? undefined : JSON.stringify(example),
    },
  };
}

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  prism = spawn(process.execPath, [`${root}node_modules/@stoplight/prism-cli/dist/index.js`, 'mock', `${root}openapi/allsign-v2.yaml`, '-h', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  prism.stdout!.on('data', (d) => (output += d));
  prism.stderr!.on('data', (d) => (output += d));
  await waitForPrism(Date.now() + 50_000);
}, 60_000);

afterAll(() => {
  prism?.kill('SIGTERM');
});

const cases = contract.operations.flatMap((op) =>
  op.responses.filter((r) => r.status !== 'default').map((r) => [op.operationId, Number(r.status), op] as const),
);

describe('prism mock openapi/allsign-v2.yaml', () => {
  it.each(cases)('%s answers %i with a body that validates against the spec', async (_id, status, op) => {
    const { url, init } = requestFor(op);
    const res = await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), prefer: `code=${status}` } });
    const text = await res.text();
    expect(res.status, text).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(op.validateResponse(status, JSON.parse(text)), text).toEqual({ ok: true });
  });

  it.each(contract.operations.map((op) => [op.operationId, op] as const))('%s answers a valid request with its success status', async (_id, op) => {
    const { url, init } = requestFor(op);
    const res = await fetch(url, init);
    const body = await res.json();
    const success = Number(op.responses.find((r) => r.status.startsWith('2'))!.status);
    expect(res.status, JSON.stringify(body)).toBe(success);
    expect(op.validateResponse(res.status, body)).toEqual({ ok: true });
  });

  it('rejects a request without the bearer key, as the contract says', async () => {
    const res = await fetch(`${baseUrl}/v2/contacts`);
    expect(res.status).toBe(401);
  });
});
