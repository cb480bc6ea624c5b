import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

/** Absolute path of the contract; the same relative position holds from src/ and from dist/. */
export const SPEC_PATH = fileURLToPath(new URL('../../openapi/allsign-v2.yaml', import.meta.url));

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

let cached: { text: string; doc: OpenApiDocument } | undefined;

/** The contract's YAML text and its parsed form, read from disk once per process. */
export function loadSpecDocument(): { text: string; doc: OpenApiDocument } {
  if (!cached) {
    const text = readFileSync(SPEC_PATH, 'utf8');
    cached = { text, doc: parse(text) as OpenApiDocument };
  }
  return cached;
}
