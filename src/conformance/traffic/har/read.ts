import { JSONParser } from '@streamparser/json';
import { createReadStream } from 'node:fs';
import type { Exchange } from '../exchange.js';
import { exchangeFromHar, MalformedEntry, type HarEntry } from './entry.js';

/** A HAR the validator cannot read: one line says why (exit 2). */
export class HarError extends Error {}

export interface HarReadResult {
  version: string | undefined;
  entries: number;
  /** entries that were not exchanges (no request, no url): why, for the first few */
  malformed: string[];
  malformedCount: number;
}

/** No entry (nor any other value) may take more of the file than this before it ends: memory stays bounded. */
export const MAX_ENTRY_BYTES = 64 * 1024 * 1024;
const CHUNK = 256 * 1024;

/**
 * Streams a HAR 1.2 file entry by entry (never the whole file in memory): each entry becomes an
 * exchange handed to `onExchange` as soon as it is read.
 */
export async function readHar(file: string, onExchange: (exchange: Exchange) => void, options: { maxEntryBytes?: number; afterChunk?: () => Promise<void> } = {}): Promise<HarReadResult> {
  const maxEntryBytes = options.maxEntryBytes ?? MAX_ENTRY_BYTES;
  const result: HarReadResult = { version: undefined, entries: 0, malformed: [], malformedCount: 0 };
  let sawLog = false;
  let sinceValue = 0;
  let offset = 0;
  // only what is read is kept: an entry is dropped from the parser's memory once it is handed on
  const parser = new JSONParser({ paths: ['$.log.version', '$.log.entries.*'], keepStack: false });
  parser.onValue = ({ value, key }) => {
    sinceValue = 0;
    sawLog = true;
    if (key === 'version') {
      result.version = typeof value === 'string' ? value : String(value);
      return;
    }
    if (typeof key !== 'number') return;
    const index = result.entries++;
    let exchange: Exchange;
    try {
      exchange = exchangeFromHar(value as unknown as HarEntry, index);
    } catch (error) {
      if (!(error instanceof MalformedEntry)) throw error;
      result.malformedCount++;
      if (result.malformed.length < 5) result.malformed.push(error.message);
      return;
    }
    onExchange(exchange);
  };
  const stream = createReadStream(file, { highWaterMark: CHUNK });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      sinceValue += chunk.length;
      if (sinceValue > maxEntryBytes) {
        throw new HarError(`${file}: a value near byte ${offset} runs past ${Math.round(maxEntryBytes / 2 ** 20)} MiB without ending; entries that large are not read`);
      }
      try {
        parser.write(chunk);
      } catch (error) {
        if (error instanceof HarError) throw error;
        throw new HarError(`${file} is not valid JSON near byte ${offset}: ${(error as Error).message}`);
      }
      offset += chunk.length;
      // a consumer that judges elsewhere (a worker thread) holds the reading back until it has room
      if (options.afterChunk) await options.afterChunk();
    }
    if (!parser.isEnded) parser.end();
  } catch (error) {
    stream.destroy();
    if (error instanceof HarError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new HarError(`${file}: no such file`);
    if (code === 'EISDIR') throw new HarError(`${file} is a directory, not a HAR file`);
    throw new HarError(`${file} is not valid JSON (it ends at byte ${offset} in the middle of a value): ${(error as Error).message}`);
  }
  if (!sawLog) throw new HarError(`${file} is not a HAR file: it has no log.version nor log.entries (HAR 1.2: {"log": {"version", "entries": […]}})`);
  return result;
}
