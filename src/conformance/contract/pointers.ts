// The contract's JSON-pointer helpers, where the suite has always imported them from.
export { childOf, escapeKey, nodeAt, operationPointer, type ContractNode } from '../../contract/index.js';
