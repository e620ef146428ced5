import type { EndpointDefinition } from '../../../src-shared/contract';
import { defined, optional, type DefinitionKind, type FieldSpec, type FormValues } from '../../ui/definition-form';

const nameField: FieldSpec = { name: 'name', label: 'Name', control: 'text', required: true, placeholder: 'alerts-hook' };
const typeField: FieldSpec = { name: 'type', label: 'Type', control: 'select', options: ['webhook', 'file', 'mqtt'] };

const fieldsByType: Record<EndpointDefinition['type'], readonly FieldSpec[]> = {
  webhook: [
    { name: 'url', label: 'URL', control: 'text', required: true, placeholder: 'https://example.com/events' },
    { name: 'headers', label: 'Headers', control: 'textarea', placeholder: 'Authorization: Bearer …', hint: 'One "Name: value" a line.' },
  ],
  file: [{ name: 'path', label: 'File', control: 'text', required: true, placeholder: '/var/log/twin-events.ndjson', hint: 'Events are appended as NDJSON lines, on the engine’s machine.' }],
  mqtt: [
    { name: 'url', label: 'Broker', control: 'text', required: true, placeholder: 'mqtt://localhost:1883' },
    { name: 'topic', label: 'Topic', control: 'text', required: true, placeholder: 'twins/{type}/{subject}', hint: '{type}, {subject} and {source} are filled in from each event.' },
    { name: 'qos', label: 'QoS', control: 'select', options: ['0', '1'] },
    { name: 'username', label: 'User name', control: 'text' },
    { name: 'password', label: 'Password', control: 'password' },
  ],
};

function headers(values: FormValues): Record<string, string> | undefined {
  const lines = (values.headers ?? '').split('\n').filter((line) => line.trim() !== '');
  if (lines.length === 0) return undefined;
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]));
}

/** Event route endpoints in a form: webhook, NDJSON file or MQTT broker. */
export const endpointForm: DefinitionKind<EndpointDefinition> = {
  noun: 'endpoint',
  keyField: 'name',
  key: (endpoint) => endpoint.name,
  blank: () => ({ name: '', type: 'webhook', qos: '1' }),
  fields: (values) => [nameField, typeField, ...(fieldsByType[values.type as EndpointDefinition['type']] ?? [])],
  toValues(endpoint): FormValues {
    if (endpoint.type === 'webhook') return { name: endpoint.name, type: endpoint.type, url: endpoint.url, headers: Object.entries(endpoint.headers ?? {}).map(([name, value]) => `${name}: ${value}`).join('\n') };
    if (endpoint.type === 'file') return { name: endpoint.name, type: endpoint.type, path: endpoint.path };
    return { name: endpoint.name, type: endpoint.type, url: endpoint.url, topic: endpoint.topic, qos: String(endpoint.qos ?? 1), username: endpoint.username ?? '', password: endpoint.password ?? '' };
  },
  parse(values) {
    const name = values.name?.trim() ?? '';
    if (values.type === 'webhook') {
      const lines = (values.headers ?? '').split('\n').filter((line) => line.trim() !== '');
      if (lines.some((line) => line.indexOf(':') < 1)) return { ok: false, field: 'headers', message: 'Write each header as "Name: value".' };
      return { ok: true, value: defined({ name, type: 'webhook', url: values.url?.trim() ?? '', headers: headers(values) }) };
    }
    if (values.type === 'file') return { ok: true, value: { name, type: 'file', path: values.path?.trim() ?? '' } };
    return {
      ok: true,
      value: defined({ name, type: 'mqtt', url: values.url?.trim() ?? '', topic: values.topic?.trim() ?? '', qos: values.qos === '0' ? 0 : 1, username: optional(values, 'username'), password: optional(values, 'password') }),
    };
  },
  summary: (endpoint) => (endpoint.type === 'file' ? `file ${endpoint.path}` : endpoint.type === 'webhook' ? `webhook ${endpoint.url}` : `mqtt ${endpoint.url} → ${endpoint.topic}`),
};
