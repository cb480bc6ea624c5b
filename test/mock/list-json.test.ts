import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contactListJson, ItemJsonCache } from '../../src/mock/engine/list-json.js';
import { contactListItem } from '../../src/mock/engine/views.js';
import type { ContactRecord } from '../../src/mock/port/records.js';
import type { ContactPage, ContactRow } from '../../src/mock/port/repository.js';

// A list page is written from items kept as JSON: it must read exactly as JSON.stringify writes
// the page, whatever the text, and never show an item as it was before it changed.

// any text, lone surrogates and `__proto__` included
const text = fc.oneof(fc.string({ unit: 'binary' }), fc.constantFrom('__proto__', 'constructor', '"\\\n', 'José Núñez', '😀'));
const contact = fc.record({
  id: fc.constantFrom('c1', 'c2', 'c3', '__proto__'),
  email: text,
  fullName: fc.option(text),
  company: fc.option(text),
  source: fc.constantFrom('api', 'manual', 'import', 'signing'),
});
const row = fc.record({ contact, identityVerified: fc.boolean(), documentsCount: fc.nat(1000) });

type Drawn = { contact: { id: string; email: string; fullName: string | null; company: string | null; source: string }; identityVerified: boolean; documentsCount: number };

function record(c: Drawn['contact']): ContactRecord {
  return { ...c, tenant: 't', emailKey: c.email.toLowerCase(), phone: null, jobTitle: null, notes: null, tags: [], customFields: null, createdAt: '', updatedAt: '', seq: 0 } as ContactRecord;
}

const expected = (page: ContactPage, p: number, size: number) => JSON.stringify({ data: page.rows.map(contactListItem), total: page.total, page: p, pageSize: size });

describe('a list page written from kept items', () => {
  it('reads as JSON.stringify writes the page, the first time and from the cache', () => {
    const cache = new ItemJsonCache();
    fc.assert(
      fc.property(fc.array(row, { maxLength: 8 }), fc.nat(), fc.integer({ min: 1 }), fc.integer({ min: 1, max: 100 }), (rows, total, p, size) => {
        const page: ContactPage = { rows: rows.map((r: Drawn): ContactRow => ({ ...r, contact: record(r.contact) })), total };
        expect(contactListJson(cache, page, p, size)).toBe(expected(page, p, size));
        expect(contactListJson(cache, page, p, size)).toBe(expected(page, p, size));
      }),
      { numRuns: 500 },
    );
  });

  it('never answers an item as it was before it changed: each field it shows, in place or in its profile', () => {
    const cache = new ItemJsonCache();
    const c = record({ id: 'c1', email: 'ana@example.com', fullName: 'Ana', company: null, source: 'api' });
    let r: ContactRow = { contact: c, identityVerified: false, documentsCount: 0 };
    const one = () => JSON.parse(contactListJson(cache, { rows: [r], total: 1 }, 1, 25)).data[0];
    one();
    // every field an item shows (a field added to the item is covered here too), one at a time
    const fields = Object.keys(contactListItem(r)).filter((key) => key !== 'id');
    expect(fields.length).toBeGreaterThanOrEqual(6);
    for (const key of fields) {
      if (key === 'identityVerified') r = { ...r, identityVerified: !r.identityVerified };
      else if (key === 'documentsCount') r = { ...r, documentsCount: r.documentsCount + 1 };
      // the memory store changes its records in place
      else (c as unknown as Record<string, unknown>)[key] = key === 'source' ? 'import' : `${String((c as unknown as Record<string, unknown>)[key])} Núñez`;
      expect(one(), key).toEqual(contactListItem(r));
    }
    // another record of the same id (another tenant's, or a fresh one from a database store)
    r = { contact: record({ id: 'c1', email: 'otro@example.com', fullName: 'Otro', company: null, source: 'api' }), identityVerified: false, documentsCount: 0 };
    expect(one()).toEqual(contactListItem(r));
  });

  it('keeps no more than its bounds, in characters and in items, the oldest going first', () => {
    const cache = new ItemJsonCache({ maxChars: 2_000, maxItems: 5 });
    const rowOf = (i: number, name: string): ContactRow => ({ contact: record({ id: `c${i}`, email: `${i}@example.com`, fullName: name, company: null, source: 'api' }), identityVerified: false, documentsCount: 0 });
    for (let i = 0; i < 50; i++) {
      const r = rowOf(i, 'x'.repeat(i * 20));
      expect(JSON.parse(contactListJson(cache, { rows: [r], total: 1 }, 1, 25)).data[0].fullName).toBe(r.contact.fullName);
      expect(cache.characters()).toBeLessThanOrEqual(2_000);
      expect(cache.size()).toBeLessThanOrEqual(5);
    }
    // an item larger than the whole bound is written, and not kept
    const huge = rowOf(99, 'y'.repeat(5_000));
    expect(JSON.parse(contactListJson(cache, { rows: [huge], total: 1 }, 1, 25)).data[0].fullName).toHaveLength(5_000);
    expect(cache.characters()).toBeLessThanOrEqual(2_000);
  });
});
