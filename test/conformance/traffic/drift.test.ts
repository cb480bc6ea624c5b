import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDING_HEADER } from '../../../src/conformance/proxy/server.js';
import { startMock, type RunningMock } from '../helpers.js';
import { loadContract } from '../../../src/contract/index.js';
import { extraProperties } from '../../../src/conformance/traffic/gaps.js';
import { json, KEY, messageHeaders, raw, startProxy, upstream, type Listening, type RunningProxy } from './helpers.js';

// A deliberately drifting upstream: one real contact from the mock, served broken in one way per id.
// Through the proxy in observe mode each drift is found, with its provenance, and the client gets
// exactly the bytes the upstream sent.
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const VARIANTS = ['valid', 'undeclared-status', 'missing-email', 'missing-phone', 'extra-property', 'wrong-type', 'gzip', 'br', 'chunked', 'slow', 'drop'] as const;
type Variant = (typeof VARIANTS)[number];
const pathOf = (v: Variant) => `/v2/contacts/${id(VARIANTS.indexOf(v) + 1)}`;

let mock: RunningMock;
let drifting: Listening;
let observe: RunningProxy;
let contact: Record<string, unknown>;
const sent = new Map<Variant, Buffer>();

beforeAll(async () => {
  mock = await startMock();
  const list = (await (await fetch(`${mock.baseUrl}/v2/contacts?pageSize=1`, { headers: { authorization: `Bearer ${KEY}` } })).json()) as { data: { id: string }[] };
  contact = (await (await fetch(`${mock.baseUrl}/v2/contacts/${list.data[0]!.id}`, { headers: { authorization: `Bearer ${KEY}` } })).json()) as Record<string, unknown>;
  const broken = (v: Variant): unknown => {
    const { email: _e, phone: _p, ...rest } = contact;
    if (v === 'missing-email') return { ...rest, phone: contact.phone };
    if (v === 'missing-phone') return { ...rest, email: contact.email };
    if (v === 'extra-property') return { ...contact, nickname: 'Pepe' };
    if (v === 'wrong-type' || v === 'gzip' || v === 'br') return { ...contact, identityVerified: 'yes' };
    return contact;
  };
  drifting = await upstream((req, res) => {
    const v = VARIANTS[Number(req.url!.slice(-12)) - 1]!;
    const body = Buffer.from(JSON.stringify(broken(v)));
    if (v === 'undeclared-status') return json(res, 418, { detail: "I'm a teapot" });
    if (v === 'slow') return void setTimeout(() => json(res, 200, contact), 2_000).unref();
    if (v === 'gzip' || v === 'br') {
      const encoded = v === 'gzip' ? gzipSync(body) : brotliCompressSync(body);
      sent.set(v, encoded);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': v, 'Content-Length': String(encoded.length), 'X-Custom': 'a' });
      return res.end(encoded);
    }
    if (v === 'chunked') {
      sent.set(v, body);
      res.writeHead(200, [['Content-Type', 'application/json'], ['X-Repeated', 'one'], ['X-Repeated', 'two']]);
      res.write(body.subarray(0, 10));
      setTimeout(() => res.write(body.subarray(10, 40)), 5);
      return void setTimeout(() => res.end(body.subarray(40)), 10);
    }
    if (v === 'drop') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(body.length) });
      res.write(body.subarray(0, 20));
      return void setTimeout(() => res.socket?.destroy(), 10);
    }
    sent.set(v, body);
    json(res, 200, body.toString());
  });
  observe = await startProxy(drifting.url, 'observe', { timeoutMs: 300 });
  for (const v of VARIANTS) await raw(`${observe.url}${pathOf(v)}`, { headers: { authorization: `Bearer ${KEY}`, 'accept-encoding': 'gzip, br' } });
  await observe.judged(VARIANTS.length);
}, 60_000);

afterAll(async () => {
  await observe?.close();
  await drifting?.close();
  await mock?.close();
});

const groupsOf = (v: Variant) => observe.book.report('documented', { exchange: (e) => e, record: (r) => r, text: (t) => t }).findings.filter((g) => g.sample.request.url === pathOf(v));

