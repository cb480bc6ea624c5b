// allsign-v2-toolkit/validate: a page's own fetch checked against the contract, during development.
// The same judge as the proxy and the HAR validator (src/conformance/traffic), with no server: each
// finding is told once, on the console, with the operation and the field.
import { TrafficBook, type FindingGroup } from '../conformance/traffic/book.js';
import type { BodyCopy, Exchange, HeaderList } from '../conformance/traffic/exchange.js';
import { basisLine } from '../conformance/traffic/reporters/text.js';

export type { FindingGroup } from '../conformance/traffic/book.js';

export interface ValidateOptions {
  /** the API's path prefix in request URLs (default: where the contract's paths begin, /v2) */
  basePath?: string;
  /** which findings are told: documented ones only, or any (inferred and gaps too); default any */
  report?: 'documented' | 'any';
  /** where a finding is told (default: console.error for documented ones, console.warn for the rest) */
  onFinding?: (finding: FindingGroup, line: string) => void;
  /** bodies past this many characters are not validated (default 1 MiB) */
  maxBodyChars?: number;
}

type Fetch = typeof globalThis.fetch;

const headerList = (headers: Headers): HeaderList => [...headers.entries()];

async function bodyOf(read: () => Promise<string>, max: number, declared: string | null): Promise<BodyCopy | undefined> {
  if (declared !== null && Number(declared) > max) return { text: '', size: Number(declared), truncated: true };
  const text = await read();
  if (text === '') return undefined;
  return text.length > max ? { text: '', size: text.length, truncated: true } : { text, size: text.length };
}

function tell(group: FindingGroup, options: ValidateOptions): void {
  if (options.report === 'documented' && group.provenance !== 'documented') return;
  if (group.provenance === 'client' && options.report === 'documented') return;
  const line = `[allsign contract] ${group.provenance} ${group.id}: ${group.operationId ?? '(no operation)'} ${group.status ?? ''} ${group.field}: ${group.message} (${basisLine(group)})`;
  if (options.onFinding) return options.onFinding(group, line);
  if (group.provenance === 'documented') console.error(line);
  else console.warn(line);
}

/**
 * A fetch that behaves exactly like `base` and, after each answer, checks the exchange against the
 * contract: a finding is told once (its first occurrence), never thrown; the caller's response is
 * untouched (the validator reads a clone).
 */
export function validatingFetch(base: Fetch = globalThis.fetch.bind(globalThis), options: ValidateOptions = {}): Fetch & { book: TrafficBook } {
  const book = new TrafficBook('the page', { basePath: options.basePath });
  const max = options.maxBodyChars ?? 1024 * 1024;
  const wrapped = async (input: Parameters<Fetch>[0], init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const requestBody = request.body ? bodyOf(() => request.clone().text(), max, request.headers.get('content-length')) : Promise.resolve(undefined);
    const started = Date.now();
    let response: Response;
    try {
      response = await base(input, init);
    } catch (error) {
      void requestBody.then((body) => judge({ request, body, started, error: String((error as Error)?.message ?? error) }));
      throw error;
    }
    const copy = response.clone();
    void Promise.all([requestBody, bodyOf(() => copy.text(), max, copy.headers.get('content-length'))]).then(([body, answer]) => judge({ request, body, started, response: copy, answer }));
    return response;
  };
  function judge(seen: { request: Request; body?: BodyCopy; started: number; response?: Response; answer?: BodyCopy; error?: string }): void {
    const exchange: Exchange = {
      startedAt: new Date(seen.started).toISOString(),
      durationMs: Date.now() - seen.started,
      request: { method: seen.request.method, url: seen.request.url, headers: headerList(seen.request.headers), ...(seen.body ? { body: seen.body } : {}) },
      ...(seen.response ? { response: { status: seen.response.status, headers: headerList(seen.response.headers), ...(seen.answer ? { body: seen.answer } : {}) } } : {}),
      ...(seen.error ? { error: seen.error } : {}),
    };
    for (const group of book.add(exchange)) if (group.count === 1) tell(group, options);
  }
  return Object.assign(wrapped as Fetch, { book });
}

/** Wraps the page's global fetch; the function returned puts the original back. */
export function installFetchValidation(options: ValidateOptions = {}): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = validatingFetch(original.bind(globalThis), options);
  return () => {
    globalThis.fetch = original;
  };
}
