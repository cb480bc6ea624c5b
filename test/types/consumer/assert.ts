// Type assertions with no test framework, so the same files compile in a scratch consumer.
export type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export function assertType<T extends true>(): T | undefined {
  return undefined;
}