describe('the proxy in front of a drifting upstream (observe)', () => {
  it('finds nothing in a valid answer', () => {
    expect(groupsOf('valid')).toEqual([]);
  });

  it('finds an undeclared status', () => {
    expect(groupsOf('undeclared-status').map((g) => [g.check, g.status, g.field])).toEqual([['generic.status-code-conformance', 418, 'response.status']]);
  });

  it('finds a missing required field, documented where the contract rests on the reference', () => {
    const [g] = groupsOf('missing-email');
    expect([g?.check, g?.field, g?.provenance]).toEqual(['generic.response-schema-conformance', 'response.body/email', 'documented']);
    // the reference's own words for it, as the contract quotes them (the create example shows the email)
    expect(g?.reference).toContain('"email": "nuevo@empresa.com"');
  });

  it('finds a missing field whose presence is inferred, naming the decision', () => {
    const [g] = groupsOf('missing-phone');
    expect([g?.check, g?.field, g?.provenance]).toEqual(['generic.response-schema-conformance', 'response.body/phone', 'inferred']);
    // one decision (answers carry every field, null when empty) written at every such field
    expect(g?.decision?.places).toContain('#/components/schemas/ContactDetailResponse/properties/phone/presence');
  });

  it('finds a property a closed answer does not list, resting on the decision that answers list their fields and no others', () => {
    const groups = groupsOf('extra-property');
    expect(groups.map((g) => [g.check, g.field, g.provenance])).toEqual([['generic.response-schema-conformance', 'response.body/nickname', 'inferred']]);
    expect(groups[0]?.decision?.places).toContain('#/components/schemas/ContactDetailResponse/additionalProperties');
  });

  it('lists what an open schema does not (every answer of this contract is closed; its error body is not)', () => {
    const getContact = loadContract().operation('getContact');
    expect(extraProperties(getContact, '404', { detail: 'Contact not found', code: 'contact_not_found' })).toEqual(['code']);
    expect(extraProperties(getContact, '200', { id: 'x', nickname: 'Pepe' })).toEqual([]);
  });

  it('finds a wrong type, also inside a gzip and a br body, and passes the compressed bytes through untouched', async () => {
    // one fault, seen three times: the plain answer first, then decoded from gzip and from br
    expect(groupsOf('wrong-type').map((g) => [g.check, g.field, g.count])).toEqual([['generic.response-schema-conformance', 'response.body/identityVerified', 3]]);
    const decoded = observe.exchanges.filter((e) => e.request.url === pathOf('gzip') || e.request.url === pathOf('br'));
    expect(decoded.map((e) => JSON.parse(e.response!.body!.text).identityVerified)).toEqual(['yes', 'yes']);
    for (const v of ['gzip', 'br'] as const) {
      const answer = await raw(`${observe.url}${pathOf(v)}`, { headers: { authorization: `Bearer ${KEY}` } });
      expect(answer.body.equals(sent.get(v)!)).toBe(true);
      expect(messageHeaders(answer.rawHeaders)).toEqual(expect.arrayContaining([`Content-Encoding: ${v}`, `Content-Length: ${sent.get(v)!.length}`, 'X-Custom: a']));
    }
  });

  it('streams a chunked answer through with its headers as sent (case, repeats) and its bytes', async () => {
    const answer = await raw(`${observe.url}${pathOf('chunked')}`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(answer.body.equals(sent.get('chunked')!)).toBe(true);
    expect(messageHeaders(answer.rawHeaders)).toEqual(['Content-Type: application/json', 'X-Repeated: one', 'X-Repeated: two']);
    expect(groupsOf('chunked')).toEqual([]);
  });

  it('answers a slow upstream with a JSON 504 that says why, and counts it as no answer', async () => {
    const answer = await raw(`${observe.url}${pathOf('slow')}`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(answer.status).toBe(504);
    expect(JSON.parse(answer.body.toString()).detail).toMatch(/no answer from the upstream within 300 ms/);
    expect(groupsOf('slow').map((g) => [g.check, g.status, g.field])).toEqual([['generic.not-a-server-error', undefined, 'response.status']]);
  });

  it('drops the client when the upstream drops mid-answer, and reports it as no answer', async () => {
    const answer = await raw(`${observe.url}${pathOf('drop')}`, { headers: { authorization: `Bearer ${KEY}` } });
    expect(answer.error ?? 'cut short').toBeTruthy();
    expect(answer.body.length).toBeLessThan(JSON.stringify(contact).length);
    const dropped = observe.exchanges.find((e) => e.request.url === pathOf('drop'));
    expect(dropped?.error).toMatch(/closed the connection before the answer was complete/);
    // the slow answer and the dropped one are one fault of the operation: it did not answer
    const [noAnswer] = groupsOf('slow');
    expect(noAnswer?.check).toBe('generic.not-a-server-error');
    expect(noAnswer?.count).toBe(observe.exchanges.filter((e) => e.error).length);
  });

  it('answers an unreachable upstream with a JSON 502 that says why', async () => {
    const closed = await startProxy('http://127.0.0.1:9', 'observe');
    try {
      const answer = await raw(`${closed.url}/v2/contacts`, { headers: { authorization: `Bearer ${KEY}` } });
      expect(answer.status).toBe(502);
      expect(JSON.parse(answer.body.toString()).detail).toMatch(/connection refused/);
    } finally {
      await closed.close();
    }
  });
});

describe('annotate and enforce', () => {
  it('annotate adds one short ASCII header naming the finding and nothing else', async () => {
    const proxy = await startProxy(drifting.url, 'annotate');
    try {
      const bad = await raw(`${proxy.url}${pathOf('wrong-type')}`, { headers: { authorization: `Bearer ${KEY}` } });
      const good = await raw(`${proxy.url}${pathOf('valid')}`, { headers: { authorization: `Bearer ${KEY}` } });
      const named = bad.rawHeaders[bad.rawHeaders.findIndex((h) => h.toLowerCase() === FINDING_HEADER) + 1];
      expect(named).toMatch(/^F[0-9a-f]{8}$/);
      expect(bad.body.equals(sent.get('wrong-type')!)).toBe(true);
      expect(good.rawHeaders.map((h) => h.toLowerCase())).not.toContain(FINDING_HEADER);
    } finally {
      await proxy.close();
    }
  });

  it('enforce turns a documented violation into a 502 naming it, and lets an inferred one through', async () => {
    const proxy = await startProxy(drifting.url, 'enforce');
    try {
      const documented = await raw(`${proxy.url}${pathOf('missing-email')}`, { headers: { authorization: `Bearer ${KEY}` } });
      expect(documented.status).toBe(502);
      expect(JSON.parse(documented.body.toString()).detail).toMatch(/breaks the contract \(F[0-9a-f]{8}\): .*email/);
      const inferred = await raw(`${proxy.url}${pathOf('missing-phone')}`, { headers: { authorization: `Bearer ${KEY}` } });
      expect(inferred.status).toBe(200);
    } finally {
      await proxy.close();
    }
  });
});
