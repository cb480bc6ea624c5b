import { readFileSync } from 'node:fs';

/** The contract as written (YAML), for tests about how it is written. */
export function contractYaml(): string {
  return readFileSync(new URL('../../openapi/allsign-v2.yaml', import.meta.url), 'utf8');
}
