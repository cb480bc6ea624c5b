import type { ContactProfile, InsertedContact, NewContact } from '../../port/records.js';
import type { Queryable } from './driver.js';
import { PROFILE, toProfile } from './profile.js';
import { CONTACT_TABLE, type ContactRow } from './rows.js';

// Creates that arrive while others are being written go to the database together: one statement,
// one commit and one round trip for all of them, where each alone cost the server a statement, a
// trigger run and a commit, and the mock a round trip (on PostgreSQL those, not the rows, were most
// of a create). A create that finds nothing under way goes at once, alone, as it always did: the
// batching adds no wait, it only fills the time a client would have waited anyway.

interface Pending {
  contact: NewContact;
  resolve(inserted: InsertedContact): void;
  reject(error: unknown): void;
}

/** statements under way at once (a pool has more connections: reads and other writes use them) */
const IN_FLIGHT = 4;
/** creates per statement at most */
const MAX_BATCH = 100;

const { names, unnestArrays, unnestSelect } = CONTACT_TABLE;
// in queue order: sequence numbers, newest first in lists, follow the order the creates came in
const INSERT_MANY = `INSERT INTO contacts AS c (${names})
  SELECT ${unnestSelect} FROM unnest(${unnestArrays}) WITH ORDINALITY AS r(${names}, position) ORDER BY position
  ON CONFLICT (tenant, email_key) DO NOTHING RETURNING ${PROFILE}`;

/** ids are unique within a tenant */
const madeKey = (contact: Pick<NewContact, 'tenant' | 'id'>) => JSON.stringify([contact.tenant, contact.id]);

export class CreateBatcher {
  private readonly queue: Pending[] = [];
  private inFlight = 0;

  constructor(
    private readonly q: Queryable,
    /** one create on its own: the contact there already, a conflict or a failure are its to tell */
    private readonly one: (contact: NewContact) => Promise<InsertedContact>,
  ) {}

  insert(contact: NewContact): Promise<InsertedContact> {
    return new Promise((resolve, reject) => {
      this.queue.push({ contact, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    if (batch.length === 1) return this.alone(batch[0]!);
    let rows: ContactRow[];
    try {
      rows = await this.q.query<ContactRow>(INSERT_MANY, CONTACT_TABLE.unnestParams(batch.map((p) => p.contact)));
    } catch {
      // one create may fail the statement for all (its tenant deleted meanwhile): each goes alone,
      // and each learns its own outcome
      await Promise.all(batch.map((p) => this.alone(p)));
      return;
    }
    const made = new Map<string, ContactProfile>();
    for (const row of rows) {
      const profile = toProfile(row);
      made.set(madeKey(profile.contact), profile);
    }
    // the ones not inserted met an email there already (or taken by another create of this batch):
    // alone, they read the contact that has it, as a single create does
    await Promise.all(
      batch.map((p) => {
        const profile = made.get(madeKey(p.contact));
        if (!profile) return this.alone(p);
        p.resolve({ created: true, ...profile });
        return undefined;
      }),
    );
  }

  private async alone(p: Pending): Promise<void> {
    try {
      p.resolve(await this.one(p.contact));
    } catch (error) {
      p.reject(error);
    }
  }
}
