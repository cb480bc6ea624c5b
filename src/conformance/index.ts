export { runConformance, TargetError } from './runner.js';
export type { RunOptions } from './runner.js';
export { CHECKS } from './checks/index.js';
export { selectChecks } from './select.js';
export { junitReport } from './reporters/junit.js';
export { prettySummary } from './reporters/pretty.js';
export type { Check, CheckContext, CheckResult, RunSummary, Provenance, Outcome } from './types.js';
