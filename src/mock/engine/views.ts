import type { AutocompleteItem, BulkItemResult, BulkResponse, Contact, ContactDocument, ContactListItem, SigningDocument } from '../../types/index.js';
import type { BulkOutcome, ContactDetails } from '../domain/service.js';
import type { ContactRecord, DocumentRecord } from '../port/records.js';
import type { ContactRow } from '../port/repository.js';

// Answers as the contract shapes them (camelCase), made from the domain's records.

export function contactListItem({ contact, identityVerified, documentsCount }: ContactRow): ContactListItem {
  return {
    id: contact.id,
    email: contact.email,
    fullName: contact.fullName,
    company: contact.company,
    identityVerified,
    source: contact.source,
    documentsCount,
  };
}

export function autocompleteItem(contact: ContactRecord): AutocompleteItem {
  return { id: contact.id, email: contact.email, fullName: contact.fullName };
}

export function contactDocument(document: DocumentRecord, emailKey: string): ContactDocument {
  const participant = document.participants.find((p) => p.email === emailKey);
  return {
    documentId: document.id,
    documentName: document.name,
    status: document.status,
    signedAt: participant?.signedAt ?? null,
  };
}

export function contactDetail({ contact, identityVerified, documents }: ContactDetails): Contact {
  // a fresh null-prototype copy: `__proto__` stays an ordinary key and the record is not shared
  const customFields: Record<string, unknown> = Object.create(null);
  if (contact.customFields) for (const key of Object.keys(contact.customFields)) customFields[key] = contact.customFields[key];
  return {
    id: contact.id,
    email: contact.email,
    fullName: contact.fullName,
    phone: contact.phone,
    company: contact.company,
    jobTitle: contact.jobTitle,
    notes: contact.notes,
    tags: [...contact.tags],
    customFields,
    identityVerified,
    source: contact.source,
    documents: documents.map((d) => contactDocument(d, contact.emailKey)),
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
  };
}

export function documentView(document: DocumentRecord): SigningDocument {
  return {
    id: document.id,
    name: document.name,
    status: document.status,
    config: { sendByWhatsapp: document.sendByWhatsapp },
    participants: document.participants.map((p) => ({ ...p })),
    createdAt: document.createdAt,
    signedAt: document.signedAt,
  };
}

// the documented per-item errors
const BULK_ERRORS: Record<NonNullable<BulkOutcome['failure']>, string> = {
  invalid_email: 'Invalid email',
  contact_not_found: 'Contact not found',
  store_full: 'Tenant storage limit reached',
};

/** The envelope the three bulk endpoints share: "N succeeded, M failed", one detail per item in input order. */
export function bulkEnvelope(outcomes: BulkOutcome[]): BulkResponse {
  const details = outcomes.map(
    (o): BulkItemResult => (o.failure ? { contactId: o.contactId, email: o.email, success: false, error: BULK_ERRORS[o.failure] } : { contactId: o.contactId, email: o.email, success: true }),
  );
  const succeededCount = details.filter((d) => d.success).length;
  const failedCount = details.length - succeededCount;
  return { success: succeededCount > 0, message: `${succeededCount} succeeded, ${failedCount} failed`, succeededCount, failedCount, details };
}
