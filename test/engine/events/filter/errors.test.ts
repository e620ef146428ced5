// Bad input: typed InvalidArgument errors with a position, line, column and a message that says
// what was expected; hostile sizes fail fast under the hard and strict limits.
import { describe, expect, it } from 'vitest';
import { ErrorCode, isEngineError } from '../../../../src-shared/contract';
import { hardRouteFilterLimits, parseRouteFilter, strictRouteFilterLimits, type RouteFilterErrorDetails } from '../../../../src-main/engine/events/filter';

interface Failure {
  readonly message: string;
  readonly details: RouteFilterErrorDetails;
}

function failure(text: string, strict = false): Failure {
  try {
    parseRouteFilter(text, { strict });
  } catch (error) {
    if (!isEngineError(error)) throw error;
    expect(error.code).toBe(ErrorCode.InvalidArgument);
    return { message: error.message, details: error.details as RouteFilterErrorDetails };
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

const cases: ReadonlyArray<readonly [string, number, string]> = [
  ["type = 'Microsoft.DigitalTwins.Twin.Create", 7, "unterminated string: expected a closing '"],
  ["(type = 'a'", 11, "expected ')' to close the '(' at offset 0, found the end of the filter"],
  ["type = 'a')", 10, "unbalanced ')': no '(' is open"],
  ["((type = 'a') OR true", 21, "expected ')' to close the '(' at offset 0"],
  ["kind = 'a'", 0, "unknown field 'kind': expected one of type, source, subject, id, dataschema, specversion, time, datacontenttype or $body.<path>"],
  ["Type = 'a'", 0, "unknown field 'Type': field names are case-sensitive: did you mean 'type'?"],
  ["LOWER(type) = 'a'", 0, "unknown function 'LOWER': expected STARTS_WITH, ENDS_WITH or CONTAINS"],
  ["STARTS_WITH(type 'a')", 17, "expected ',' after the first argument of STARTS_WITH, found a string"],
  ['STARTS_WITH(type, 5)', 18, 'expected a string as the second argument of STARTS_WITH, found the number 5'],
  ["CONTAINS('x', 'y')", 9, 'expected a field or $body path as the first argument of CONTAINS, found a literal'],
  ["ENDS_WITH(type, 'x'", 19, "expected ')' to close ENDS_WITH(, found the end of the filter"],
  ['type', 4, 'expected a comparison operator (=, !=, <, <=, >, >=), found the end of the filter'],
  ["type == 'a'", 6, 'expected a value to compare with'],
  ["type <> 'a'", 5, "expected a comparison operator (=, !=, <, <=, >, >=), found '<>'"],
  ['type = "a"', 7, 'strings are single-quoted'],
  ["$body.patch[0].path = '/x'", 11, 'array indexing is not supported'],
  ["$body.patch.0 = 'x'", 12, "expected a property name after '.', found the number 0"],
  ["$body. = 'x'", 7, "expected a property name after '.', found '='"],
  ["type = 'a' AND", 14, 'expected a condition (a comparison, a function, true or false), found the end of the filter'],
  ["type = 'a' type = 'b'", 11, "expected AND, OR or the end of the filter, found 'type'"],
  ['', 0, 'the filter is empty'],
  ['   ', 0, 'the filter is empty'],
  ['$body.x = 1.', 12, 'expected a digit after the decimal point'],
  ['$body.x = 12abc', 12, "expected an operator or the end after the number '12'"],
  ['$body.x = 1e999', 10, 'the number 1e999 is out of range'],
  ["type = 'a' && true", 11, "unexpected character '&'"],
  ['AND = 1', 0, "expected a condition (a comparison, a function, true or false), found 'AND'"],
];

describe('syntax errors are typed and positioned', () => {
  it.each(cases)('%s', (text, position, message) => {
    const f = failure(text);
    expect(f.details.position).toBe(position);
    expect(f.details.line).toBe(1);
    expect(f.details.column).toBe(position + 1);
    expect(f.message).toContain(message);
  });

  it('reports lines and columns across newlines', () => {
    const f = failure("type = 'a'\n  AND\n  subjekt = 'b'");
    expect(f.details).toEqual({ position: 19, line: 3, column: 3, reason: 'Name' });
    expect(f.message).toBe("Invalid route filter at line 3, column 3: unknown field 'subjekt': expected one of type, source, subject, id, dataschema, specversion, time, datacontenttype or $body.<path>");
  });

  it('names control characters by code point', () => {
    expect(failure('true\u0000').message).toContain('unexpected character U+0000');
  });
});

describe('limits', () => {
  it('refuses a 1 MB filter at once', () => {
    const text = `${"type = 'x' OR ".repeat(75_000)}true`;
    const started = performance.now();
    const f = failure(text);
    expect(performance.now() - started).toBeLessThan(200);
    expect(f.details.position).toBe(hardRouteFilterLimits.maxLength);
    expect(f.details.reason).toBe('Limit');
    expect(f.message).toContain(`the limit is ${hardRouteFilterLimits.maxLength}`);
  });

  it('refuses 10,000 nested NOTs and parentheses without overflowing the stack', () => {
    const nots = failure(`${'NOT '.repeat(10_000)}true`);
    expect(nots.details.position).toBe(4 * hardRouteFilterLimits.maxDepth);
    expect(nots.message).toContain(`nesting deeper than ${hardRouteFilterLimits.maxDepth} levels`);
    const parens = failure(`${'('.repeat(10_000)}true${')'.repeat(10_000)}`);
    expect(parens.details.position).toBe(hardRouteFilterLimits.maxDepth);
    expect(parens.details.reason).toBe('Limit');
  });

  it('accepts the hard depth and long flat chains', () => {
    const depth = hardRouteFilterLimits.maxDepth;
    expect(parseRouteFilter(`${'('.repeat(depth)}true${')'.repeat(depth)}`).depth).toBe(depth);
    expect(parseRouteFilter(Array.from({ length: 2_000 }, (_, i) => `id = 'e-${i}'`).join(' OR ')).terms).toBe(2_000);
  });

  it('enforces the strict length, term and depth limits', () => {
    const long = `type = '${'x'.repeat(strictRouteFilterLimits.maxLength)}'`;
    expect(() => parseRouteFilter(long)).not.toThrow();
    expect(failure(long, true).message).toContain(`the limit is ${strictRouteFilterLimits.maxLength}`);

    const terms = Array.from({ length: strictRouteFilterLimits.maxTerms + 1 }, () => 'true').join(' OR ');
    expect(() => parseRouteFilter(terms)).not.toThrow();
    const t = failure(terms, true);
    expect(t.details.position).toBe(strictRouteFilterLimits.maxTerms * 8);
    expect(t.message).toContain(`more than ${strictRouteFilterLimits.maxTerms} terms`);

    const deep = `${'('.repeat(strictRouteFilterLimits.maxDepth + 1)}true${')'.repeat(strictRouteFilterLimits.maxDepth + 1)}`;
    expect(() => parseRouteFilter(deep)).not.toThrow();
    expect(failure(deep, true).details.position).toBe(strictRouteFilterLimits.maxDepth);
  });

  it('refuses a non-string filter with a typed error', () => {
    expect(failure(42 as unknown as string).message).toContain('expected the filter as a string');
  });
});
