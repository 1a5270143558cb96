// Validates AWS JSON request bodies against an operation's input shape in an aws-sdk (v2) API model
// (tests/node_modules/aws-sdk/apis/<service>-<version>.min.json).
//
// Checked: required members, unknown members, JSON types per shape type (structure, list, map, string, blob as
// base64, boolean, integer/long as whole numbers, float/double, timestamp as epoch seconds), and — where the model
// carries them — enum, min/max (string length, list/map size, numeric bounds) and pattern. The ".min.json" models
// shipped in aws-sdk v2 drop most enum/length/pattern traits, so those checks apply only where traits are present.
//
// Module use:
//   import { loadModel, validateRequest } from './aws-model-validate.mjs';
//   const errors = validateRequest(loadModel('kinesis'), 'PutRecords', body);   // [] when valid; [{ path, message }]
// CLI use:
//   node aws-model-validate.mjs <service> <Operation> [<json>|-]        prints {"valid":bool,"errors":[...]}; exit 1 if invalid
//   node aws-model-validate.mjs <service> --batch < [{"operation":..,"body":..},...]   prints one result per item; exit 1 if any invalid
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const apisDir = join(here, '..', 'node_modules', 'aws-sdk', 'apis');

/** Loads the newest model whose file name starts with `<service>-` (e.g. "kinesis", "glue", "athena", "dynamodb"). */
export function loadModel(service, dir = apisDir) {
  const prefix = service.toLowerCase() + '-';
  const candidates = readdirSync(dir)
    .filter(f => f.startsWith(prefix) && f.endsWith('.min.json') && /^\d{4}-\d{2}-\d{2}\.min\.json$/.test(f.slice(prefix.length)))
    .sort();
  if (candidates.length === 0) throw new Error(`no model for service '${service}' in ${dir}`);
  return JSON.parse(readFileSync(join(dir, candidates[candidates.length - 1]), 'utf8'));
}

/** Returns the validation errors of `body` against `operation`'s input shape: [] when valid. */
export function validateRequest(model, operation, body) {
  const op = model.operations?.[operation];
  if (!op) return [{ path: '', message: `unknown operation ${operation}` }];
  const errors = [];
  const input = op.input ?? { type: 'structure', members: {} };
  check(model, input, body ?? {}, '', errors);
  return errors;
}

function resolve(model, shape) {
  let s = shape ?? {};
  const seen = new Set();
  while (s.shape) {
    if (seen.has(s.shape)) break;
    seen.add(s.shape);
    const target = model.shapes?.[s.shape];
    if (!target) break;
    // Member-level traits (e.g. a member's own min) override the referenced shape's.
    const { shape: _ignored, ...own } = s;
    s = { ...target, ...own };
  }
  return s;
}

function check(model, shapeRef, value, path, errors) {
  const shape = resolve(model, shapeRef);
  const type = shape.type ?? 'string';
  const at = path || '(root)';
  const fail = message => errors.push({ path: at, message });
  switch (type) {
    case 'structure': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('expected an object');
      for (const name of shape.required ?? []) {
        if (value[name] === undefined || value[name] === null) errors.push({ path: join2(path, name), message: 'required member missing' });
      }
      for (const [name, v] of Object.entries(value)) {
        const member = shape.members?.[name];
        if (!member) { errors.push({ path: join2(path, name), message: 'unknown member' }); continue; }
        if (v === null || v === undefined) continue;
        check(model, member, v, join2(path, name), errors);
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) return fail('expected an array');
      bounds(shape, value.length, 'items', fail);
      value.forEach((v, i) => check(model, shape.member, v, `${path}[${i}]`, errors));
      return;
    }
    case 'map': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return fail('expected an object (map)');
      const entries = Object.entries(value);
      bounds(shape, entries.length, 'entries', fail);
      for (const [k, v] of entries) {
        check(model, shape.key ?? {}, k, `${path}{key ${k}}`, errors);
        check(model, shape.value, v, `${path}{${k}}`, errors);
      }
      return;
    }
    case 'string': {
      if (typeof value !== 'string') return fail('expected a string');
      bounds(shape, [...value].length, 'characters', fail);
      if (shape.enum && !shape.enum.includes(value)) fail(`'${value}' is not one of ${shape.enum.join(', ')}`);
      if (shape.pattern && !new RegExp(shape.pattern, 'u').test(value)) fail(`'${value}' does not match ${shape.pattern}`);
      return;
    }
    case 'blob': {
      if (typeof value !== 'string') return fail('expected a base64 string');
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return fail('not valid base64');
      bounds(shape, Buffer.from(value, 'base64').length, 'bytes', fail);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') fail('expected a boolean');
      return;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) return fail('expected a whole number');
      if (type === 'integer' && (value < -2147483648 || value > 2147483647)) return fail('outside the 32-bit range');
      numeric(shape, value, fail);
      return;
    case 'float':
    case 'double':
      if (typeof value !== 'number') return fail('expected a number');
      numeric(shape, value, fail);
      return;
    case 'timestamp':
      if (typeof value !== 'number') fail('expected epoch seconds (a number)');
      return;
    default:
      return;
  }
}

function bounds(shape, size, unit, fail) {
  if (typeof shape.min === 'number' && size < shape.min) fail(`${size} ${unit}, fewer than the minimum ${shape.min}`);
  if (typeof shape.max === 'number' && size > shape.max) fail(`${size} ${unit}, more than the maximum ${shape.max}`);
}

function numeric(shape, value, fail) {
  if (typeof shape.min === 'number' && value < shape.min) fail(`${value} is below the minimum ${shape.min}`);
  if (typeof shape.max === 'number' && value > shape.max) fail(`${value} is above the maximum ${shape.max}`);
}

function join2(path, name) { return path ? `${path}.${name}` : name; }

function readStdin() { return readFileSync(0, 'utf8'); }

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [service, second, third] = process.argv.slice(2);
  if (!service || !second) {
    console.error('usage: aws-model-validate.mjs <service> <Operation> [<json>|-] | <service> --batch < items.json');
    process.exit(2);
  }
  const model = loadModel(service);
  if (second === '--batch') {
    const items = JSON.parse(readStdin());
    const results = items.map(item => {
      const errors = validateRequest(model, item.operation, item.body);
      return { operation: item.operation, valid: errors.length === 0, errors };
    });
    console.log(JSON.stringify(results));
    process.exit(results.every(r => r.valid) ? 0 : 1);
  } else {
    const text = third === undefined || third === '-' ? readStdin() : third;
    const errors = validateRequest(model, second, JSON.parse(text));
    console.log(JSON.stringify({ valid: errors.length === 0, errors }));
    process.exit(errors.length === 0 ? 0 : 1);
  }
}
