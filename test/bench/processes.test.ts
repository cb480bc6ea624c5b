import { expect, it } from 'vitest';
import { startProcess } from '../../bench/processes.js';
import { freePort } from '../../scripts/free-port.js';

// A server's request log must cost what it costs under `npm start`, where a terminal or a log
// driver reads it: never the benchmark's own process, the client that times the answers.

it("hands a server's stdout to another process that reads all of it", async () => {
  const port = await freePort();
  // 4 MiB written synchronously before listening: a pipe nobody drains (64 KiB) would block it there
  const script = `require('node:fs').writeSync(1, 'x'.repeat(4 * 2 ** 20)); require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`;
  const server = await startProcess('probe', process.execPath, ['-e', script], port, { path: '/' });
  try {
    // ready, so all of it was drained; and not through a stream of this process
    expect(server.child.stdout).toBeNull();
  } finally {
    await server.stop();
  }
});
