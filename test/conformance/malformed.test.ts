import express from 'express';
import { describe, expect, it } from 'vitest';
import { answers } from './alternatives/alternative.js';
import { runAgainst, startMock } from './helpers.js';

// A target that answers nonsense is judged, not crashed on: every body the suite reads is narrowed
// first, so a malformed one fails an assertion that shows the exchange. What the suite cannot judge
// (no answer at all, or its own bug) is an error, reported apart from failures.

const NONSENSE_FROM = ['bulkCreateContacts', 'bulkUpdateContacts', 'bulkDeleteContacts', 'getContact', 'updateContact', 'patchContactCustomFields', 'listContactDocuments', 'createDocument', 'getDocument', 'addDocumentParticipants', 'removeDocumentParticipant', 'autocompleteContacts', 'deleteContact'];
const nonsense = [[], 'not json at all', { detail: [] }, { data: 'x', details: { 0: 1 }, participants: [null, 3] }];

describe('a target answering malformed bodies', () => {
  it.each(nonsense.map((body) => [JSON.stringify(body), body] as const))('%s: failures with the exchange, never a TypeError', async (_name, body) => {
    // contacts are made and listed as they should be (the run probes the list; checks make contacts to go on), the rest answers nonsense
    const mock = await startMock({ handle: answers(NONSENSE_FROM, (status) => (status >= 200 && status < 300 ? [status, body] : undefined)) });
    const summary = await runAgainst(mock, { generate: 0, strict: false, only: ['contacts', 'participants', 'isolation'] });
    expect(summary.results.filter((r) => r.outcome === 'errored').map((r) => `${r.id}: ${r.message}`)).toEqual([]);
    const failed = summary.results.filter((r) => r.outcome === 'failed');
    expect(failed.length).toBeGreaterThan(10);
    for (const r of failed.filter((x) => x.id !== 'cleanup.nothing-left')) {
      expect(r.message, r.id).not.toMatch(/TypeError|Cannot read|is not a function|undefined \(reading/);
      expect(r.exchanges?.length, r.id).toBeGreaterThan(0);
    }
  });
});

describe('what the suite cannot judge', () => {
  it('no answer at all is an error, apart from the failures, and the run does not pass', async () => {
    const mock = await startMock({
      wrap: (app) => {
        const outer = express();
        outer.use((req, _res, next) => (req.url.startsWith('/v2/contacts/bulk') ? void req.socket.destroy() : next()));
        outer.use(app);
        return outer;
      },
    });
    const summary = await runAgainst(mock, { generate: 0, strict: false, only: ['contacts.bulk'] });
    const errored = summary.results.filter((r) => r.outcome === 'errored');
    expect(errored.length).toBeGreaterThan(0);
    expect(summary.errored).toBe(errored.length);
    for (const r of errored) expect(r.message, r.id).toMatch(/^no answer: /);
  });
});
