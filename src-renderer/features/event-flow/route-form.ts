import type { EventRoute } from '../../../src-shared/contract';
import type { DefinitionKind } from '../../ui/definition-form';

/** Event routes in a form; `endpoints` are the names a route may send to. */
export function routeForm(endpoints: readonly string[]): DefinitionKind<EventRoute> {
  return {
    noun: 'route',
    keyField: 'id',
    key: (route) => route.id,
    blank: () => ({ id: '', endpointName: endpoints[0] ?? '', filter: 'true' }),
    fields: () => [
      { name: 'id', label: 'Id', control: 'text', required: true, placeholder: 'twin-changes' },
      { name: 'endpointName', label: 'Endpoint', control: 'select', options: endpoints, hint: endpoints.length === 0 ? 'Add an endpoint first.' : undefined },
      {
        name: 'filter',
        label: 'Filter',
        control: 'code',
        placeholder: "type = 'Microsoft.DigitalTwins.Twin.Update' AND STARTS_WITH(subject, 'hq-')",
        hint: 'ADT’s route filter language; true routes every event.',
      },
    ],
    toValues: (route) => ({ id: route.id, endpointName: route.endpointName, filter: route.filter }),
    parse: (values) => ({ ok: true, value: { id: values.id?.trim() ?? '', endpointName: values.endpointName ?? '', filter: values.filter?.trim() || 'true' } }),
    summary: (route) => `${route.filter} → ${route.endpointName}`,
  };
}
