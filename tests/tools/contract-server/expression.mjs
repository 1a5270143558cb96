// A subset of the Glue GetPartitions Expression language, enough for tests and for pruning by partition key:
//   key = 'v' | key <> 'v' | key != 'v' | key < 'v' | key <= 'v' | key > 'v' | key >= 'v'
//   key BETWEEN 'a' AND 'b' | key IN ('a', 'b') | key LIKE 'a%'
//   combined with AND, OR, NOT and parentheses. Values compare as strings (partition keys are strings here).
import { ServiceError } from './errors.mjs';

export function compileExpression(text, keys) {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const isWord = (t, w) => t && t.kind === 'word' && t.value.toUpperCase() === w;
  const expectValue = () => {
    const t = next();
    if (!t || (t.kind !== 'string' && t.kind !== 'number')) fail(`value expected near ${describe(t)}`);
    return String(t.value);
  };

  function parseOr() {
    let left = parseAnd();
    while (isWord(peek(), 'OR')) {
      next();
      const right = parseAnd();
      const l = left;
      left = (p) => l(p) || right(p);
    }
    return left;
  }
  function parseAnd() {
    let left = parseNot();
    while (isWord(peek(), 'AND')) {
      next();
      const right = parseNot();
      const l = left;
      left = (p) => l(p) && right(p);
    }
    return left;
  }
  function parseNot() {
    if (isWord(peek(), 'NOT')) {
      next();
      const inner = parseNot();
      return (p) => !inner(p);
    }
    return parsePrimary();
  }
  function parsePrimary() {
    const t = next();
    if (t && t.kind === 'punct' && t.value === '(') {
      const inner = parseOr();
      const close = next();
      if (!close || close.value !== ')') fail('")" expected');
      return inner;
    }
    if (!t || t.kind !== 'word') fail(`partition key expected near ${describe(t)}`);
    const key = t.value;
    const index = keys.indexOf(key);
    if (index < 0) fail(`unknown partition key ${key}`);
    const op = next();
    if (op && op.kind === 'op') {
      const value = expectValue();
      const cmp = { '=': (a) => a === value, '<>': (a) => a !== value, '!=': (a) => a !== value,
        '<': (a) => a < value, '<=': (a) => a <= value, '>': (a) => a > value, '>=': (a) => a >= value }[op.value];
      if (!cmp) fail(`operator ${op.value} not supported`);
      return (p) => cmp(p[index]);
    }
    if (isWord(op, 'BETWEEN')) {
      const low = expectValue();
      if (!isWord(next(), 'AND')) fail('AND expected in BETWEEN');
      const high = expectValue();
      return (p) => p[index] >= low && p[index] <= high;
    }
    if (isWord(op, 'IN')) {
      const open = next();
      if (!open || open.value !== '(') fail('"(" expected after IN');
      const values = [expectValue()];
      while (peek() && peek().value === ',') {
        next();
        values.push(expectValue());
      }
      const close = next();
      if (!close || close.value !== ')') fail('")" expected after IN list');
      return (p) => values.includes(p[index]);
    }
    if (isWord(op, 'LIKE')) {
      const pattern = expectValue();
      const re = new RegExp('^' + pattern.split('').map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('') + '$');
      return (p) => re.test(p[index]);
    }
    fail(`operator expected after ${key}`);
  }

  const predicate = parseOr();
  if (pos !== tokens.length) fail(`unexpected ${describe(peek())}`);
  return predicate;
}

function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === "'") {
      let value = '';
      i++;
      while (i < text.length) {
        if (text[i] === "'" && text[i + 1] === "'") { value += "'"; i += 2; continue; }
        if (text[i] === "'") break;
        value += text[i++];
      }
      if (text[i] !== "'") fail('unterminated string');
      i++;
      tokens.push({ kind: 'string', value });
      continue;
    }
    const op = /^(<>|!=|<=|>=|=|<|>)/.exec(text.slice(i));
    if (op) { tokens.push({ kind: 'op', value: op[1] }); i += op[1].length; continue; }
    if ('(),'.includes(c)) { tokens.push({ kind: 'punct', value: c }); i++; continue; }
    const num = /^-?\d+(\.\d+)?/.exec(text.slice(i));
    if (num) { tokens.push({ kind: 'number', value: num[0] }); i += num[0].length; continue; }
    const word = /^[A-Za-z_][A-Za-z0-9_]*|^`[^`]+`/.exec(text.slice(i));
    if (word) { tokens.push({ kind: 'word', value: word[0].replace(/`/g, '') }); i += word[0].length; continue; }
    fail(`unexpected character ${c}`);
  }
  return tokens;
}

function describe(t) {
  return t ? `'${t.value}'` : 'end of expression';
}

function fail(message) {
  throw new ServiceError('InvalidInputException', `Unsupported expression: ${message}`);
}
