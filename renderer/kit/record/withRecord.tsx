import type { ComponentType } from 'react';
import { useParams } from 'react-router';
import type { Input, MethodName, Output } from '../../../shared/contract';
import { LoadQuery } from '../page/Loaded';

type GetMethod = Extract<MethodName, `${string}.get`>;

/**
 * The route component for one record's page: loads the record named by the route's :id, then
 * shows `View`. If the record has gone (deleted elsewhere), it says so and offers `back`.
 */
export function withRecord<K extends GetMethod>(method: K, what: string, back: { to: string; label: string }, View: ComponentType<{ record: Output<K> }>) {
  return function RecordRoute() {
    const { id = '' } = useParams();
    return (
      <LoadQuery method={method} input={{ id } as Input<K>} what={what} back={back}>
        {(record) => <View record={record} />}
      </LoadQuery>
    );
  };
}
