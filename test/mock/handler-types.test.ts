import { describe, expect, it } from 'vitest';
import { loadAdminContract, loadContract } from '../../src/contract/index.js';
import { adminHandlers } from '../../src/mock/admin/handlers.js';
import { createMock } from '../../src/mock/index.js';
import { HANDLERS } from '../../src/mock/engine/handlers/index.js';

// What the compiler holds of the handler table is in test/types/handlers.ts (npm run typecheck);
// here, what only a run can see: the table against the contract as loaded.
describe('the handler tables', () => {
  it('has one handler per operation of the contract, and no other', () => {
    expect(Object.keys(HANDLERS).sort()).toEqual(loadContract().operations.map((op) => op.operationId).sort());
  });

  it('has, for the control plane, one handler per operation of its contract, and no other', () => {
    const mock = createMock({ contacts: 0 });
    const handlers = adminHandlers(mock.control, mock.journal, mock.faults, Date.now());
    expect(Object.keys(handlers).sort()).toEqual(loadAdminContract().operations.map((op) => op.operationId).sort());
  });
});
