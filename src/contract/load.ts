import { CONTRACT_JSON } from './document.generated.js';

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, unknown>>;
  components: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

let cached: OpenApiDocument | undefined;

/**
 * The contract, parsed once per process. It comes from a module generated from the YAML, not from
 * the file system, so the same code loads it in Node and in a browser.
 */
export function contractDocument(): OpenApiDocument {
  cached ??= JSON.parse(CONTRACT_JSON) as OpenApiDocument;
  return cached;
}
