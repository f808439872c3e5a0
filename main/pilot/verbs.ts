import { ORGANISATION_TYPES, type OrganisationType } from '../../shared/domain/pilot';
import { table, unwrap, str, type Verb } from '../cli/io';

export const orgAddVerb: Verb = {
  words: ['org', 'add'],
  usage: `tpw org add --name <name> [--type ${ORGANISATION_TYPES.join('|')}]`,
  summary: 'Add a partner organisation',
  options: { name: { type: 'string' }, type: { type: 'string' } },
  needsDb: true,
  async run(args, wb) {
    const type = (str(args, 'type') ?? 'other') as OrganisationType;
    const org = unwrap(await wb!.dispatch('organisation.add', { name: str(args, 'name', true), type }));
    return { json: org, text: `Added ${org.name} (${org.type}) — id ${org.id}` };
  },
};

export const orgListVerb: Verb = {
  words: ['org', 'list'],
  usage: 'tpw org list [--json]',
  summary: 'List the partner organisations',
  options: {},
  needsDb: true,
  async run(_args, wb) {
    const orgs = unwrap(await wb!.dispatch('organisation.list', {}));
    return { json: orgs, text: orgs.length ? table(['Name', 'Type', 'Id'], orgs.map((o) => [o.name, o.type, o.id])) : 'No organisations yet. Add one with `tpw org add --name …`.' };
  },
};

export const pilotVerbs: Verb[] = [orgAddVerb, orgListVerb];
