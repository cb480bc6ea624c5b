// The mock with no server and no Node built-ins: what runs in a browser (and anywhere fetch does).
export { createMock, json } from './mock.js';
export type { Mock, MockOptions } from './mock.js';
export { fetchHandler, toMockRequest, toResponse } from './adapters/fetch.js';
export type { MockRequest, MockResponse, BodyError, TransportFault } from './engine/types.js';
export { ApiError, Errors } from './engine/http-errors.js';
export { RequestJournal } from './engine/journal.js';
export type { JournalEntry, JournalLimits } from './engine/journal.js';
export { MockService } from './domain/service.js';
export type { Service, ServiceOptions, ContactDetails, BulkOutcome, NewDocument } from './domain/service.js';
export { DomainError } from './domain/errors.js';
export type { Problem, ParticipantProblem, CustomFieldsProblem } from './domain/errors.js';
export { MemoryRepository } from './stores/memory/memory-repository.js';
export type { Repository, ListQuery, ContactRow, ContactPage, SeedOptions } from './port/repository.js';
export type * from './port/records.js';
export { SEEDED_VERIFIED_USER, generateSeed } from './seed/seed.js';
export { DEFAULT_API_KEYS, DEFAULT_SEED, DEFAULT_CONTACTS, DEFAULT_PORT, DEFAULT_HOST } from './defaults.js';
export type { ContactInput, ContactFields } from './domain/contacts.js';
export type { ParticipantInput } from './domain/documents.js';
