import { spawn, type ChildProcess } from 'node:child_process';
import { pinTree } from './cpus.js';

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
  options: {
    env?: Record<string, string>;
    /** once ready, run it on these CPUs only, all its threads (bench/cpus.ts) */
    cpus?: string | undefined;
    /** given up on (and killed) when not ready by then; 180 s by default */
    readyWithinMs?: number;
  } = {},
): Promise<Started> {
  const url = `http://127.0.0.1:${port}`;
  const readyWithinMs = options.readyWithinMs ?? 180_000;
  const t0 = performance.now();
  // stdout goes into a pipe that another process reads and drops, as a terminal (or a container's
  // log driver) reads it: a server's request log costs what it costs under `npm start`, and reading
  // it never delays this process, the client that times the server's answers
  const reader = spawn('cat', [], { stdio: ['pipe', 'ignore', 'ignore'] });
  const child = spawn(command, args, { stdio: ['ignore', reader.stdin, 'pipe'], env: { ...process.env, ...options.env } });
  // the server holds the pipe now: the reader ends when the server does
  reader.stdin.destroy();
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  for (;;) {
    if (exited !== undefined) throw new Error(`${name} exited with ${exited} before it was ready:\n${stderr}`);
    if (performance.now() - t0 > readyWithinMs) {
      child.kill('SIGKILL');
      throw new Error(`${name} not ready after ${readyWithinMs / 1000} s:\n${stderr}`);
    }
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
  // started on every core (a start is not what is measured, and several go at once), then pinned
  if (options.cpus !== undefined) pinTree(child.pid!, options.cpus);
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

/**
 * Starts several servers at once; when one fails, those that started are stopped and the first
 * failure is thrown. An undefined start (a server not asked for) stays undefined.
 */
export async function startAll<const T extends readonly (Promise<Started | undefined> | undefined)[]>(starts: T): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(starts.map((s) => s ?? Promise.resolve(undefined)));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(settled.map((s) => (s.status === 'fulfilled' ? s.value?.stop() : undefined)));
    throw failed.reason;
  }
  return settled.map((s) => (s as PromiseFulfilledResult<Started | undefined>).value) as { -readonly [K in keyof T]: Awaited<T[K]> };
}
