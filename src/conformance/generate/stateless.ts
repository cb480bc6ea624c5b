import fc from 'fast-check';
import type { Operation } from '../../contract/index.js';
import { GENERIC } from '../generic/registry.js';
import type { Finding } from '../generic/findings.js';
import { mutationsOf } from './mutations.js';
import { isValid, validCases } from './requests.js';
import type { PropertyRun } from './property-run.js';

/** Valid requests: none may be refused as invalid; the first also goes without a key and with a made-up one. */
export async function positiveProperty(run: PropertyRun, op: Operation): Promise<void> {
  const { judge, anonymous } = run.options;
  let authTried = false;
  await run.check(validCases(op, run.values), async (c) => {
    const res = await run.send(op, c);
    const findings: Finding[] = [...(res.findings as Finding[]), ...judge.positive(op, c, res, res.exchange)];
    if (!authTried && judge.selected(GENERIC.ignoredAuth)) {
      authTried = true;
      for (const headers of [{}, { authorization: 'Bearer sk_conformance_not_a_key' }] as Record<string, string>[]) {
        const anon = await run.send(op, c, anonymous, headers);
        findings.push(...(anon.findings as Finding[]), ...judge.auth(op, anon, anon.exchange));
      }
    }
    return !run.gates(findings);
  });
}

/** Valid requests with one keyword of the contract broken: each must be refused with a 4xx. */
export async function negativeProperty(run: PropertyRun, op: Operation): Promise<void> {
  const { judge } = run.options;
  const broken = fc
    // unbiased: a biased pick would favour the first mutations listed, the body's own
    .tuple(validCases(op, run.values), fc.noBias(fc.nat()))
    .map(([c, pick]) => {
      const mutations = mutationsOf(op, c, run.tag);
      const mutation = mutations[pick % Math.max(1, mutations.length)];
      return mutation ? { c: mutation.apply(c), mutation } : undefined;
    })
    .filter((x): x is NonNullable<typeof x> => x !== undefined && !isValid(op, x.c));
  await run.check(broken, async ({ c, mutation }) => {
    const res = await run.send(op, c);
    return !run.gates([...(res.findings as Finding[]), ...judge.negative(op, mutation, res, res.exchange)]);
  });
}
