import { spawn, type ChildProcess } from 'node:child_process';
import { onCpus } from './cpus.js';

export interface Started {
  name: string;
  url: string;
  child: ChildProcess;
  /** from spawn to the first 200 on the readiness URL */
  readyMs: number;
  stop(): Promise<void>;
}

/** Spawns a server and polls `ready` (a path, with optional headers) until it answers 200. */
export async function startProcess(
  name: string,
  command: string,
  args: string[],
  port: number,
  ready: { path: string; headers?: Record<string, string> },
  options: { env?: Record<string, string>; /** run it on these CPUs only (bench/cpus.ts) */ cpus?: string | undefined } = {},
): Promise<Started> {
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  // stdout is read and dropped, as a terminal would read it: a server's request log costs what it costs under `npm start`
  const [file, argv] = onCpus(options.cpus, command, args);
  const child = spawn(file, argv, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  child.stdout!.resume();
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  for (;;) {
    if (exited !== undefined) throw new Error(`${name} exited with ${exited} before it was ready:\n${stderr}`);
    if (performance.now() - t0 > 180_000) throw new Error(`${name} not ready after 180 s:\n${stderr}`);
    try {
      const res = await fetch(url + ready.path, { headers: ready.headers, signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const readyMs = performance.now() - t0;
  return {
    name,
    url,
    child,
    readyMs,
    stop: () =>
      new Promise((resolve) => {
        if (exited !== undefined) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
