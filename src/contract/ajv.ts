import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { isEmailAddress } from './email.js';

/**
 * One ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1) per purpose: request parts are filled
 * with defaults (query and path strings are coerced beforehand, see params.ts), response bodies are
 * validated as they are.
 */
export function createAjv(purpose: 'request-params' | 'request-body' | 'response'): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    useDefaults: purpose !== 'response',
  });
  addFormats.default(ajv);
  // the API's own email rule, the one bulk create applies per item too; its length is the schemas'
  // own maxLength (every `format: email` has one), so that the bound keeps a provenance of its own
  ajv.addFormat('email', isEmailAddress);
  // OpenAPI keywords that may sit inside a schema; they describe and do not constrain. Provenance
  // marks are a string (the whole node) or a map (keyword → words): see provenance/marks.ts.
  ajv.addKeyword({ keyword: 'x-inferred', schemaType: ['string', 'object'] });
  ajv.addKeyword({ keyword: 'x-documented', schemaType: ['string', 'object'] });
  ajv.addKeyword({ keyword: 'x-absent-when', schemaType: 'string' });
  ajv.addKeyword({ keyword: 'example' });
  return ajv;
}
