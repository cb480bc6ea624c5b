// Number options of the repository's own scripts (fuzz, soak, bench), refused with commander's usage
// error rather than turned into NaN or a fraction of a worker.
import { InvalidArgumentError } from 'commander';

export function wholeNumber(v: string): number {
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError(`a whole number ≥ 1, got ${v}`);
  return Number(v);
}

export function positiveNumber(v: string): number {
  if (!/^\d+(\.\d+)?$/.test(v) || Number(v) <= 0) throw new InvalidArgumentError(`a positive number, got ${v}`);
  return Number(v);
}
