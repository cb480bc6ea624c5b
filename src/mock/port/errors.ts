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

/**
 * The store cannot answer now: a database down or out of reach, a disk that refuses writes. Not
 * the client's fault and not a bug: the answer is 503 (507 when the disk is full), and the client
 * may retry.
 */
export class StoreUnavailableError extends Error {
  /** what the client is told: which store and what is wrong, in a few words (no address, no secret) */
  readonly detail: string;
  /** what the log says: the driver's own words */
  readonly reason: string;
  /** the store's disk has no room left */
  readonly full: boolean;
  /** only writes are refused (a full or read-only disk): reads still answer */
  readonly writesOnly: boolean;

  constructor(o: { detail: string; reason: string; full?: boolean; writesOnly?: boolean }) {
    super(o.reason);
    this.detail = o.detail;
    this.reason = o.reason;
    this.full = o.full ?? false;
    this.writesOnly = o.writesOnly ?? this.full;
  }
}

/** The tenant a request authenticated as is gone (deleted since, by this process or another). */
export class UnknownTenantError extends Error {
  constructor(readonly tenant: string) {
    super(`tenant ${tenant} does not exist`);
  }
}
