// Where the benchmark's processes run. On a small machine the load generator and the server under
// test otherwise share every core: a server with many threads (WireMock's JVM: request threads,
// JIT compilers, GC) then takes cores the load generator needs, and wins or loses by how the
// scheduler happened to share them. Pinned, the load generator has one core and every server
// another one of its own: the same budget for each, whatever its threading.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export interface CpuPlan {
  /** the CPU the load generator (this process's main thread) runs on while it loads a server */
  loadGenerator: string;
  /** the CPU every server under test runs on, all its threads */
  servers: string;
}

/** The plan, or why there is none (asked not to, one core, no taskset). */
export function cpuPlan(wanted: boolean): CpuPlan | { unpinned: string } {
  if (!wanted) return { unpinned: 'not pinned (--no-pin): load generator and servers share every core' };
  if (availableParallelism() < 2) return { unpinned: 'not pinned (one core): load generator and servers share it' };
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
  } catch {
    return { unpinned: 'not pinned (no taskset; Debian: util-linux): load generator and servers share every core' };
  }
  return { loadGenerator: '0', servers: '1' };
}

/** A running process, all its threads and its children's, from now on on the given CPUs. */
export function pinTree(pid: number, cpus: string): void {
  for (const one of processTree(pid)) execFileSync('taskset', ['-a', '-cp', cpus, String(one)], { stdio: 'ignore' });
}

function processTree(pid: number): number[] {
  let children: number[] = [];
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      children = children.concat(readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
    }
  } catch {
    // gone meanwhile: nothing of it to pin
  }
  return [pid, ...children.flatMap(processTree)];
}

function affinity(pid: number): string {
  // "pid 123's current affinity list: 0,1"
  return execFileSync('taskset', ['-cp', String(pid)], { encoding: 'utf8' }).trim().split(': ').pop()!;
}

/**
 * Runs `work` with this process's main thread (where the load generator runs) on `cpus`, then puts
 * it back. Only around the load itself: a process spawned while pinned would inherit the pin.
 */
export async function onMainThreadCpus<T>(cpus: string | undefined, work: () => Promise<T>): Promise<T> {
  return pinnedWhile(['-cp'], process.pid, cpus, work);
}

/**
 * Runs `work` with a running process, all its threads, on `cpus`, then puts it back: a server
 * started on every core (a scale tenant seeds faster so) measured on the servers' core.
 */
export async function onProcessCpus<T>(pid: number, cpus: string | undefined, work: () => Promise<T>): Promise<T> {
  return pinnedWhile(['-a', '-cp'], pid, cpus, work);
}

async function pinnedWhile<T>(flags: string[], pid: number, cpus: string | undefined, work: () => Promise<T>): Promise<T> {
  if (cpus === undefined) return work();
  const before = affinity(pid);
  execFileSync('taskset', [...flags, cpus, String(pid)], { stdio: 'ignore' });
  try {
    return await work();
  } finally {
    execFileSync('taskset', [...flags, before, String(pid)], { stdio: 'ignore' });
  }
}
