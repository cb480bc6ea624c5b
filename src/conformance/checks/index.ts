import type { Check } from '../types.js';
import { authChecks } from './auth.js';
import { bulkChecks } from './bulk.js';
import { contactChecks } from './contacts.js';
import { customFieldChecks } from './custom-fields.js';
import { isolationChecks } from './isolation.js';
import { listChecks } from './list.js';
import { participantChecks } from './participants.js';

/** The catalogue, in the order checks run and are reported. */
export const CHECKS: Check[] = [
  ...authChecks,
  ...contactChecks,
  ...listChecks,
  ...customFieldChecks,
  ...bulkChecks,
  ...participantChecks,
  ...isolationChecks,
];
