import type { ContactRecord, DocumentRecord } from '../../port/records.js';

// Approximate bytes a record holds in this process: strings at two bytes a character, plus the
// objects around them. Near enough to bound a tenant, cheap enough to compute on every write.
const RECORD = 400;
const PARTICIPANT = 160;

const chars = (s: string | null | undefined) => (s ? s.length : 0);

export function contactBytes(c: Pick<ContactRecord, 'email' | 'fullName' | 'phone' | 'company' | 'jobTitle' | 'notes' | 'tags' | 'customFields'>): number {
  let n = chars(c.email) * 2 + chars(c.fullName) + chars(c.phone) + chars(c.company) + chars(c.jobTitle) + chars(c.notes);
  for (const tag of c.tags) n += tag.length + 16;
  if (c.customFields) n += JSON.stringify(c.customFields).length;
  return RECORD + 2 * n;
}

export function documentBytes(d: DocumentRecord): number {
  let n = chars(d.name);
  for (const p of d.participants) n += chars(p.email) + chars(p.name) + chars(p.whatsapp) + chars(p.invitedBy) + PARTICIPANT / 2;
  return RECORD + 2 * n;
}
