// Independent Avro implementation (avsc) driven by the Avro interop tests.
// Reads one JSON request on stdin and writes one JSON response on stdout.
//   {"mode":"generate","seed":n,"count":k,"schemas":[schema...]}
//     -> [{"canonical","md5","values":[{"hex","form"}],"container":{"codec","base64"}}]  (avsc encodes seeded random values)
//   {"mode":"decode","items":[{"schema","hex"}],"containers":[{"base64"}]}
//     -> {"items":[form],"containers":[{"canonical","forms":[form]}]}                     (avsc decodes our bytes)
//   {"mode":"resolve","items":[{"writer","reader","hex"}]}
//     -> {"items":[{"form"}|{"error"}]}                         (avsc decodes writer bytes with the reader schema)
// Longs stay within 2^52: avsc keeps longs in JS numbers and rounds the zig-zag value of larger ones.
// Forms: bytes and fixed {"$b":hex}; unions {"$u":branchIndex,"v":form}; records and maps objects; longs numbers.
import avro from 'avsc';
import { Readable } from 'node:stream';

const parse = (schema) => avro.Type.forSchema(schema, { wrapUnions: true });

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6D2B79F5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHARS = ['a', 'b', 'Z', '0', ' ', 'é', 'ß', '€', '中', '😀', '"', '\\', '\n'];

function randomValue(type, next, depth) {
  const pick = (n) => Math.floor(next() * n);
  switch (type.typeName) {
    case 'null': return null;
    case 'boolean': return next() < 0.5;
    case 'int': return [0, -1, 1, 2147483647, -2147483648, pick(1000) - 500, pick(2 ** 31)][pick(7)];
    case 'long': return [0, -1, 64, -65, 4503599627370495, -4503599627370495, pick(2 ** 40) - 2 ** 39][pick(7)];
    case 'float': return Math.fround([0.5, -1.25, 3.4e38, 1e-20, (next() - 0.5) * 1e6][pick(5)]);
    case 'double': return [0.1, -2.5e300, 5e-324, (next() - 0.5) * 1e12][pick(4)];
    case 'string': { let s = ''; const n = pick(8); for (let i = 0; i < n; i++) s += CHARS[pick(CHARS.length)]; return s; }
    case 'bytes': { const n = pick(6); const b = Buffer.alloc(n); for (let i = 0; i < n; i++) b[i] = pick(256); return b; }
    case 'fixed': { const b = Buffer.alloc(type.size); for (let i = 0; i < type.size; i++) b[i] = pick(256); return b; }
    case 'enum': return type.symbols[pick(type.symbols.length)];
    case 'array': { const n = depth > 3 ? 0 : pick(4); const a = []; for (let i = 0; i < n; i++) a.push(randomValue(type.itemsType, next, depth + 1)); return a; }
    case 'map': { const n = depth > 3 ? 0 : pick(4); const m = {}; for (let i = 0; i < n; i++) m['k' + i + CHARS[pick(CHARS.length)]] = randomValue(type.valuesType, next, depth + 1); return m; }
    case 'record': case 'error': { const r = {}; for (const f of type.fields) r[f.name] = randomValue(f.type, next, depth + 1); return r; }
    case 'union:wrapped': {
      const i = pick(type.types.length);
      const branch = type.types[i];
      const v = randomValue(branch, next, depth + 1);
      return branch.typeName === 'null' ? null : { [branch.branchName]: v };
    }
    default: throw new Error('unsupported type ' + type.typeName);
  }
}

function form(type, v) {
  switch (type.typeName) {
    case 'null': case 'boolean': case 'int': case 'long': case 'float': case 'double': case 'string': case 'enum':
      return v;
    case 'bytes': case 'fixed': return { $b: v.toString('hex') };
    case 'array': return v.map((x) => form(type.itemsType, x));
    case 'map': { const o = {}; for (const k of Object.keys(v)) o[k] = form(type.valuesType, v[k]); return o; }
    case 'record': case 'error': { const o = {}; for (const f of type.fields) o[f.name] = form(f.type, v[f.name]); return o; }
    case 'union:wrapped': {
      if (v === null) return { $u: type.types.findIndex((t) => t.typeName === 'null'), v: null };
      const key = Object.keys(v)[0];
      const i = type.types.findIndex((t) => t.branchName === key);
      return { $u: i, v: form(type.types[i], v[key]) };
    }
    default: throw new Error('unsupported type ' + type.typeName);
  }
}

async function writeContainer(type, values, codec) {
  const encoder = new avro.streams.BlockEncoder(type, { codec, blockSize: 256 });
  const chunks = [];
  const done = new Promise((resolve, reject) => {
    encoder.on('data', (c) => chunks.push(c));
    encoder.on('end', resolve);
    encoder.on('error', reject);
  });
  for (const v of values) encoder.write(v);
  encoder.end();
  await done;
  return Buffer.concat(chunks).toString('base64');
}

async function readContainer(base64) {
  let writerType = null;
  const decoder = new avro.streams.BlockDecoder({ parseHook: (schema) => (writerType = parse(schema)) });
  const forms = [];
  const done = new Promise((resolve, reject) => {
    decoder.on('data', (v) => forms.push(form(writerType, v)));
    decoder.on('end', resolve);
    decoder.on('error', reject);
  });
  Readable.from([Buffer.from(base64, 'base64')]).pipe(decoder);
  await done;
  return { canonical: JSON.stringify(writerType.schema()), forms };
}

async function main() {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const request = JSON.parse(input);
  if (request.mode === 'generate') {
    const next = rng(request.seed);
    const out = [];
    for (let s = 0; s < request.schemas.length; s++) {
      const type = parse(request.schemas[s]);
      const values = [];
      for (let i = 0; i < request.count; i++) values.push(randomValue(type, next, 0));
      const codec = s % 2 === 0 ? 'deflate' : 'null';
      out.push({
        canonical: JSON.stringify(type.schema()),
        md5: type.fingerprint('md5').toString('hex'),
        values: values.map((v) => ({ hex: type.toBuffer(v).toString('hex'), form: form(type, v) })),
        container: { codec, base64: await writeContainer(type, values, codec) },
      });
    }
    process.stdout.write(JSON.stringify(out));
  } else if (request.mode === 'decode') {
    const items = request.items.map(({ schema, hex }) => {
      const type = parse(schema);
      return form(type, type.fromBuffer(Buffer.from(hex, 'hex')));
    });
    const containers = [];
    for (const c of request.containers) containers.push(await readContainer(c.base64));
    process.stdout.write(JSON.stringify({ items, containers }));
  } else if (request.mode === 'resolve') {
    const items = request.items.map(({ writer, reader, hex }) => {
      const readerType = parse(reader);
      try {
        const resolver = readerType.createResolver(parse(writer));
        return { form: form(readerType, readerType.fromBuffer(Buffer.from(hex, 'hex'), resolver)) };
      } catch (e) {
        return { error: String(e.message || e) };
      }
    });
    process.stdout.write(JSON.stringify({ items }));
  } else {
    throw new Error('unknown mode ' + request.mode);
  }
}

main().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
