import type { PGliteOptions } from '@electric-sql/pglite';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { BytesBlob } from './bytes-blob.js';

type WasmModule = NonNullable<PGliteOptions['pgliteWasmModule']>;

export interface PgliteAssets {
  wasm: WasmModule;
  fsBundle: Blob;
}

// the libs this project compiles against leave WebAssembly out: its one function used here, typed
const wasmApi = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule> } }).WebAssembly;

let assets: Promise<PgliteAssets> | undefined;

/**
 * PGlite's engine (9 MB of WASM, compiled on V8's background threads) and its file bundle, read
 * and compiled once. Started first thing by the CLI when it is to open an embedded database, it
 * runs while the rest of the program loads: a restart is that much sooner ready.
 */
export function pgliteAssets(): Promise<PgliteAssets> {
  assets ??= (async () => {
    const dist = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    const [wasm, bundle] = await Promise.all([readFile(join(dist, 'pglite.wasm')), readFile(join(dist, 'pglite.data'))]);
    return { wasm: await wasmApi.compile(wasm), fsBundle: new BytesBlob(bundle) };
  })();
  return assets;
}
