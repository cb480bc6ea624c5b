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

it('kills a server that is not ready in time, and says so', async () => {
  const port = await freePort();
  // listening, but never ready
  const script = `require('node:http').createServer((q, s) => { s.statusCode = 503; s.end(); }).listen(${port}, '127.0.0.1')`;
  await expect(startProcess('stuck', process.execPath, ['-e', script], port, { path: '/' }, { readyWithinMs: 1000 })).rejects.toThrow(/stuck not ready after 1 s/);
  // nothing answers on its port once it is killed
  const answers = async () => fetch(`http://127.0.0.1:${port}/`).then(() => true, () => false);
  await expect.poll(answers, { timeout: 5000 }).toBe(false);
});
