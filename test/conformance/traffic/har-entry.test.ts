import { describe, expect, it } from 'vitest';
import { exchangeFromHar, MalformedEntry, type HarEntry } from '../../../src/conformance/traffic/har/entry.js';

const entry = (response: Partial<HarEntry['response']>, request: Partial<HarEntry['request']> = {}): HarEntry => ({
  startedDateTime: '2026-01-01T00:00:00.000Z',
  time: 3,
  request: { method: 'GET', url: 'https://api.example.com/v2/contacts', headers: [], ...request },
  response: { status: 200, headers: [{ name: 'content-type', value: 'application/json' }], content: { mimeType: 'application/json' }, ...response },
});

describe('a HAR entry as an exchange', () => {
  it('a body the recorder did not keep (no text, a size) is not an empty body: it is left unvalidated', () => {
    const e = exchangeFromHar(entry({ content: { size: -1, mimeType: 'application/json' } }), 0);
    expect(e.response?.body).toMatchObject({ text: '', truncated: true });
    expect(exchangeFromHar(entry({ status: 204, content: { size: 0 } }), 0).response?.body).toBeUndefined();
  });

  it('decodes a base64 body that is UTF-8 text, and keeps one that is not as bytes', () => {
    const text = JSON.stringify({ name: 'Señora Ñandú' });
    const b64 = Buffer.from(text).toString('base64');
    expect(exchangeFromHar(entry({ content: { text: b64, encoding: 'base64', size: text.length } }), 0).response?.body?.text).toBe(text);
    const binary = Buffer.from([0xff, 0xfe, 0x00, 0x81]).toString('base64');
    expect(exchangeFromHar(entry({ content: { text: binary, encoding: 'base64' } }), 0).response?.body).toMatchObject({ encoding: 'base64', text: binary });
  });

  it('status 0 (the browser got no answer) is no answer, with its reason', () => {
    const e = exchangeFromHar(entry({ status: 0, _error: 'net::ERR_CONNECTION_REFUSED' }), 0);
    expect([e.response, e.error]).toEqual([undefined, 'net::ERR_CONNECTION_REFUSED']);
  });

  it('an entry without a request or with headers that are not a list is malformed, named by its index', () => {
    expect(() => exchangeFromHar({ response: {} } as unknown as HarEntry, 7)).toThrow(new MalformedEntry('log.entries[7].request lacks a method or a url'));
    expect(() => exchangeFromHar(entry({ headers: 'x' as never }), 2)).toThrow(/log\.entries\[2\]\.response\.headers is not a list/);
  });
});
