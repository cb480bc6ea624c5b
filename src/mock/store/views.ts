import type { AutocompleteItem, Contact, ContactDocument, ContactListItem, Document } from '../../types/index.js';
import type { ContactRecord, DocumentRecord } from './types.js';

/** Response shapes (camelCase, as the contract says) built from records; no HTTP here. */
export function contactListItem(contact: ContactRecord, identityVerified: boolean, documentsCount: number): ContactListItem {
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

export function contactDetail(contact: ContactRecord, identityVerified: boolean, documents: ContactDocument[]): Contact {
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
    documents,
    createdAt: contact.createdAt,
    updatedAt: contact.updatedAt,
  };
}

export function documentView(document: DocumentRecord): Document {
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
