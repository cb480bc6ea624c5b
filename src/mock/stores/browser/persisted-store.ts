import type { Repository, SeedOptions } from '../../port/repository.js';
import { MemoryRepository } from '../memory/memory-repository.js';
import type { BrowserPersistence } from './persistence.js';
import { WatchedRepository } from './watched-repository.js';

/** `persist` of createHandlers: `true` for the defaults, or the key and the bound. */
export type PersistOption = boolean | { key?: string; maxBytes?: number };

export const DEFAULT_PERSIST_KEY = 'default';
/** The default bound of the stored state: a few thousand contacts (the seed's 80 take ~50 KB). */
export const DEFAULT_PERSIST_BYTES = 16 * 2 ** 20;
const MAX_KEY_LENGTH = 100;

/** The settings `persist` asks for, undefined when off; a bad value is a TypeError naming it. */
export function persistSettings(persist: PersistOption | undefined): { key: string; maxBytes: number } | undefined {
  if (persist === undefined || persist === false) return undefined;
  if (persist === true) return { key: DEFAULT_PERSIST_KEY, maxBytes: DEFAULT_PERSIST_BYTES };
  if (typeof persist !== 'object' || persist === null) throw new TypeError(`persist must be true, false or { key?, maxBytes? }, not ${JSON.stringify(persist)}`);
  const { key = DEFAULT_PERSIST_KEY, maxBytes = DEFAULT_PERSIST_BYTES } = persist;
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) {
    throw new TypeError(`persist.key must be a string of 1 to ${MAX_KEY_LENGTH} characters, not ${JSON.stringify(key)}`);
  }
  if (typeof maxBytes !== 'number' || !Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw new TypeError(`persist.maxBytes must be a positive whole number of bytes, not ${JSON.stringify(maxBytes)}`);
  }
  return { key, maxBytes };
}

export interface PersistedStore {
  repository: Repository;
  /** resolves when what was stored is loaded (or storage turned out unusable) */
  ready: Promise<void>;
  /** runs one request in turn with the other tabs (`write`: it may change the state) */
  run<T>(write: boolean, task: () => Promise<T>): Promise<T>;
  /** resolves when every change so far is stored */
  flush(): Promise<void>;
}

/**
 * The in-memory store, seeded as usual, whose state the browser's storage keeps: the part that
 * talks to IndexedDB loads on demand, so a page that does not persist never downloads it.
 */
export function persistedStore(seed: SeedOptions, settings: { key: string; maxBytes: number }, warn = (message: string) => console.warn(message)): PersistedStore {
  const memory = new MemoryRepository(seed);
  let persistence: BrowserPersistence | undefined;
  const repository = new WatchedRepository(memory, (change) => persistence?.changed(change));
  const ready = import('./persistence.js').then(
    async ({ BrowserPersistence }) => {
      persistence = await BrowserPersistence.open(memory, { ...settings, seed, warn });
    },
    (error: unknown) => warn(`allsign-mock: the persistence module did not load (${String(error)}); the mock goes on in memory`),
  );
  return {
    repository,
    ready,
    async run(write, task) {
      await ready;
      return persistence ? persistence.run(write, task) : task();
    },
    async flush() {
      await ready;
      await persistence?.flush();
    },
  };
}
