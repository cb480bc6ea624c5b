import { childOf, type ContractNode, loadContract, nodeAt, type Operation, operationPointer } from '../../contract/index.js';

/** One request to an operation, before it is sent. */
export interface RequestCase {
  path: Record<string, string>;
  query: Record<string, string>;
  body?: unknown;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  node: ContractNode;
  schema: ContractNode;
}

/** The operation's path and query parameters as written in the contract (path-level ones included). */
export function parametersOf(op: Operation): Parameter[] {
  const { doc } = loadContract();
  const opPointer = operationPointer(op.path, op.method);
  const lists = [`${opPointer.replace(/\/[a-z]+$/, '')}/parameters`, `${opPointer}/parameters`];
  const params: Parameter[] = [];
  for (const list of lists) {
    for (let i = 0; ; i++) {
      const node = nodeAt(doc, `${list}/${i}`);
      if (!node) break;
      const where = node.value.in;
      if (where !== 'path' && where !== 'query') continue;
      params.push({ name: String(node.value.name), in: where, required: Boolean(node.value.required), node, schema: childOf(doc, node, 'schema')! });
    }
  }
  return params;
}

export function bodySchemaOf(op: Operation): ContractNode | undefined {
  const { doc } = loadContract();
  return nodeAt(doc, `${operationPointer(op.path, op.method)}/requestBody/content/application~1json/schema`);
}
