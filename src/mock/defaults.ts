import type { ApiKeySpec } from './port/records.js';

/** The two demo tenants: printed at start, listed in README, used by the conformance suite's examples. */
export const DEFAULT_API_KEYS: ApiKeySpec[] = [
  { tenant: 'demo-a', key: 'sk_test_demo_a', email: 'owner@demo-a.example.com' },
  { tenant: 'demo-b', key: 'sk_test_demo_b', email: 'owner@demo-b.example.com' },
];
export const DEFAULT_SEED = 20261124;
export const DEFAULT_CONTACTS = 40;
export const DEFAULT_PORT = 4010;
export const DEFAULT_HOST = '127.0.0.1';
