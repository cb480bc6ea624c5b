import { createStore, get, getMany, promisifyRequest, type UseStore } from 'idb-keyval';
import type { StoreState } from '../../port/records.js';
import type { SeedOptions } from '../../port/repository.js';
import type { MemoryRepository } from '../memory/memory-repository.js';
import type { Change } from './watched-repository.js';

// The mock's state kept in the page's IndexedDB, so that a reload, or another tab of the origin,
// finds what the page made. Loaded only when `persist` is asked for.
//
// Tabs take turns through a Web Lock per key: a request that may write holds the lock (exclusive)
// from before it runs until what it changed is stored; a read takes it shared for a moment. Each
// first catches up with what another tab stored (a small record holds a version number, the state
// itself is read only when that number moved). So every change is made on the latest state and no
// tab's change is lost to another's, while the answer never waits for the write: storing happens
// behind it, one write at a time, changes made meanwhile going into the next (coalesced).

const DATABASE = 'allsign-mock';
const OBJECT_STORE = 'state';

export interface PersistSettings {
  /** one state per key (default "default") */
  key: string;
  /** the largest state stored, in UTF-8 bytes of its JSON */
  maxBytes: number;
  /** the options the page seeds with: a state stored under others is not loaded */
  seed: SeedOptions;
  warn?: (message: string) => void;
}

/** The small record read on every request; the state sits under its own key, read only when this one moved. */
interface Meta {
  version: number;
  /** the seed options it was stored under, as JSON */
  options: string;
  bytes: number;
  /** present after a full reset: the state is the seed of these options, and none is stored */
  reset?: SeedOptions;
}

/** The parts of the Web Locks API used here (typed locally: the project's lib has no DOM). */
interface LockManager {
  request<T>(name: string, options: { mode: 'shared' | 'exclusive' }, callback: () => Promise<T>): Promise<T>;
}

/** The parts of IDBObjectStore used here. */
interface ObjectStore {
  get(key: string): { result: unknown; onsuccess: (() => void) | null };
  put(value: unknown, key: string): unknown;
  delete(key: string): unknown;
  transaction: { abort(): void };
}

const byteLength = (text: string) => new TextEncoder().encode(text).byteLength;

function isState(value: unknown): value is StoreState {
  const state = value as StoreState | null;
  return typeof state === 'object' && state !== null && state.version === 1 && Array.isArray(state.tenants) && Array.isArray(state.users);
}

export class BrowserPersistence {
  /** the version of the stored state this tab's memory holds (0: none stored) */
  private version = 0;
  /** a change not stored yet (the latest one: what is stored is the whole state at write time) */
  private pending: Change | undefined;
  /** requests that may write, running in this tab */
  private active = 0;
  private holding = false;
  private acquiring: Promise<void> | undefined;
  private release: (() => void) | undefined;
  /** the catch-up of this hold of the lock, shared by the requests that come in under it */
  private caughtUp: Promise<void> | undefined;
  private catching: Promise<void> | undefined;
  private writing: Promise<void> | undefined;
  /** after a storage error the page goes on in memory */
  private off = false;
  private overBound = false;
  private readonly options: string;
  private readonly metaKey: string;
  private readonly stateKey: string;
  private readonly lockName: string;
  private readonly locks: LockManager | undefined = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;

  private constructor(
    private readonly db: UseStore,
    private readonly memory: MemoryRepository,
    private readonly settings: PersistSettings,
  ) {
    this.options = JSON.stringify(settings.seed);
    this.metaKey = settings.key;
    this.stateKey = `${settings.key}:state`;
    this.lockName = `allsign-mock:${settings.key}`;
  }

  /** Opens the key's storage and loads what is stored there; undefined (after one warning) when the browser's storage cannot be used. */
  static async open(memory: MemoryRepository, settings: PersistSettings): Promise<BrowserPersistence | undefined> {
    let persistence: BrowserPersistence;
    try {
      persistence = new BrowserPersistence(createStore(DATABASE, OBJECT_STORE), memory, settings);
    } catch (error) {
      warn(settings, error);
      return undefined;
    }
    await persistence.guard(() => persistence.catchUp());
    return persistence.off ? undefined : persistence;
  }

  /** Runs one request: a write under the tabs' lock, on the latest state, stored after it; a read on the latest state. */
  async run<T>(write: boolean, task: () => Promise<T>): Promise<T> {
    if (this.off) return task();
    if (!write) {
      if (!this.holding) await this.guard(() => this.withLock('shared', () => this.catchUp()));
      return task();
    }
    // counted before waiting, so that the lock is not let go between the grant and the task
    this.active++;
    try {
      await this.guard(async () => {
        await this.acquire();
        await (this.caughtUp ??= this.catchUp());
      });
      return await task();
    } finally {
      this.active--;
      this.kick();
    }
  }

  /** What the repository reports after each change. */
  changed(change: Change): void {
    if (this.off) return;
    this.pending = change;
    // a change made outside a request (through handlers.mock): stored as soon as the lock is had
    if (this.active === 0) this.kick();
  }

