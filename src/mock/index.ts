export { createMockApp } from './app.js';
export type { MockOptions } from './app.js';
export { MockStore, MAX_PARTICIPANTS, AUTOCOMPLETE_LIMIT } from './store/store.js';
export type { StoreOptions } from './store/store.js';
export { SEEDED_VERIFIED_USER } from './store/seed.js';
export { DEFAULT_API_KEYS, DEFAULT_SEED, DEFAULT_CONTACTS, DEFAULT_PORT, DEFAULT_HOST } from './defaults.js';
export { ApiError, Errors } from './errors.js';
export type * from './store/types.js';
