import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { cpuPlan, onCpus, onMainThreadCpus } from '../../bench/cpus.js';
import { startProcess } from '../../bench/processes.js';
import { freePort } from '../../scripts/free-port.js';

// The benchmark's throughput rounds give the load generator one core and every server another:
// these check that the pin is really applied, and really lifted.

/** the CPUs a thread (or the main thread of a process) may run on, as the kernel says */
const allowed = (pid: number) => /Cpus_allowed_list:\s*(\S+)/.exec(readFileSync(`/proc/${pid}/task/${pid}/status`, 'utf8'))![1]!;

describe('bench CPU pinning', () => {
  it('pins only when asked, on a machine with two cores or more', () => {
    expect(cpuPlan(false)).toEqual({ unpinned: expect.stringMatching(/--no-pin/) });
    // this machine has two cores and taskset (the benchmark's own machine); elsewhere it says why not
    const plan = cpuPlan(true);
    if (availableParallelism() >= 2) expect(plan).toEqual({ loadGenerator: '0', servers: '1' });
    else expect(plan).toEqual({ unpinned: expect.stringMatching(/one core/) });
    expect(onCpus(undefined, 'java', ['-jar', 'x.jar'])).toEqual(['java', ['-jar', 'x.jar']]);
    expect(onCpus('1', 'java', ['-jar', 'x.jar'])).toEqual(['taskset', ['-c', '1', 'java', '-jar', 'x.jar']]);
  });

  it('runs the load with the main thread on its core and puts the thread back after, even when the load fails', async () => {
    const before = allowed(process.pid);
    let during = '';
    await onMainThreadCpus('0', async () => {
      during = allowed(process.pid)!;
    });
    expect(during).toBe('0');
    expect(allowed(process.pid)).toBe(before);
    await expect(onMainThreadCpus('0', () => Promise.reject(new Error('load failed')))).rejects.toThrow('load failed');
    expect(allowed(process.pid)).toBe(before);
  });

  it('starts a server on the given core, all of it (the process the benchmark stops and measures)', async () => {
    const port = await freePort();
    const server = await startProcess('probe', process.execPath, ['-e', `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`], port, { path: '/' }, { cpus: '1' });
    try {
      expect(allowed(server.child.pid!)).toBe('1');
      const threads = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
      expect(Number(/Threads:\s*(\d+)/.exec(threads)![1])).toBeGreaterThan(1);
      for (const tid of readdirSync(`/proc/${server.child.pid}/task`)) expect(allowed(Number(tid)), `thread ${tid}`).toBe('1');
    } finally {
      await server.stop();
    }
  });
});
