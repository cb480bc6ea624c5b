import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { cpuPlan, onMainThreadCpus, onProcessCpus } from '../../bench/cpus.js';
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

  it('puts a started server on the given core once ready, all of it: every thread, and its children', async () => {
    const port = await freePort();
    // a server with a child process of its own (as a launcher script has)
    const script = `require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`;
    const server = await startProcess('probe', process.execPath, ['-e', script], port, { path: '/' }, { cpus: '1' });
    const pid = server.child.pid!;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
    try {
      expect(children).toHaveLength(1);
      expect(readdirSync(`/proc/${pid}/task`).length).toBeGreaterThan(1);
      for (const one of [pid, ...children]) {
        for (const tid of readdirSync(`/proc/${one}/task`)) expect(allowed(Number(tid)), `process ${one}, thread ${tid}`).toBe('1');
      }
    } finally {
      for (const child of children) process.kill(child);
      await server.stop();
    }
  });

  it('pins a running server, every thread of it, while the work runs, and puts it back after', async () => {
    const port = await freePort();
    const server = await startProcess('probe', process.execPath, ['-e', `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`], port, { path: '/' });
    const pid = server.child.pid!;
    const threads = () => readdirSync(`/proc/${pid}/task`).map(Number);
    try {
      const before = allowed(pid);
      expect(before).not.toBe('1');
      let during: string[] = [];
      await onProcessCpus(pid, '1', async () => {
        during = threads().map(allowed);
      });
      expect(during.length).toBeGreaterThan(1);
      expect(new Set(during)).toEqual(new Set(['1']));
      expect(new Set(threads().map(allowed))).toEqual(new Set([before]));
    } finally {
      await server.stop();
    }
  });
});
