// Visual rules: `expression => colour label`, one per line, evaluated locally over a twin's values.
// The expression language is small on purpose: numbers, strings, property names (dotted for
// components), comparison, arithmetic, `and`/`or`/`not`, parentheses. No code is ever executed.

/** A rule: when `test` holds for a twin's values, paint `colour` and show `label`. */
export interface VisualRule {
  readonly source: string;
  readonly test: (values: Readonly<Record<string, unknown>>) => boolean;
  readonly colour: string;
  readonly label: string;
}

type Token = { kind: 'num'; value: number } | { kind: 'str'; value: string } | { kind: 'id'; value: string } | { kind: 'op'; value: string };
type Node = (values: Readonly<Record<string, unknown>>) => unknown;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d+)?)|'([^']*)'|"([^"]*)"|([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)|(<=|>=|==|!=|&&|\|\||[<>=+\-*/()!]))/y;
  let at = 0;
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break;
    pattern.lastIndex = at;
    const m = pattern.exec(text);
    if (!m) throw new Error(`unexpected "${text.slice(at).trim()[0]}" at column ${at + 1}`);
    at = pattern.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: 'num', value: Number(m[1]) });
    else if (m[2] !== undefined || m[3] !== undefined) tokens.push({ kind: 'str', value: m[2] ?? m[3]! });
    else if (m[4] !== undefined) {
      const word = m[4].toLowerCase();
      if (word === 'and' || word === 'or' || word === 'not') tokens.push({ kind: 'op', value: word === 'and' ? '&&' : word === 'or' ? '||' : '!' });
      else if (word === 'true' || word === 'false') tokens.push({ kind: 'num', value: word === 'true' ? 1 : 0 });
      else tokens.push({ kind: 'id', value: m[4] });
    } else tokens.push({ kind: 'op', value: m[5]! });
  }
  return tokens;
}

function lookup(values: Readonly<Record<string, unknown>>, path: string): unknown {
  let current: unknown = values;
  for (const part of path.split('.')) current = current && typeof current === 'object' ? (current as Record<string, unknown>)[part] : undefined;
  return current;
}

const binary: Record<string, (a: unknown, b: unknown) => unknown> = {
  '||': (a, b) => Boolean(a) || Boolean(b),
  '&&': (a, b) => Boolean(a) && Boolean(b),
  '==': (a, b) => a === b,
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => typeof a === typeof b && (a as number) < (b as number),
  '<=': (a, b) => typeof a === typeof b && (a as number) <= (b as number),
  '>': (a, b) => typeof a === typeof b && (a as number) > (b as number),
  '>=': (a, b) => typeof a === typeof b && (a as number) >= (b as number),
  '+': (a, b) => Number(a) + Number(b),
  '-': (a, b) => Number(a) - Number(b),
  '*': (a, b) => Number(a) * Number(b),
  '/': (a, b) => Number(a) / Number(b),
};

const levels = [['||'], ['&&'], ['==', '=', '!=', '<', '<=', '>', '>='], ['+', '-'], ['*', '/']];

/** Compiles an expression into a function of a twin's values; throws with the column of a mistake. */
export function compileExpression(text: string): Node {
  const tokens = tokenize(text);
  let i = 0;
  const peek = () => tokens[i];
  const parseLevel = (level: number): Node => {
    if (level === levels.length) return parseUnary();
    let left = parseLevel(level + 1);
    for (let t = peek(); t?.kind === 'op' && levels[level]!.includes(t.value); t = peek()) {
      i++;
      const right = parseLevel(level + 1);
      const fn = binary[t.value]!;
      const l = left;
      left = (values) => fn(l(values), right(values));
    }
    return left;
  };
  const parseUnary = (): Node => {
    const t = tokens[i++];
    if (!t) throw new Error('the expression ends too early');
    if (t.kind === 'num' || t.kind === 'str') return () => t.value;
    if (t.kind === 'id') return (values) => lookup(values, t.value);
    if (t.value === '!') {
      const inner = parseUnary();
      return (values) => !inner(values);
    }
    if (t.value === '-') {
      const inner = parseUnary();
      return (values) => -Number(inner(values));
    }
    if (t.value === '(') {
      const inner = parseLevel(0);
      if (tokens[i++]?.value !== ')') throw new Error('a ")" is missing');
      return inner;
    }
    throw new Error(`unexpected "${t.value}"`);
  };
  const node = parseLevel(0);
  if (i < tokens.length) throw new Error(`unexpected "${String(tokens[i]!.value)}" after the expression`);
  return node;
}

/** Parses rules, one a line: `temperature > 24 => #e5484d Hot`. Blank lines and `#` comments are skipped. */
export function parseVisualRules(text: string): { rules: VisualRule[]; errors: string[] } {
  const rules: VisualRule[] = [];
  const errors: string[] = [];
  text.split('\n').forEach((raw, n) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const arrow = line.indexOf('=>');
    if (arrow < 0) {
      errors.push(`Line ${n + 1}: write "expression => #colour label".`);
      return;
    }
    const [colour = '', ...label] = line.slice(arrow + 2).trim().split(/\s+/);
    if (!/^#[0-9a-fA-F]{6}$/.test(colour)) {
      errors.push(`Line ${n + 1}: "${colour}" is not a colour like #e5484d.`);
      return;
    }
    try {
      const node = compileExpression(line.slice(0, arrow));
      rules.push({ source: line, test: (values) => Boolean(node(values)), colour, label: label.join(' ') });
    } catch (error) {
      errors.push(`Line ${n + 1}: ${error instanceof Error ? error.message : String(error)}.`);
    }
  });
  return { rules, errors };
}
