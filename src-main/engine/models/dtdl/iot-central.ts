// IoT Central semantic types (dtmi:iotcentral:context;2, DTDL v2): unlike the standard semantic
// types they take no unit; each constrains the schema of its Property or Telemetry instead.

import { refsOf, type RawElement } from './raw';
import type { PropReaderHost } from './read-props';

const location = /^dtmi:(?:iotcentral:schema:geopoint;2|standard:schema:geospatial:[A-Za-z]+;\d)$/;
const eventSchema = /^dtmi:dtdl:instance:Schema:(?:double|float|integer|long|string);\d$/;
const primitive = /^dtmi:(?:dtdl:instance:Schema|standard:schema:geospatial|iotcentral:schema):/;

/** Reports a schema the element's IoT Central semantic types do not accept. */
export function checkCentralSchema(b: PropReaderHost, el: RawElement, types: readonly string[]): void {
  const ref = refsOf(el, 'schema')[0];
  if (ref === undefined) return;
  const line = el.propLines.get('schema') ?? el.start;
  const report = (kind: string, value: string): void => b.err(kind, { primaryId: el.id, property: 'schema', value, line });
  for (const t of types) {
    if (t === 'AccelerationVector' || t === 'VelocityVector') {
      if (ref.id !== 'dtmi:iotcentral:schema:vector;2') report('notRequiredValue', ref.id);
    } else if (t === 'Location') {
      if (!location.test(ref.id)) report('notRequiredValue', ref.id);
    } else if (t === 'Event') {
      if (!eventSchema.test(ref.id)) report('notRequiredType', ref.id);
    } else if (t === 'State') {
      // An Enum is required; a referenced schema's type is only known later, so only built-in
      // (primitive) schemas are rejected here.
      if (primitive.test(ref.id)) report('notRequiredType', ref.id);
    }
  }
}
