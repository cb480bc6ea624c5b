import { describe, expect, it } from 'vitest';
import { fuzz, send } from '../../scripts/fuzz-cases.js';
import { createMockApp, createMockServer, listen } from '../../src/mock/index.js';

// A few thousand invalid and hostile requests over every operation and the control plane, from a
// fixed seed, on loopback: no 5xx, every error JSON in FastAPI's shape, every success as the
// contract says, and the mock still answers afterwards. `npm run fuzz` runs a hundred thousand.
describe('fuzzing every operation', () => {
  it('keeps every invariant over 3,000 seeded requests, and keeps serving', async () => {
    const server = createMockServer(createMockApp({ contacts: 20 }));
    const { port } = await listen(server, 0, '127.0.0.1');
    try {
      const report = await fuzz(port, { count: 3000, seed: 20261127, concurrency: 8 });
      expect(report.failures.slice(0, 10)).toEqual([]);
      expect(report.requests).toBe(3000);
      // the cases reach past validation too, not only into refusals
      expect(Object.keys(report.statuses).filter((s) => s.startsWith('2')).length).toBeGreaterThan(0);
      const health = await send(port, { method: 'GET', path: '/__admin/health', headers: {}, label: 'health' });
      expect(health.status).toBe(200);
      const create = await send(port, {
        method: 'POST',
        path: '/v2/contacts',
        headers: { authorization: 'Bearer sk_test_demo_a', 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ email: 'after-fuzz@example.com' })),
        label: 'create',
      });
      expect(create.status).toBe(201);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }, 120_000);
});
