import { describe, expect, it } from 'vitest';
import { leanDocument } from '../../scripts/engine-document.js';
import { contractDocument, engineContractDocument, loadContract, loadEngineContract } from '../../src/contract/index.js';

describe('the contract as the engine runs it', () => {
  it('leaves out prose and keeps names and data that happen to be called like prose', () => {
    const doc = {
      info: { title: 'T', description: 'prose' },
      paths: { '/x': { get: { summary: 'prose', description: 'prose', 'x-inferred': 'why', operationId: 'x' } } },
      components: {
        schemas: {
          Thing: {
            type: 'object',
            description: 'prose',
            'x-documented': 'a sentence',
            properties: { description: { type: 'string', description: 'prose', maxLength: 5 }, summary: { type: 'string' } },
            examples: [{ description: 'data', summary: 'data' }],
            default: { description: 'data' },
          },
        },
      },
    };
    expect(leanDocument(doc)).toEqual({
      info: { title: 'T' },
      paths: { '/x': { get: { operationId: 'x' } } },
      components: {
        schemas: {
          Thing: {
            type: 'object',
            properties: { description: { type: 'string', maxLength: 5 }, summary: { type: 'string' } },
            examples: [{ description: 'data', summary: 'data' }],
            default: { description: 'data' },
          },
        },
      },
    });
  });

  it('has every operation, route and declared status of the whole contract', () => {
    const shape = (c: ReturnType<typeof loadContract>) => c.operations.map((op) => [op.operationId, op.method, op.path, op.responses.map((r) => [r.status, r.examples])]);
    expect(shape(loadEngineContract())).toEqual(shape(loadContract()));
    expect(JSON.stringify(engineContractDocument()).length).toBeLessThan(JSON.stringify(contractDocument()).length);
  });
});
