/**
 * A Blob of bytes this process holds, whose arrayBuffer() is one copy of them. PGlite reads its
 * file bundle (6 MB) and a template (39 MB) through arrayBuffer() for every database it makes,
 * and Node 20 answers that by streaming the Blob's native copy in chunks and joining them: half a
 * second for the template, as long as the rest of making an in-memory database.
 */
export class BytesBlob extends Blob {
  readonly #bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    super([bytes]);
    this.#bytes = bytes;
  }

  override arrayBuffer(): Promise<ArrayBuffer> {
    // a copy: what the reader does with it leaves these bytes as they are for the next one
    return Promise.resolve(this.#bytes.slice().buffer);
  }
}
