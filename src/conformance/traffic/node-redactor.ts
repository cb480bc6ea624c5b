import { createHmac } from 'node:crypto';
import { Redactor, type RedactOptions } from './redact.js';

/** The key of the placeholders' hash: set it to make them unguessable from a weak secret; the default keeps them stable everywhere. */
export const REDACT_SALT_ENV = 'ALLSIGN_REDACT_SALT';

export function nodeRedactor(options: RedactOptions = {}): Redactor {
  const salt = process.env[REDACT_SALT_ENV] || 'allsign-v2-toolkit redaction';
  return new Redactor((text) => createHmac('sha256', salt).update(text).digest('hex'), options);
}
