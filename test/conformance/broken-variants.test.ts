import type { Express } from 'express';
import { describe, expect, it } from 'vitest';
import * as broken from './broken-mocks.js';
import { freshRepository, runAgainst, startMock, type RunningMock } from './helpers.js';

// Each variant is the mock with one realistic bug. The suite must fail on it, and the check that
// catches it must be the one whose job it is, so a weakened check shows up here.

type Variant = [name: string, start: () => Promise<RunningMock>, caughtBy: string[]];
const store = (Variant: broken.RepositoryVariant) => () => startMock({ repository: new Variant(freshRepository()) });
const service = (Variant: broken.ServiceVariant) => () => {
  const repository = freshRepository();
  return startMock({ repository, decorateService: (inner) => new Variant(inner, repository) });
};
const wrapped = (wrap: (app: Express) => Express) => () => startMock({ wrap });

// (51 participants at create, and a participant without whatsapp on a WhatsApp document, are
// refused by the contract's schema before the service sees them, so the create checks pass on those
// variants: only the add path reaches the service's rule.)
const VARIANTS: Variant[] = [
  ['list without the tenant filter', store(broken.TenantFilterDroppedInList), ['isolation.list-search-autocomplete']],
  ['get that ignores the tenant', store(broken.GetIgnoresTenant), ['isolation.get-foreign-404']],
  ['bulk delete that ignores the tenant', service(broken.BulkDeleteIgnoresTenant), ['isolation.bulk-foreign-not-found']],
  ['custom-fields remove ignored', service(broken.RemoveIgnored), ['contacts.custom-fields.remove-after-set']],
  ['custom-fields remove applied before set', service(broken.RemoveBeforeSet), ['contacts.custom-fields.remove-after-set']],
  ['pagination off by one', service(broken.PaginationOffByOne), ['contacts.list.pagination-complete']],
  ['total counts the page, not the matches', service(broken.TotalCountsThePageOnly), ['contacts.list.pagination-complete']],
  ['duplicate emails accepted by create', service(broken.DuplicatesAccepted), ['contacts.create.duplicate-email-409']],
  ['bulk create not idempotent', service(broken.BulkCreateNotIdempotent), ['contacts.bulk-create.idempotent-by-email']],
  ['bulk results not in input order', service(broken.BulkResultsShuffled), ['contacts.bulk-create.partial-failure-in-order']],
  ['delete that does not delete', service(broken.DeleteDoesNotDelete), ['contacts.delete.deletes']],
  ['PUT that nulls absent fields', service(broken.PutNullsAbsentFields), ['contacts.update.present-keys-only']],
  ['search that ignores company', service(broken.SearchIgnoresCompany), ['contacts.list.search-fields']],
  ['autocomplete past 5 results', service(broken.AutocompleteUnbounded), ['contacts.autocomplete.at-most-5']],
  ['participant emails not lower-cased', service(broken.ParticipantEmailsKeepCase), ['participants.create.lowercase-invitedby-step']],
  ['duplicate participants accepted', service(broken.DuplicateParticipantsAccepted), ['participants.create.duplicate-after-lowercase-422', 'participants.add.duplicate-422']],
  ['whatsapp rule skipped', service(broken.WhatsappRuleSkipped), ['participants.add.whatsapp-required']],
  ['a 51st participant accepted', service(broken.FiftyOneParticipantsAccepted), ['participants.add.beyond-50-422']],
  ['invitedBy defaulted to the participant, not the key owner', service(broken.InvitedByDefaultsToTheParticipant), ['participants.create.lowercase-invitedby-step']],
  ['invitedBy defaulted to a fixed address, not the key owner', service(broken.InvitedByNotTheKeyOwner), ['participants.create.lowercase-invitedby-step']],
  ['any API key accepted', store(broken.AnyKeyAccepted), ['auth.bad-key-401']],
  ['pageSize over 100 clamped instead of refused', wrapped(broken.clampPageSize), ['contacts.list.page-size-limits']],
  ['responses in snake_case', wrapped(broken.snakeCaseResponses), ['contacts.create.returns-201-camelcase', 'generic.response-schema-conformance']],
];

describe('the suite catches deliberately broken mocks', () => {
  it.each(VARIANTS)('%s', async (_name, start, caughtBy) => {
    // these are the hand-written checks' bugs (generation has variants of its own, generation-variants.test.ts);
    // only the owning checks run: what the others would find says nothing of the check under test
    const summary = await runAgainst(await start(), { generate: 0, only: caughtBy });
    const failed = summary.results.filter((r) => r.outcome === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.map((r) => r.id)).toEqual(expect.arrayContaining(caughtBy));
    for (const r of failed) {
      expect(r.message, r.id).toBeTruthy();
      if (r.id !== 'cleanup.nothing-left') expect(r.exchanges?.length, r.id).toBeGreaterThan(0);
    }
  });
});
