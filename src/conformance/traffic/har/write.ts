import { createWriteStream, type WriteStream } from 'node:fs';
import type { Exchange } from '../exchange.js';
import type { Redactor } from '../redact.js';
import { harFromExchange } from './entry.js';

/** Entries waiting for the disk past this are dropped (and counted): a stuck disk never grows the proxy. */
const MAX_PENDING_BYTES = 32 * 1024 * 1024;

/**
 * A HAR 1.2 file written as exchanges happen, one entry at a time, every entry redacted before it
 * is serialised: the file is valid once closed, and a secret never reaches it.
 */
export class HarWriter {
  private readonly stream: WriteStream;
  private written = 0;
  private dropped = 0;
  private failure: Error | undefined;

  private constructor(
    readonly file: string,
    private readonly origin: string,
    private readonly redactor: Redactor,
    stream: WriteStream,
  ) {
    this.stream = stream;
    stream.on('error', (error) => (this.failure = error));
  }

  /** Opens (creates or truncates) the file; rejects with the file system's reason when it cannot. */
  static open(file: string, origin: string, redactor: Redactor, creator: { name: string; version: string }): Promise<HarWriter> {
    return new Promise((resolve, reject) => {
      const stream = createWriteStream(file, { flags: 'w' });
      stream.once('error', reject);
      stream.once('open', () => {
        stream.off('error', reject);
        stream.write(`{"log":{"version":"1.2","creator":${JSON.stringify(creator)},"pages":[],"entries":[\n`);
        resolve(new HarWriter(file, origin, redactor, stream));
      });
    });
  }

  add(exchange: Exchange): void {
    if (this.failure) return;
    if (this.stream.writableLength > MAX_PENDING_BYTES) {
      this.dropped++;
      return;
    }
    const entry = JSON.stringify(harFromExchange(this.redactor.exchange(exchange), this.origin));
    this.stream.write(`${this.written ? ',\n' : ''}${entry}`);
    this.written++;
  }

  /** Ends the file; what it held, and any write error. */
  close(): Promise<{ written: number; dropped: number; error?: string }> {
    return new Promise((resolve) => {
      const done = () => resolve({ written: this.written, dropped: this.dropped, ...(this.failure ? { error: this.failure.message } : {}) });
      if (this.stream.destroyed) return done();
      this.stream.end(`\n]}}\n`, done);
    });
  }
}
