// Seeded fuzzing: mutated documented filters either parse and evaluate to a boolean on every
// fixture event, or fail with a positioned InvalidArgument EngineError. Never anything else.
import { describe, expect, it } from 'vitest';
import { ErrorCode, isEngineError } from '../../../../src-shared/contract';
import { matchesRouteFilter, parseRouteFilter, type RouteFilter } from '../../../../src-main/engine/events/filter';
import { eventNames, events } from './fixtures';

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seeds = [
  "type = 'Microsoft.DigitalTwins.Twin.Create'",
  "(type != 'microsoft.iot.telemetry' OR datacontenttype = 'application/json') OR (specversion != '1.0')",
  "STARTS_WITH($body.$metadata.$model, 'dtmi:example:com:floor') AND NOT ENDS_WITH(subject, 'x')",
  "CONTAINS(subject, 'room1') OR $body.errorCode > 200 AND $body.temperature <= 5.5",
  "$body.poweredOn = true AND $body.prop != null AND id >= 'e-2' AND time < '2025'",
  "NOT (dataschema = 'dtmi:example:com:floor4;2' OR source = 'mydt.api.wcus.digitaltwins.azure.net')",
];
const fragments = ["'", "''", '(', ')', ',', '.', ' ', 'NOT ', ' AND ', ' OR ', '=', '!=', '<=', '>', '$body', '$body.', 'null', '-', '1e9', '0.5', '[0]', '"', 'STARTS_WITH(', 'type', '\n', '\u0000', '\u00e9', '\ud83d\ude00', '!', '&', 'true', 'false'];

function mutate(text: string, random: () => number): string {
  let result = text;
  const steps = 1 + Math.floor(random() * 4);
  for (let s = 0; s < steps; s++) {
    const at = Math.floor(random() * (result.length + 1));
    const choice = random();
    if (choice < 0.3) {
      result = result.slice(0, at) + fragments[Math.floor(random() * fragments.length)] + result.slice(at);
    } else if (choice < 0.55) {
      result = result.slice(0, at) + result.slice(at + 1 + Math.floor(random() * 6));
    } else if (choice < 0.75) {
      result = result.slice(0, at) + String.fromCharCode(32 + Math.floor(random() * 95)) + result.slice(at + 1);
    } else if (choice < 0.9) {
      const end = at + Math.floor(random() * 12);
      result = result.slice(0, end) + result.slice(at, end) + result.slice(end);
    } else {
      result = `${result.slice(at)} ${result.slice(0, at)}`;
    }
  }
  return result;
}

describe('seeded fuzz', () => {
  it('5,000+ mutated filters: no crash, no untyped exception, every error positioned', () => {
    const random = mulberry32(20240103);
    let parsed = 0;
    let refused = 0;
    const started = performance.now();
    for (let i = 0; i < 6_000; i++) {
      const text = mutate(seeds[i % seeds.length]!, random);
      let filter: RouteFilter | undefined;
      try {
        filter = parseRouteFilter(text, { strict: i % 2 === 0 });
      } catch (error) {
        expect(isEngineError(error), `${JSON.stringify(text)} threw ${String(error)}`).toBe(true);
        if (!isEngineError(error)) continue;
        expect(error.code).toBe(ErrorCode.InvalidArgument);
        const details = error.details as { position: number; line: number; column: number };
        expect(details.position).toBeGreaterThanOrEqual(0);
        expect(details.position).toBeLessThanOrEqual(text.length);
        expect(details.line).toBeGreaterThanOrEqual(1);
        expect(details.column).toBeGreaterThanOrEqual(1);
        expect(error.message).toMatch(/^Invalid route filter at line \d+, column \d+: \S/);
        refused++;
        continue;
      }
      parsed++;
      for (const name of eventNames) expect(typeof matchesRouteFilter(filter, events[name])).toBe('boolean');
      expect(typeof matchesRouteFilter(filter, {})).toBe('boolean');
    }
    expect(parsed + refused).toBe(6_000);
    expect(parsed).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
