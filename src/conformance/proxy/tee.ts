import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, inflateRaw } from 'node:zlib';
import type { BodyCopy } from '../traffic/exchange.js';

const DECODERS = {
  gzip: promisify(gunzip),
  'x-gzip': promisify(gunzip),
  deflate: promisify(inflate),
  br: promisify(brotliDecompress),
} as const;
const rawDeflate = promisify(inflateRaw);

/**
 * A bounded copy of a body as it streams past: the first `limit` bytes are kept, the rest only
 * counted. What goes over the wire is never touched; the copy is what gets validated.
 */
export class Tee {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  size = 0;
  overflowed = false;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.size += chunk.length;
    if (this.overflowed) return;
    if (this.kept + chunk.length > this.limit) {
      this.overflowed = true;
      this.chunks.length = 0;
      return;
    }
    this.chunks.push(chunk);
    this.kept += chunk.length;
  }

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.kept);
  }

  /**
   * The body decoded (Content-Encoding undone, at most `limit` bytes out) as text; base64 when it is
   * not UTF-8. Past the bound, or undecodable, it is marked truncated and left unvalidated.
   */
  async decoded(contentEncoding: string | undefined): Promise<BodyCopy | undefined> {
    if (this.size === 0) return undefined;
    if (this.overflowed) return { text: '', size: this.size, truncated: true };
    let bytes = this.bytes();
    const codings = (contentEncoding ?? '')
      .split(',')
      .map((c) => c.trim().toLowerCase())
      .filter((c) => c && c !== 'identity');
    try {
      // applied in order, so undone in reverse
      for (const coding of codings.reverse()) {
        const decode = DECODERS[coding as keyof typeof DECODERS];
        if (!decode) return { text: '', size: this.size, truncated: true, error: `content-encoding ${coding} is not one the validator decodes` };
        try {
          bytes = await decode(bytes, { maxOutputLength: this.limit });
        } catch (error) {
          // some servers send raw deflate under "deflate"
          if (coding !== 'deflate') throw error;
          bytes = await rawDeflate(bytes, { maxOutputLength: this.limit });
        }
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const past = code === 'ERR_BUFFER_TOO_LARGE' || /maxOutputLength|Cannot create a Buffer larger/.test(String((error as Error).message));
      return { text: '', size: this.size, truncated: true, ...(past ? {} : { error: `${codings.join(', ')} body does not decode: ${(error as Error).message}` }) };
    }
    const text = bytes.toString('utf8');
    // a lone replacement character means bytes that are not UTF-8: keep them exactly, as base64
    if (text.includes('\uFFFD') && !Buffer.from(text, 'utf8').equals(bytes)) return { text: bytes.toString('base64'), size: this.size, encoding: 'base64' };
    return { text, size: this.size };
  }
}
