// The mock CLI in a process of its own (from src: scripts/cli-command.ts), for scripts and tests that
// must see a crash as a crash, read its output or signal it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cliCommand } from './cli-command.js';

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

export interface MockProcessOptions {
  /** a command to run the mock under, which must exec the rest (unshare, for a mount namespace of its own) */
  wrap?: string[];
  env?: Record<string, string>;
  /** resolve once it listens, its store perhaps still opening (default: once it is ready) */
  listening?: boolean;
}

/** Starts `allsign-mock` with these arguments and resolves once it is ready (its banner), or once it listens. */
export function startMockProcess(args: string[], options: MockProcessOptions = {}): Promise<MockProcess> {
  const [node, cli] = cliCommand('mock/cli', args);
  const command = [...(options.wrap ?? []), node, ...cli];
  const child = spawn(command[0]!, command.slice(1), { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  let out = '';
  // the tail is enough to report from, and a long run logs a line per request
  const keep = (d: Buffer) => (out = (out + d).slice(-65_536));
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  // the banner once ready; a database store first says where it listens while it opens
  const said = options.listening ? /(?:listening on|mock on) (http:\/\/\S+:(\d+))/ : /listening on (http:\/\/\S+:(\d+))/;
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      keep(d);
      const m = said.exec(out);
      if (m) resolve({ child, url: m[1]!.replace(/:$/, ''), port: Number(m[2]), output: () => out, exited });
    });
    void exited.then((code) => reject(new Error(`the mock exited (${code}) before listening: ${out}`)));
  });
}

/** Kills (SIGKILL) the processes still running among these and waits for each: a test's clean-up. */
export async function killAll(mocks: MockProcess[]): Promise<void> {
  for (const mock of mocks.splice(0)) {
    if (mock.child.exitCode === null && mock.child.signalCode === null) {
      mock.child.kill('SIGKILL');
      await mock.exited;
    }
  }
}

/** Resident memory of a process, from /proc (Linux), in MiB. */
export function rssMiB(pid: number): number {
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
  return kb / 1024;
}