  /** Resolves when every change made so far is stored (or could not be). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async withLock<T>(mode: 'shared' | 'exclusive', work: () => Promise<T>): Promise<T> {
    // without Web Locks (an old browser), tabs do not take turns: the last write wins
    return this.locks ? this.locks.request(this.lockName, { mode }, work) : work();
  }

  /** Holds the tabs' lock until released (no lock to take without Web Locks). */
  private acquire(): Promise<void> {
    if (this.holding) return Promise.resolve();
    return (this.acquiring ??= new Promise<void>((granted, refused) => {
      const hold = () => {
        this.holding = true;
        this.acquiring = undefined;
        granted();
        return new Promise<void>((release) => (this.release = release));
      };
      if (this.locks) this.locks.request(this.lockName, { mode: 'exclusive' }, hold).catch(refused);
      else void hold();
    }));
  }

  private releaseLock(): void {
    if (!this.holding) return;
    this.holding = false;
    this.caughtUp = undefined;
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  /** Stores what is pending, one write at a time; lets the lock go when nothing is left to do. */
  private kick(): void {
    if (this.writing) return;
    this.writing = (async () => {
      while (this.pending && !this.off) {
        await this.guard(() => this.acquire());
        const change = this.pending;
        this.pending = undefined;
        if (change && !this.off) await this.guard(() => this.store(change));
      }
    })().finally(() => {
      this.writing = undefined;
      if (this.pending && !this.off) this.kick();
      else if (this.active === 0) this.releaseLock();
    });
  }

  /** Loads what another tab stored since this one last looked (one at a time). */
  private catchUp(): Promise<void> {
    return (this.catching ??= this.load().finally(() => (this.catching = undefined)));
  }

  private async load(): Promise<void> {
    const seen = await get<Meta>(this.metaKey, this.db);
    if ((seen?.version ?? 0) === this.version) return;
    const [meta, json] = (await getMany([this.metaKey, this.stateKey], this.db)) as [Meta | undefined, string | undefined];
    this.version = meta?.version ?? 0;
    if (!meta || meta.options !== this.options) {
      // nothing stored (or storage cleared), or a state of other seed options: this page's seed
      await this.memory.reset(this.settings.seed);
      return;
    }
    if (meta.reset) return this.memory.reset(meta.reset);
    let state: unknown;
    try {
      state = JSON.parse(json ?? 'null');
    } catch {
      state = undefined;
    }
    if (!isState(state)) {
      this.settings.warn?.(`allsign-mock: the state stored under "${this.settings.key}" is unreadable; starting from the seed`);
      return this.memory.reset(this.settings.seed);
    }
    this.memory.replaceState(state);
  }

  /** One write: the state (or, after a reset, only that it is the seed) and a new version, in one transaction. */
  private async store(change: Change): Promise<void> {
    const meta: Meta = { version: 0, options: this.options, bytes: 0 };
    let json: string | undefined;
    if (change.kind === 'reset') meta.reset = change.seed;
    else {
      json = JSON.stringify(await this.memory.exportState());
      meta.bytes = byteLength(json);
      if (meta.bytes > this.settings.maxBytes) {
        if (!this.overBound) {
          this.settings.warn?.(
            `allsign-mock: the state is ${meta.bytes} bytes, over persist.maxBytes (${this.settings.maxBytes}): changes stay in this page's memory ` +
              'until it fits again, and a reload goes back to the last state stored',
          );
        }
        this.overBound = true;
        return;
      }
      this.overBound = false;
    }
    let thrown: unknown;
    await this.db('readwrite', (os) => {
      const store = os as unknown as ObjectStore;
      // the version is the stored one plus one, read in the same transaction: numbers never repeat across tabs
      const current = store.get(this.metaKey);
      current.onsuccess = () => {
        try {
          meta.version = ((current.result as Meta | undefined)?.version ?? 0) + 1;
          store.put(meta, this.metaKey);
          if (json === undefined) store.delete(this.stateKey);
          else store.put(json, this.stateKey);
        } catch (error) {
          // thrown in an event handler, it would abort the transaction as a bare AbortError: keep the cause
          thrown = error;
          store.transaction.abort();
        }
      };
      return promisifyRequest(store.transaction as IDBTransactionLike).catch((error: unknown) => {
        throw thrown ?? error;
      });
    });
    this.version = meta.version;
  }

  /** Runs storage work; the first failure turns persistence off for this page, with one warning. */
  private async guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (!this.off) warn(this.settings, error);
      this.off = true;
      this.pending = undefined;
      if (this.active === 0) this.releaseLock();
    }
  }
}

type IDBTransactionLike = Parameters<typeof promisifyRequest>[0];

function warn(settings: PersistSettings, error: unknown): void {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  settings.warn?.(`allsign-mock: the browser's storage cannot keep the mock's state (${reason}); it goes on in memory, and a reload starts from the seed`);
}
