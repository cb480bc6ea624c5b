// Where the benchmark's processes run. On a small machine the load generator and the server under
// test otherwise share every core: a server with many threads (WireMock's JVM: request threads,
// JIT compilers, GC) then takes cores the load generator needs, and wins or loses by how the
// scheduler happened to share them. Pinned, the load generator has one core and every server
// another one of its own: the same budget for each, whatever its threading.
import { execFileSync } from 'node:child_process';
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

/** A command run on the given CPUs (all its threads, and its children's). */
export function onCpus(cpus: string | undefined, command: string, args: string[]): [string, string[]] {
  return cpus === undefined ? [command, args] : ['taskset', ['-c', cpus, command, ...args]];
}

function affinity(): string {
  // "pid 123's current affinity list: 0,1"
  return execFileSync('taskset', ['-cp', String(process.pid)], { encoding: 'utf8' }).trim().split(': ').pop()!;
}

/**
 * Runs `work` with this process's main thread (where the load generator runs) on `cpus`, then puts
 * it back. Only around the load itself: a process spawned while pinned would inherit the pin.
 */
export async function onMainThreadCpus<T>(cpus: string | undefined, work: () => Promise<T>): Promise<T> {
  if (cpus === undefined) return work();
  const before = affinity();
  execFileSync('taskset', ['-cp', cpus, String(process.pid)], { stdio: 'ignore' });
  try {
    return await work();
  } finally {
    execFileSync('taskset', ['-cp', before, String(process.pid)], { stdio: 'ignore' });
  }
}
