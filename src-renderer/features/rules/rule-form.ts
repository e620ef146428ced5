import type { Rule, RuleKind } from '../../../src-shared/contract';
import { defined, list, numberField, optional, type DefinitionKind, type FieldSpec, type FormValues } from '../../ui/definition-form';

const ruleKinds: readonly RuleKind[] = ['derive', 'rollup', 'alert', 'telemetry', 'script'];

/** The fields of each kind of rule, beyond its id and kind; `models` are offered where a model id goes. */
function kindFields(kind: RuleKind, models: readonly string[]): readonly FieldSpec[] {
  const model = (name = 'model', label = 'Model'): FieldSpec => ({ name, label, control: 'text', required: name !== 'filterModel', suggestions: models, placeholder: 'dtmi:example:Room;1' });
  const property: FieldSpec = { name: 'property', label: 'Property', control: 'text', required: true, placeholder: 'comfort' };
  switch (kind) {
    case 'derive':
      return [model(), property, { name: 'expression', label: 'Expression', control: 'code', required: true, placeholder: 'clamp(100 - abs(temperature - 21) * 10, 0, 100)', hint: 'Over the twin’s own properties and latest telemetry; see docs/rules.md.' }];
    case 'rollup':
      return [
        model(),
        property,
        { name: 'path', label: 'Path', control: 'text', required: true, placeholder: 'contains', hint: 'Relationship names to follow, separated by commas.' },
        { name: 'function', label: 'Function', control: 'select', options: ['avg', 'sum', 'min', 'max', 'count'] },
        { name: 'source', label: 'Source property', control: 'text', placeholder: 'comfort', hint: 'The property read on the related twins; count may leave it out.' },
        model('filterModel', 'Only twins of'),
      ];
    case 'alert':
      return [
        model(),
        { name: 'raise', label: 'Raise when', control: 'code', required: true, placeholder: 'co2 > 1200' },
        { name: 'clear', label: 'Clear when', control: 'code', placeholder: 'co2 < 1000', hint: 'Empty: when the raise condition is false (no hysteresis).' },
        { ...property, placeholder: 'co2Alert', hint: 'A boolean property that mirrors the alert.' },
        { name: 'severity', label: 'Severity', control: 'select', options: ['warning', 'info', 'critical'] },
        { name: 'message', label: 'Message', control: 'text', placeholder: 'CO₂ is high' },
      ];
    case 'telemetry':
      return [
        model('fromModel', 'From model'),
        { name: 'telemetry', label: 'Telemetry', control: 'text', required: true, placeholder: 'temperature' },
        { name: 'via', label: 'Via relationship', control: 'text', placeholder: 'observes', hint: 'Empty: set the property on the sending twin itself.' },
        property,
      ];
    case 'script':
      return [
        model(),
        { name: 'code', label: 'Script', control: 'code', required: true, placeholder: "const room = await twins.get(event.twinId);\nawait twins.patch(room.$dtId, [{ op: 'add', path: '/note', value: 'seen' }]);", hint: 'The body of async function (event, twins); see docs/rules.md.' },
        { name: 'on', label: 'On changes of', control: 'text', placeholder: 'temperature, occupancy', hint: 'Empty: every change.' },
        { name: 'timeoutMs', label: 'Time limit (ms)', control: 'number', placeholder: '1000' },
      ];
  }
}

function toValues(rule: Rule): FormValues {
  const values: FormValues = {};
  for (const [name, value] of Object.entries(rule)) values[name] = Array.isArray(value) ? value.join(', ') : String(value);
  values.kind = rule.kind ?? 'telemetry';
  return values;
}

function parse(values: FormValues): ReturnType<DefinitionKind<Rule>['parse']> {
  const id = values.id?.trim() ?? '';
  const text = (name: string) => values[name]?.trim() ?? '';
  switch (values.kind as RuleKind) {
    case 'derive':
      return { ok: true, value: { id, kind: 'derive', model: text('model'), property: text('property'), expression: text('expression') } };
    case 'rollup':
      return {
        ok: true,
        value: defined({ id, kind: 'rollup', model: text('model'), property: text('property'), path: list(values, 'path'), function: (values.function || 'avg') as 'avg', source: optional(values, 'source'), filterModel: optional(values, 'filterModel') }),
      };
    case 'alert':
      return {
        ok: true,
        value: defined({ id, kind: 'alert', model: text('model'), raise: text('raise'), clear: optional(values, 'clear'), property: text('property'), severity: (values.severity || 'warning') as 'warning', message: optional(values, 'message') }),
      };
    case 'script': {
      const timeout = numberField(values, 'timeoutMs', 'The time limit');
      if (!timeout.ok) return timeout;
      const on = list(values, 'on');
      return { ok: true, value: defined({ id, kind: 'script', model: text('model'), code: values.code ?? '', on: on.length ? on : undefined, timeoutMs: timeout.value }) };
    }
    default:
      return { ok: true, value: defined({ id, kind: 'telemetry', fromModel: text('fromModel'), telemetry: text('telemetry'), via: optional(values, 'via'), property: text('property') }) };
  }
}

function summary(rule: Rule): string {
  switch (rule.kind) {
    case 'derive':
      return `${rule.property} = ${rule.expression}`;
    case 'rollup':
      return `${rule.property} = ${rule.function}(${rule.path.join('/')}${rule.source ? `.${rule.source}` : ''})`;
    case 'alert':
      return `${rule.property} raised when ${rule.raise}`;
    case 'script':
      return `script on ${rule.on?.join(', ') ?? 'every change'}`;
    default:
      return `${rule.telemetry}${rule.via ? ` via ${rule.via}` : ''} → ${rule.property}`;
  }
}

/** Rules of every kind in a form; `models` are the model ids offered while typing. */
export function ruleForm(models: readonly string[]): DefinitionKind<Rule> {
  return {
    noun: 'rule',
    keyField: 'id',
    key: (rule) => rule.id,
    blank: () => ({ id: '', kind: 'derive', function: 'avg', severity: 'warning' }),
    fields: (values) => [
      { name: 'id', label: 'Id', control: 'text', required: true, placeholder: 'room-comfort' },
      { name: 'kind', label: 'Kind', control: 'select', options: ruleKinds },
      ...kindFields((values.kind as RuleKind) || 'derive', models),
    ],
    toValues,
    parse,
    summary,
  };
}
