import type { ReplayFormat, SourceDefinition, SourceType } from '../../../src-shared/contract';
import { defined, list, numberField, optional, type DefinitionKind, type FieldSpec, type FormValues } from '../../ui/definition-form';

const topicsHint = 'One topic pattern a line; {deviceId} marks the device, as in devices/{deviceId}/messages.';

const fieldsByType: Record<SourceType, readonly FieldSpec[]> = {
  http: [],
  'mqtt-broker': [
    { name: 'port', label: 'Port', control: 'number', placeholder: '1883', hint: '0 picks a free port.' },
    { name: 'host', label: 'Host', control: 'text', placeholder: '127.0.0.1' },
    { name: 'topics', label: 'Topics', control: 'textarea', placeholder: 'devices/{deviceId}/messages', hint: topicsHint },
  ],
  'mqtt-client': [
    { name: 'url', label: 'Broker', control: 'text', required: true, placeholder: 'mqtt://broker.local:1883' },
    { name: 'topics', label: 'Topics', control: 'textarea', required: true, placeholder: 'devices/{deviceId}/messages', hint: topicsHint },
    { name: 'clientId', label: 'Client id', control: 'text' },
    { name: 'username', label: 'User name', control: 'text' },
    { name: 'password', label: 'Password', control: 'password' },
  ],
  replay: [
    { name: 'path', label: 'File', control: 'text', required: true, placeholder: '/data/readings.csv', hint: 'CSV, Parquet or NDJSON on the engine’s machine.' },
    { name: 'format', label: 'Format', control: 'select', options: ['from the extension', 'csv', 'parquet', 'ndjson'] },
    { name: 'speed', label: 'Speed', control: 'number', placeholder: '1', hint: '1 to 1000 times real time; 0 plays as fast as possible.' },
  ],
};

/** Device sources in a form: HTTP endpoint, embedded MQTT broker, MQTT client, file replay. */
export const sourceForm: DefinitionKind<SourceDefinition> = {
  noun: 'source',
  keyField: 'name',
  key: (source) => source.name,
  blank: () => ({ name: '', type: 'mqtt-broker', port: '1883', speed: '1', format: 'from the extension' }),
  fields: (values) => [
    { name: 'name', label: 'Name', control: 'text', required: true, placeholder: 'site-broker' },
    { name: 'type', label: 'Type', control: 'select', options: ['http', 'mqtt-broker', 'mqtt-client', 'replay'] },
    ...(fieldsByType[values.type as SourceType] ?? []),
  ],
  toValues(source): FormValues {
    const base = { name: source.name, type: source.type };
    if (source.type === 'mqtt-broker') return { ...base, port: String(source.port), host: source.host ?? '', topics: (source.topics ?? []).join('\n') };
    if (source.type === 'mqtt-client') return { ...base, url: source.url, topics: source.topics.join('\n'), clientId: source.clientId ?? '', username: source.username ?? '', password: source.password ?? '' };
    if (source.type === 'replay') return { ...base, path: source.path, format: source.format ?? 'from the extension', speed: String(source.speed) };
    return base;
  },
  parse(values) {
    const name = values.name?.trim() ?? '';
    switch (values.type) {
      case 'mqtt-broker': {
        const port = numberField(values, 'port', 'Port');
        if (!port.ok) return port;
        const topics = list(values, 'topics');
        return { ok: true, value: defined({ name, type: 'mqtt-broker', port: port.value ?? 1883, host: optional(values, 'host'), topics: topics.length ? topics : undefined }) };
      }
      case 'mqtt-client':
        return {
          ok: true,
          value: defined({ name, type: 'mqtt-client', url: values.url?.trim() ?? '', topics: list(values, 'topics'), clientId: optional(values, 'clientId'), username: optional(values, 'username'), password: optional(values, 'password') }),
        };
      case 'replay': {
        const speed = numberField(values, 'speed', 'Speed');
        if (!speed.ok) return speed;
        const format = ['csv', 'parquet', 'ndjson'].includes(values.format ?? '') ? (values.format as ReplayFormat) : undefined;
        return { ok: true, value: defined({ name, type: 'replay', path: values.path?.trim() ?? '', format, speed: speed.value ?? 1 }) };
      }
      default:
        return { ok: true, value: { name, type: 'http' } };
    }
  },
  summary(source) {
    if (source.type === 'mqtt-broker') return `embedded broker on port ${source.port}`;
    if (source.type === 'mqtt-client') return `client of ${source.url}, ${source.topics.join(', ')}`;
    if (source.type === 'replay') return `replay of ${source.path} at ${source.speed === 0 ? 'full speed' : `${source.speed}×`}`;
    return 'POST /devices/{deviceId}/messages';
  },
};
