// The contract's decisions, where the suite has always found them.
export { allDecisions, inferred, decisionsMarkedOn, type Decision, type Basis } from '../../contract/index.js';
