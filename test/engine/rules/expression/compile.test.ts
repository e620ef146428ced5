import { describe, expect, it } from 'vitest';
import { compileExpression, EvaluationError, ExpressionError, type NameInfo, type ResolveName } from '../../../../src-main/engine/rules/expression';

const names: Readonly<Record<string, NameInfo>> = {
  temperature: { type: 'number', unit: 'degreeCelsius', source: 'property' },
  humidity: { type: 'number', unit: 'percent', source: 'property' },
  co2: { type: 'number', source: 'property' },
  occupied: { type: 'boolean', source: 'property' },
  label: { type: 'string', source: 'property' },
  power: { type: 'number', unit: 'watt', source: 'telemetry' },
  'envelope.windowArea': { type: 'number', unit: 'squareMetre', source: 'property' },
};
const resolve: ResolveName = (path) => names[path.join('.')] ?? `Unknown property ${path.join('.')}`;

const run = (text: string, values: Record<string, unknown> = {}) => compileExpression(text, resolve).evaluate({ read: (_source, key) => values[key] });
const failure = (action: () => unknown) => {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
};

describe('rule expressions', () => {
  it('follow arithmetic precedence and associativity', () => {
    expect(run('1 + 2 * 3 - 4 / 2')).toBe(5);
    expect(run('2 ^ 3 ^ 2')).toBe(512);
    expect(run('-2 ^ 2')).toBe(-4);
    expect(run('(1 + 2) * 3 % 5')).toBe(4);
    expect(run('1.5e2 + .5')).toBe(150.5);
  });

  it('compare, combine with and/or/not and choose with if', () => {
    expect(run('co2 > 1000 and not occupied', { co2: 1200, occupied: false })).toBe(true);
    expect(run("label = 'lab' or label == \"office\"", { label: 'office' })).toBe(true);
    expect(run('if(co2 >= 1000, 1, 0)', { co2: 1000 })).toBe(1);
    expect(run('co2 <> 5 AND co2 != 6', { co2: 7 })).toBe(true);
  });

  it('offer min, max, abs, round, clamp, floor, ceil, sqrt and coalesce', () => {
    expect(run('min(3, co2, 9)', { co2: 1 })).toBe(1);
    expect(run('max(3, co2, 9)', { co2: 1 })).toBe(9);
    expect(run('abs(-2.5) + round(2.345, 2) + round(2.5)')).toBe(7.85);
    expect(run('clamp(co2, 400, 2000)', { co2: 5000 })).toBe(2000);
    expect(run('floor(1.7) + ceil(1.2) + sqrt(16)')).toBe(7);
    expect(run('coalesce(co2, 400)')).toBe(400);
  });

  it('treat missing values as null: arithmetic and comparisons give null, and/or use three-valued logic', () => {
    expect(run('co2 * 2')).toBeNull();
    expect(run('co2 > 1')).toBeNull();
    expect(run('co2 > 1 and false')).toBe(false);
    expect(run('co2 > 1 or true')).toBe(true);
    expect(run('co2 > 1 and true')).toBeNull();
    expect(run('not (co2 > 1)')).toBeNull();
    expect(run('if(co2 > 1, 1, 2)')).toBe(2);
    expect(run('isnull(co2)')).toBe(true);
    expect(run('min(co2, 3)')).toBeNull();
  });

  it('convert units the model states, and values stated in a unit', () => {
    expect(run("convert(temperature, 'degreeFahrenheit')", { temperature: 100 })).toBeCloseTo(212, 10);
    expect(run("convert(68, 'degreeFahrenheit', 'degreeCelsius')")).toBeCloseTo(20, 10);
    expect(run('temperature > 77 [degreeFahrenheit]', { temperature: 24 })).toBe(false);
    expect(run('temperature > 77 [degreeFahrenheit]', { temperature: 25.5 })).toBe(true);
    expect(run('temperature + 1 [kelvin]', { temperature: 20 })).toBeCloseTo(-252.15, 10);
    expect(compileExpression("convert(temperature, 'kelvin')", resolve).unit).toBe('kelvin');
    expect(compileExpression('round(temperature, 1)', resolve).unit).toBe('degreeCelsius');
  });

  it('report which properties and telemetry an expression reads', () => {
    const compiled = compileExpression('power / 1000 * envelope.windowArea + temperature', resolve);
    expect([...compiled.properties].sort()).toEqual(['envelope', 'temperature']);
    expect([...compiled.telemetry]).toEqual(['power']);
    expect(compiled.type).toBe('number');
  });

  it('report division by zero at evaluation, with its place', () => {
    const error = failure(() => run('co2 / (co2 - 400)', { co2: 400 }));
    expect(error).toBeInstanceOf(EvaluationError);
    expect(error.message).toBe('Division by zero (line 1, column 5)');
    expect(run('if(co2 = 400, 0, 1 / (co2 - 400))', { co2: 400 })).toBe(0);
  });

  it('report evaluation failures for values of the wrong type and non-finite results', () => {
    expect(failure(() => run('co2 + 1', { co2: 'high' })).message).toBe('co2 holds "high", not a number (line 1, column 1)');
    expect(failure(() => run('10 ^ 400')).message).toBe('The result of "^" is not a finite number (line 1, column 4)');
    expect(failure(() => run('clamp(1, 5, 2)')).message).toBe("clamp's lower bound 5 is above its upper bound 2 (line 1, column 1)");
  });

  it.each([
    ['', 'The expression is empty (line 1, column 1)'],
    ['1 +', 'Expected a value, a name or "(" but found the end of the expression (line 1, column 4)'],
    ['(1 + 2', 'Expected ")" to close the "(" opened at column 1 but found the end of the expression (line 1, column 7)'],
    ['1 +\n  # 2', 'Unexpected character "#" (line 2, column 3)'],
    ["'open", 'A string is not closed (line 1, column 1)'],
    ['1 < 2 < 3', 'Comparisons do not chain: join them with "and" (line 1, column 7)'],
    ['12abc', 'A number is followed directly by "a" (line 1, column 3)'],
    ['1 2', 'Unexpected "2" after the end of the expression (line 1, column 3)'],
    ['nosuch + 1', 'Unknown property nosuch (line 1, column 1)'],
    ['co2 + label', '"+" needs a number, not a string (line 1, column 5)'],
    ['occupied and co2', '"and" needs a boolean, not a number (line 1, column 10)'],
    ['label < 1', 'Cannot compare a string with a number (line 1, column 7)'],
    ['if(co2, 1, 2)', 'The condition of if needs a boolean, not a number (line 1, column 1)'],
    ['if(occupied, 1, label)', 'The branches of if give a number and a string (line 1, column 1)'],
    ['median(1, 2)', 'Unknown function median: use if, min, max, abs, round, floor, ceil, sqrt, clamp, coalesce, isnull, convert (line 1, column 1)'],
    ['clamp(1, 2)', 'clamp takes 3 arguments, not 2 (line 1, column 1)'],
    ['temperature + humidity', 'Cannot add degreeCelsius and percent: they measure different things (line 1, column 13)'],
    ["convert(temperature, 'metre')", 'Cannot convert degreeCelsius (temperature) to metre (length) (line 1, column 1)'],
    ["convert(co2, 'kelvin')", 'convert(value, unit) needs a value whose unit the model states; otherwise write convert(value, fromUnit, toUnit) (line 1, column 1)'],
    ['5 [furlong]', 'Unknown unit "furlong" (line 1, column 3)'],
  ])('refuse %j with a located error', (text, message) => {
    const error = failure(() => compileExpression(text, resolve));
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error.message).toBe(message);
  });

  it('refuse expressions nested too deeply instead of exhausting the stack', () => {
    expect(failure(() => compileExpression('('.repeat(100) + '1' + ')'.repeat(100), resolve)).message).toMatch(/^The expression nests deeper than 64 levels/);
  });
});
