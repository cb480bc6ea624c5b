import { expectStatus } from './expect.js';
import { at, objectAt, stringAt } from './read.js';
import type { CheckContext } from '../types.js';

export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

export const REF = {
  list: 'GET /v2/contacts — Lista paginada de contactos con búsqueda y filtros. pageSize: Resultados por página (1-100, default: 25).',
  search: 'search: Buscar por nombre, email o empresa.',
  autocomplete: 'Typeahead ligero que devuelve hasta 5 contactos que coincidan con la búsqueda. q: Texto de búsqueda (mínimo 2 caracteres).',
  create: 'POST /v2/contacts — Crea un nuevo contacto. Response (201).',
  get: 'GET /v2/contacts/{contact_id} — Obtén el perfil completo de un contacto, incluyendo documentos vinculados y estado de verificación de identidad.',
  update: 'PUT /v2/contacts/{contact_id} — tags: Etiquetas actualizadas (reemplaza las anteriores).',
  delete: 'DELETE /v2/contacts/{contact_id} — Response (200) {"success": true, "message": "Contact deleted"}.',
  notFound: 'un contacto de otro tenant reporta Contact not found en su item.',
  customFields:
    'set → upsert: se mergea con el dict existente. remove → elimina las claves listadas si existen (no-op si no). remove se aplica después de set.',
  bulk: 'Cada item se ejecuta de forma independiente — un fallo individual no aborta el batch. details[] con el resultado por item.',
  bulkLimits: 'Los tres endpoints bulk procesan hasta 100 contactos por request (min 1, max 100).',
  bulkIdempotent: 'Los perfiles existentes (mismo email dentro del tenant) se devuelven como success: true con su contactId actual — idempotente para importaciones repetidas.',
  bulkUpdate: 'Cada item requiere su propio id y la semántica por-item es idéntica a PUT /v2/contacts/{id} — solo las claves presentes se tocan.',
  bulkDelete: 'Borra hasta 100 perfiles de contacto. Mantiene aislamiento por tenant: un contacto de otro tenant reporta Contact not found en su item.',
  documents: 'GET /v2/contacts/{contact_id}/documents — Lista todos los documentos donde este contacto es firmante.',
  participantEmail: 'Se normaliza automáticamente a minúsculas y se valida el formato. No se permiten participantes duplicados en el mismo documento.',
  duplicates: 'No se permiten dos participantes con el mismo email (después de normalización). Si intentas agregar el mismo email dos veces, recibes 422 Unprocessable Entity.',
  whatsapp: 'Si config.sendByWhatsapp=true, todos los participantes deben tener el campo whatsapp definido. Si falta aunque sea uno, el documento no se puede crear.',
  whatsappAdd: 'Si omites este campo y el documento requiere envío por WhatsApp, el endpoint responde con 422 Unprocessable Entity.',
  e164: 'Número de WhatsApp con código de país en formato E.164 (ej. +525512345678).',
  name: 'Nombre completo del participante (1-255 caracteres).',
  invitedBy: 'Si omites este campo, se asigna automáticamente el email del usuario asociado al API key que creó el documento.',
  step: 'step: Orden de firma del participante (solo para flujos secuenciales).',
  max50: 'Un documento puede tener hasta 50 participantes. Si intentas agregar más, el endpoint responde con 422 Unprocessable Entity.',
  auth: 'curl "https://api.allsign.io/v2/contacts" -H "Authorization: Bearer ALLSIGN_LIVE_SK"',
  isolation: 'Los endpoints de Contacts te permiten gestionar un directorio CRM de contactos dentro de tu tenant.',
} as const;

/** A contact a check made: its id and email to go on with, and the profile as answered. */
export interface Created {
  id: string;
  email: string;
  profile: Record<string, unknown>;
}

/** Create a contact for this check (tagged, tracked for cleanup). */
export async function createContact(ctx: CheckContext, fields: Record<string, unknown> = {}, label?: string): Promise<Created> {
  const res = await ctx.api.post('/v2/contacts', { email: ctx.email(label), ...fields });
  ctx.track.contact(at(res.body, 'id'));
  expectStatus(res, 201, 'creating a contact for the check');
  const profile = objectAt(res.body, 'the created contact');
  return { id: stringAt(profile.id, 'its id'), email: stringAt(profile.email, 'its email'), profile };
}

export async function createDocument(ctx: CheckContext, participants: Record<string, unknown>[], config?: Record<string, unknown>) {
  const res = await ctx.api.post('/v2/documents', { name: `Conformance ${ctx.tag}`, participants, ...(config ? { config } : {}) });
  ctx.track.document(at(res.body, 'id'));
  return res;
}

export function participant(ctx: CheckContext, label: string, extra: Record<string, unknown> = {}) {
  return { email: ctx.email(label), name: `Participante ${label}`, ...extra };
}

export async function searchTag(ctx: CheckContext, query = '') {
  return ctx.api.get(`/v2/contacts?search=${encodeURIComponent(ctx.tag)}&pageSize=100${query}`);
}

/** A name word no other contact has: letters and digits of the tag, closed so no other tag's word extends it. */
export function uniqueWord(tag: string): string {
  return `Zq${tag.replace(/[^a-z0-9]/gi, '')}k`;
}
