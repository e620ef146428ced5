import type { DeviceBinding, FieldBinding } from '../../../src-shared/contract';
import { defined, optional, type DefinitionKind } from '../../ui/definition-form';

const mappingPattern = /^([^:]+):\s*(telemetry|property)\s+(\S+)(?:\s+(\S+))?$/;

const mappingLine = ([field, target]: [string, FieldBinding]) => `${field}: ${target.to} ${target.name}${target.unit ? ` ${target.unit}` : ''}`;

/** Device bindings in a form; payload mappings are lines `field: telemetry|property name [unit]`. */
export const bindingForm: DefinitionKind<DeviceBinding> = {
  noun: 'binding',
  keyField: 'deviceId',
  key: (binding) => binding.deviceId,
  blank: () => ({ deviceId: '', twinId: '', component: '', fields: '' }),
  fields: () => [
    { name: 'deviceId', label: 'Device id', control: 'text', required: true, placeholder: 'thermo-0042' },
    { name: 'twinId', label: 'Twin', control: 'text', required: true, placeholder: 'hq-f1-r1' },
    { name: 'component', label: 'Component', control: 'text', placeholder: 'thermostat', hint: 'Leave empty for the twin itself.' },
    {
      name: 'fields',
      label: 'Payload fields',
      control: 'code',
      required: true,
      placeholder: 't: telemetry temperature degreeFahrenheit\nocc: property occupied',
      hint: 'One "payload field: telemetry|property name [unit]" a line; the unit is what the device sends, converted to the model’s.',
    },
  ],
  toValues: (binding) => ({ deviceId: binding.deviceId, twinId: binding.twinId, component: binding.component ?? '', fields: Object.entries(binding.fields).map(mappingLine).join('\n') }),
  parse(values) {
    const fields: Record<string, FieldBinding> = {};
    for (const [index, line] of (values.fields ?? '').split('\n').entries()) {
      if (line.trim() === '') continue;
      const match = mappingPattern.exec(line.trim());
      if (!match) return { ok: false, field: 'fields', message: `Line ${index + 1}: write "payload field: telemetry|property name [unit]".` };
      fields[match[1]!.trim()] = defined({ to: match[2] as FieldBinding['to'], name: match[3]!, unit: match[4] });
    }
    return { ok: true, value: defined({ deviceId: values.deviceId?.trim() ?? '', twinId: values.twinId?.trim() ?? '', component: optional(values, 'component'), fields }) };
  },
  summary: (binding) => `→ ${binding.twinId}${binding.component ? `/${binding.component}` : ''}: ${Object.keys(binding.fields).join(', ')}`,
};
