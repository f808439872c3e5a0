import type { bundlesContract } from '../../shared/contract/bundles';
import { bundleLog, exportBundle, importUploaded, previewExport } from './service';
import { listConflicts, resolveConflict } from './conflicts';
import { addContact, exportCardDownload, listContacts, removeContact, setContactVerified, showIdentity } from './contacts';
import { clearAgreement, setAgreement } from './agreements';
import type { Handlers } from '../core/handlers';

export const bundlesHandlers: Handlers<typeof bundlesContract> = {
  'identity.show': (ctx) => showIdentity(ctx),
  'identity.exportCard': (ctx) => exportCardDownload(ctx),
  'contact.list': (ctx) => listContacts(ctx),
  'contact.add': (ctx, i) => addContact(ctx, i),
  'contact.setVerified': (ctx, i) => setContactVerified(ctx, i),
  'contact.remove': (ctx, i) => removeContact(ctx, i),
  'contact.setAgreement': (ctx, i) => setAgreement(ctx, i),
  'contact.clearAgreement': (ctx, i) => clearAgreement(ctx, i),
  'bundle.previewExport': (ctx, i) => previewExport(ctx, i),
  'bundle.export': (ctx, i) => exportBundle(ctx, i),
  'bundle.inspect': (ctx, i) => importUploaded(ctx, i, true),
  'bundle.import': (ctx, i) => importUploaded(ctx, i, false),
  'bundle.log': (ctx) => bundleLog(ctx),
  'conflict.list': (ctx, i) => listConflicts(ctx, { ...i, source: 'partners' }),
  'conflict.resolve': (ctx, i) => resolveConflict(ctx, i),
};
