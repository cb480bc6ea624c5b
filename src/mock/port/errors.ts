/**
 * A store refusing a write because the tenant's share of it is full. Stores that keep state in the
 * process's memory bound each tenant in bytes, so a client cannot exhaust a shared sandbox.
 */
export class StoreFullError extends Error {
  constructor(
    readonly tenant: string,
    readonly limitBytes: number,
  ) {
    super(`tenant ${tenant} holds as much as the store allows (${Math.round(limitBytes / 2 ** 20)} MiB)`);
  }
}
