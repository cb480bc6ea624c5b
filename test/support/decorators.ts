import type { Repository, Service } from '../../src/mock/index.js';

// Delegating wrappers: a test variant overrides the one method whose behaviour it changes and
// inherits every other from the real service or store behind it.

export class RepositoryDecorator implements Repository {
  constructor(protected readonly inner: Repository) {}
  authenticate: Repository['authenticate'] = (...a) => this.inner.authenticate(...a);
  apiKeys: Repository['apiKeys'] = (...a) => this.inner.apiKeys(...a);
  createTenant: Repository['createTenant'] = (...a) => this.inner.createTenant(...a);
  deleteTenant: Repository['deleteTenant'] = (...a) => this.inner.deleteTenant(...a);
  seedTenant: Repository['seedTenant'] = (...a) => this.inner.seedTenant(...a);
  listContacts: Repository['listContacts'] = (...a) => this.inner.listContacts(...a);
  autocomplete: Repository['autocomplete'] = (...a) => this.inner.autocomplete(...a);
  getContact: Repository['getContact'] = (...a) => this.inner.getContact(...a);
  getProfile: Repository['getProfile'] = (...a) => this.inner.getProfile(...a);
  insertContact: Repository['insertContact'] = (...a) => this.inner.insertContact(...a);
  updateContact: Repository['updateContact'] = (...a) => this.inner.updateContact(...a);
  deleteContact: Repository['deleteContact'] = (...a) => this.inner.deleteContact(...a);
  isVerified: Repository['isVerified'] = (...a) => this.inner.isVerified(...a);
  setVerified: Repository['setVerified'] = (...a) => this.inner.setVerified(...a);
  documentsOf: Repository['documentsOf'] = (...a) => this.inner.documentsOf(...a);
  insertDocument: Repository['insertDocument'] = (...a) => this.inner.insertDocument(...a);
  getDocument: Repository['getDocument'] = (...a) => this.inner.getDocument(...a);
  updateDocument: Repository['updateDocument'] = (...a) => this.inner.updateDocument(...a);
  findContact: Repository['findContact'] = (...a) => this.inner.findContact(...a);
  findDocument: Repository['findDocument'] = (...a) => this.inner.findDocument(...a);
  counts: Repository['counts'] = (...a) => this.inner.counts(...a);
  reset: Repository['reset'] = (...a) => this.inner.reset(...a);
  exportState: Repository['exportState'] = (...a) => this.inner.exportState(...a);
  importState: Repository['importState'] = (...a) => this.inner.importState(...a);
  saveSnapshot: Repository['saveSnapshot'] = (...a) => this.inner.saveSnapshot(...a);
  restoreSnapshot: Repository['restoreSnapshot'] = (...a) => this.inner.restoreSnapshot(...a);
  listSnapshots: Repository['listSnapshots'] = (...a) => this.inner.listSnapshots(...a);
  deleteSnapshot: Repository['deleteSnapshot'] = (...a) => this.inner.deleteSnapshot(...a);
}

export class ServiceDecorator implements Service {
  constructor(
    protected readonly inner: Service,
    /** the store under the service, for a variant that reaches past it */
    protected readonly repository: Repository,
  ) {}
  authenticate: Service['authenticate'] = (...a) => this.inner.authenticate(...a);
  listContacts: Service['listContacts'] = (...a) => this.inner.listContacts(...a);
  autocomplete: Service['autocomplete'] = (...a) => this.inner.autocomplete(...a);
  createContact: Service['createContact'] = (...a) => this.inner.createContact(...a);
  getContact: Service['getContact'] = (...a) => this.inner.getContact(...a);
  updateContact: Service['updateContact'] = (...a) => this.inner.updateContact(...a);
  deleteContact: Service['deleteContact'] = (...a) => this.inner.deleteContact(...a);
  patchCustomFields: Service['patchCustomFields'] = (...a) => this.inner.patchCustomFields(...a);
  contactDocuments: Service['contactDocuments'] = (...a) => this.inner.contactDocuments(...a);
  bulkCreate: Service['bulkCreate'] = (...a) => this.inner.bulkCreate(...a);
  bulkUpdate: Service['bulkUpdate'] = (...a) => this.inner.bulkUpdate(...a);
  bulkDelete: Service['bulkDelete'] = (...a) => this.inner.bulkDelete(...a);
  createDocument: Service['createDocument'] = (...a) => this.inner.createDocument(...a);
  getDocument: Service['getDocument'] = (...a) => this.inner.getDocument(...a);
  addParticipants: Service['addParticipants'] = (...a) => this.inner.addParticipants(...a);
  removeParticipant: Service['removeParticipant'] = (...a) => this.inner.removeParticipant(...a);
}
