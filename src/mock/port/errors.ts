/**
 * A store refusing a write because what it may hold is full: stores that keep state in the
 * process's memory bound each tenant (and their snapshots) in bytes, so that no client can exhaust
 * a shared sandbox.
 */
export class StoreFullError extends Error {
  constructor(
    /** what is full: "tenant acme", "the snapshots" */
    readonly what: string,
    readonly limitBytes: number,
  ) {
    super(`${what} holds as much as the store allows (${Math.round(limitBytes / 2 ** 20)} MiB)`);
  }
}
