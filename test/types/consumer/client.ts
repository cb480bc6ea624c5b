// openapi-fetch over the package's `paths`, as a frontend calls the API.
import createClient from 'openapi-fetch';
import type { paths } from 'allsign-v2-toolkit/types';

const client = createClient<paths>({ baseUrl: 'https://api.allsign.io', headers: { Authorization: 'Bearer sk_test_demo_a' } });

export async function calls(contactId: string): Promise<unknown[]> {
  const created = await client.POST('/v2/contacts', { body: { email: 'ana@example.com', full_name: 'Ana' } });
  // @ts-expect-error both spellings of one field
  const refused = await client.POST('/v2/contacts', { body: { email: 'ana@example.com', full_name: 'Ana', fullName: 'Ana' } });
  // @ts-expect-error an empty custom-fields patch
  const empty = await client.PATCH('/v2/contacts/{contact_id}/custom-fields', { params: { path: { contact_id: contactId } }, body: {} });
  const doc = await client.POST('/v2/documents', { body: { name: 'Contrato', participants: [], config: {} } });
  const fetched = await client.GET('/v2/contacts/{contact_id}', { params: { path: { contact_id: contactId } } });
  const phone: string | null | undefined = fetched.data?.phone;
  const bulk = await client.POST('/v2/contacts/bulk', { body: { contacts: [{ email: 'a@example.com', fullName: 'A' }] } });
  const ids = bulk.data?.details.flatMap((d) => (d.success ? [d.contactId] : [])) ?? [];
  const conflict = await client.POST('/v2/documents/{document_id}/participants', { params: { path: { document_id: contactId } }, body: { participants: [{ email: 'b@example.com', name: 'B' }] } });
  const detail: string | undefined = conflict.response.status === 409 && conflict.error && 'detail' in conflict.error && typeof conflict.error.detail === 'string' ? conflict.error.detail : undefined;
  return [created.data?.id, refused, empty, doc.data?.participants, phone, ids, detail];
}
