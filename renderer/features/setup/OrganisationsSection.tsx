import { useState } from 'react';
import { ORGANISATION_TYPES, ORGANISATION_TYPE_LABELS, OrganisationInput, type Organisation, type OrganisationType } from '../../../shared/domain/pilot';
import { EmptyState } from '../../kit/feedback/Feedback';
import { AddForm } from '../../kit/form/AddForm';
import { SelectField, TextField } from '../../kit/form/fields';
import { labelledOptions } from '../../kit/form/options';
import { useAddForm } from '../../kit/form/useAddForm';
import { DataTable, sortable } from '../../kit/list/DataTable';
import { useSort } from '../../kit/list/useSort';
import { Section } from '../../kit/page/Section';
import { useSafeDelete } from './useSafeDelete';
import { EditOrganisationRow } from './EditOrganisationRow';

export function OrganisationsSection({ organisations }: { organisations: Organisation[] }) {
  const remove = useSafeDelete('organisation.delete', 'organisations', 'organisation');
  const [editing, setEditing] = useState<string | null>(null);
  // Its own URL parameter: the team table on the same page sorts too.
  const sort = useSort<Organisation>({ name: (o) => o.name, type: (o) => ORGANISATION_TYPE_LABELS[o.type] }, { param: 'orgSort' });
  const form = useAddForm('organisation.add', {
    initial: { name: '', type: '' },
    schema: OrganisationInput,
    toInput: (v) => ({ name: v.name, type: v.type as OrganisationType }),
    added: (o) => `Added ${o.name}`,
  });

  return (
    <Section id="orgs-heading" title="Partner organisations">
      {organisations.length === 0 ? (
        <EmptyState level={3} title="No partner organisations yet">
          <p>Add every public body taking part: the council, NHS, police, fire, Jobcentre Plus, the voluntary sector.</p>
        </EmptyState>
      ) : (
        <DataTable caption="Partner organisations" hideCaption sorting={sort} columns={[...sortable(['Name', 'name'], ['Type', 'type']), { label: 'Actions', hidden: true }]}>
          {sort.apply(organisations).map((o) =>
            editing === o.id ? (
              <EditOrganisationRow key={o.id} org={o} onDone={() => setEditing(null)} />
            ) : (
              <tr key={o.id}>
                <td>{o.name}</td>
                <td>{ORGANISATION_TYPE_LABELS[o.type]}</td>
                <td className="table__actions">
                  <button type="button" className="button button--small button--secondary" aria-label={`Edit ${o.name}`} onClick={() => setEditing(o.id)}>
                    Edit
                  </button>{' '}
                  <button type="button" className="button button--small button--secondary" aria-label={`Delete ${o.name}`} onClick={() => remove.request(o, o.name)}>
                    Delete
                  </button>
                </td>
              </tr>
            ),
          )}
        </DataTable>
      )}
      {remove.error && <p className="field__error" role="alert">{remove.error}</p>}
      {remove.dialog}
      <AddForm form={form} title="Add an organisation" submitLabel="Add organisation">
        <div className="field-row">
          <TextField label="Organisation name" {...form.bind('name')} />
          <SelectField label="Type" {...form.bind('type')} emptyLabel="Choose a type" options={labelledOptions(ORGANISATION_TYPES, ORGANISATION_TYPE_LABELS)} />
        </div>
      </AddForm>
    </Section>
  );
}
