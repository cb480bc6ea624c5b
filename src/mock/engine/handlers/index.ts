import { bulkHandlers } from './bulk.js';
import { contactHandlers } from './contacts.js';
import { documentHandlers } from './documents.js';
import type { Handlers } from './types.js';

/** One handler per operation of the contract, checked by the compiler. */
export const HANDLERS: Handlers = { ...contactHandlers, ...bulkHandlers, ...documentHandlers };
