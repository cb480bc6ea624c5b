// The mock CLI in a process of its own (from src, through tsx), for scripts and tests that must see
// a crash as a crash, read its output or signal it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface MockProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** what it printed so far, stdout and stderr */
  output(): string;
  /** resolves with the exit code */
  exited: Promise<number | null>;
}

/** Starts `allsign-mock` with these arguments and resolves once it prints the URL it listens on. */
export function startMockProcess(args: string[]): Promise<MockProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/mock/cli.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  // the tail is enough to report from, and a long run logs a line per request
  const keep = (d: Buffer) => (out = (out + d).slice(-65_536));
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      keep(d);
      const m = /listening on (http:\/\/\S+:(\d+))/.exec(out);
      if (m) resolve({ child, url: m[1]!, port: Number(m[2]), output: () => out, exited });
    });
    void exited.then((code) => reject(new Error(`the mock exited (${code}) before listening: ${out}`)));
  });
}

/** Resident memory of a process, from /proc (Linux), in MiB. */
export function rssMiB(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return kb / 1024;
}
