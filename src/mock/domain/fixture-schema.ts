import { adminSchema, engineContractDocument, contractLimits } from '../../contract/index.js';

// The state format (what `GET /__admin/export` writes and fixtures and snapshots hold), as a JSON
// Schema. Field bounds come from the contract's own schemas, so a fixture holds nothing the API
// would refuse, and tenant names and keys from the control plane's contract; what an export adds
// (emailKey, tenant, seq) is accepted and recomputed.

type Schema = Record<string, unknown>;
const component = (name: string) => (engineContractDocument().components.schemas as Record<string, Schema>)[name]!;
const property = (schema: string, name: string) => (component(schema).properties as Record<string, Schema>)[name]!;
const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });
const dateTime = { type: 'string', format: 'date-time' };
const uuid = { type: 'string', format: 'uuid' };


const contact = {
  type: 'object',
  required: ['email'],
  additionalProperties: false,
  properties: {
    id: uuid,
    tenant: { type: 'string' },
    email: component('Email'),
    emailKey: { type: 'string' },
    fullName: nullable(component('FullName')),
    phone: component('Phone'),
    company: component('OptionalText'),
    jobTitle: component('OptionalText'),
    notes: component('Notes'),
    tags: component('Tags'),
    customFields: nullable(component('CustomFields')),
    source: component('ContactSource'),
    createdAt: dateTime,
    updatedAt: dateTime,
    seq: { type: 'integer' },
  },
};

const participant = {
  type: 'object',
  required: ['email', 'name'],
  additionalProperties: false,
  properties: {
    email: component('Email'),
    name: property('ParticipantInput', 'name'),
    whatsapp: nullable(property('ParticipantInput', 'whatsapp')),
    invitedBy: property('ParticipantInput', 'invitedBy'),
    step: nullable(property('ParticipantInput', 'step')),
    signedAt: nullable(dateTime),
  },
};

const document = {
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    id: uuid,
    tenant: { type: 'string' },
    name: property('DocumentCreateRequest', 'name'),
    status: component('DocumentStatus'),
    sendByWhatsapp: { type: 'boolean' },
    participants: { type: 'array', maxItems: contractLimits().participantsPerDocument, items: participant },
    createdAt: dateTime,
    signedAt: nullable(dateTime),
  },
};

export const STATE_SCHEMA = {
  type: 'object',
  required: ['tenants'],
  additionalProperties: false,
  properties: {
    version: { const: 1 },
    tenants: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        required: ['tenant', 'apiKeys'],
        additionalProperties: false,
        properties: {
          tenant: adminSchema('TenantName'),
          apiKeys: {
            type: 'array',
            minItems: 1,
            maxItems: 20,
            items: { type: 'object', required: ['key', 'email'], additionalProperties: false, properties: { key: adminSchema('ApiKey'), email: component('Email') } },
          },
          contacts: { type: 'array', items: contact },
          documents: { type: 'array', items: document },
        },
      },
    },
    users: {
      type: 'array',
      items: { type: 'object', required: ['email', 'identityVerified'], additionalProperties: false, properties: { email: component('Email'), identityVerified: { type: 'boolean' } } },
    },
  },
};
