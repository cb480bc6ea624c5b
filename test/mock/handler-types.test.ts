import { describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/index.js';
import { HANDLERS } from '../../src/mock/engine/handlers/index.js';

// What the compiler holds of the handler table is in test/types/handlers.ts (npm run typecheck);
// here, what only a run can see: the table against the contract as loaded.
describe('the handler table', () => {
  it('has one handler per operation of the contract, and no other', () => {
    expect(Object.keys(HANDLERS).sort()).toEqual(loadContract().operations.map((op) => op.operationId).sort());
  });
});
