// Reads Parquet files with three independent readers and compares every value with the expected rows.
// Usage: node parquet-readers.mjs MANIFEST.json
//   MANIFEST = { "files": [ { "path": "...parquet", "schema": [field...], "expected": "...json" } ] }
//   field    = { name, kind, nullable, scale?, unit?, fields?, element?, key?, value? }
//   kinds: boolean int32 int64 float double decimal string binary date timestamp struct list map
// Expected rows use the canonical form: integers, dates (days), timestamps (units since the epoch) and decimals
// (unscaled) as decimal strings; floats as "NaN" or the 16 hex digits of the IEEE double bits; binary as hex;
// struct = array of field values; list = array; map = array of [key, value].
// Readers: DuckDB (@duckdb/node-api), hyparquet, and parquet-wasm (arrow-rs: the file is decoded into Arrow,
// re-encoded with parquet-wasm's own writer, and that copy is read by DuckDB for the comparison).
// Prints [{ path, reader, ok, rows, mismatch }] as JSON.
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetReadObjects } from 'hyparquet';
import parquetWasm from 'parquet-wasm';
import { readFileSync, writeFileSync, rmSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const { readParquet, writeParquet } = parquetWasm;
const manifest = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();

const hex = bytes => Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
function floatBits(n) {
  if (Number.isNaN(n)) return 'NaN';
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, n);
  return view.getBigUint64(0).toString(16).padStart(16, '0');
}
const sql = s => "'" + s.replaceAll("'", "''") + "'";

// DuckDB values (DuckDB*Value classes) to canonical form, driven by the schema.
function fromDuck(field, v) {
  if (v === null || v === undefined) return null;
  switch (field.kind) {
    case 'boolean': return v;
    case 'int32': case 'int64': return String(v);
    case 'float': case 'double': return floatBits(Number(v));
    case 'decimal': return String(v.value);
    case 'string': return v;
    case 'binary': return hex(v.bytes);
    case 'date': return String(v.days);
    case 'timestamp': return field.unit === 'us' ? String(v.micros) : String(v.micros / 1000n);
    case 'struct': return field.fields.map(f => fromDuck(f, v.entries[f.name]));
    case 'list': return v.items.map(item => fromDuck(field.element, item));
    case 'map': return v.entries.map(e => [fromDuck(field.key, e.key), fromDuck(field.value, e.value)]);
    default: throw new Error('unknown kind ' + field.kind);
  }
}

// hyparquet values to canonical form. Decimals arrive as JS numbers (approximate); maps as plain objects.
function fromHyparquet(field, v) {
  if (v === null || v === undefined) return null;
  switch (field.kind) {
    case 'boolean': return v;
    case 'int32': case 'int64': return String(v);
    case 'float': case 'double': return floatBits(Number(v));
    case 'decimal': return { approx: Number(v) };
    case 'string': return v;
    case 'binary': return hex(v);
    case 'date': return String(v);
    case 'timestamp': return String(v);
    case 'struct': return field.fields.map(f => fromHyparquet(f, v[f.name]));
    case 'list': return Array.from(v, item => fromHyparquet(field.element, item));
    case 'map': return { unordered: Object.entries(v).map(([k, x]) => [k, fromHyparquet(field.value, x)]) };
    default: throw new Error('unknown kind ' + field.kind);
  }
}

function decimalApprox(unscaled, scale) {
  return Number(unscaled) / 10 ** scale;
}

// Compares canonical actual with canonical expected; returns a description of the first difference or null.
function diff(field, expected, actual, where) {
  if (expected === null || actual === null) {
    return expected === actual ? null : `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  }
  if (field.kind === 'decimal' && typeof actual === 'object' && 'approx' in actual) {
    const e = decimalApprox(expected, field.scale);
    const ok = Math.abs(e - actual.approx) <= Math.max(1e-9, Math.abs(e) * 1e-12);
    return ok ? null : `${where}: expected ~${e}, got ${actual.approx}`;
  }
  if (field.kind === 'struct') {
    for (let i = 0; i < field.fields.length; i++) {
      const d = diff(field.fields[i], expected[i], actual[i], `${where}.${field.fields[i].name}`);
      if (d) return d;
    }
    return null;
  }
  if (field.kind === 'list') {
    if (expected.length !== actual.length) return `${where}: expected ${expected.length} items, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = diff(field.element, expected[i], actual[i], `${where}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (field.kind === 'map') {
    if (actual.unordered) {
      const key = p => String(p[0]);
      const e = [...expected].sort((a, b) => key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
      const a = [...actual.unordered].sort((x, y) => key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0);
      if (e.length !== a.length) return `${where}: expected ${e.length} entries, got ${a.length}`;
      for (let i = 0; i < e.length; i++) {
        if (String(e[i][0]) !== String(a[i][0])) return `${where}: expected key ${e[i][0]}, got ${a[i][0]}`;
        const d = diff(field.value, e[i][1], a[i][1], `${where}{${e[i][0]}}`);
        if (d) return d;
      }
      return null;
    }
    if (expected.length !== actual.length) return `${where}: expected ${expected.length} entries, got ${actual.length}`;
    for (let i = 0; i < expected.length; i++) {
      const d = diff(field.key, expected[i][0], actual[i][0], `${where}.key[${i}]`) ?? diff(field.value, expected[i][1], actual[i][1], `${where}.value[${i}]`);
      if (d) return d;
    }
    return null;
  }
  return expected === actual ? null : `${where}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
}

function compare(file, schema, expected, rows) {
  if (rows.length !== expected.length) return `expected ${expected.length} rows, got ${rows.length}`;
  for (let r = 0; r < rows.length; r++) {
    for (let c = 0; c < schema.length; c++) {
      const d = diff(schema[c], expected[r][c], rows[r][c], `row ${r} ${schema[c].name}`);
      if (d) return d;
    }
  }
  return null;
}

async function readDuck(path, schema) {
  const reader = await connection.runAndReadAll(
    `SELECT * EXCLUDE (file_row_number) FROM read_parquet(${sql(path)}, file_row_number = true) ORDER BY file_row_number`);
  return reader.getRows().map(row => schema.map((f, i) => fromDuck(f, row[i])));
}

async function readHyparquet(path, schema) {
  const buffer = readFileSync(path);
  const file = buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength);
  const parsers = {
    timestampFromMilliseconds: v => v,
    timestampFromMicroseconds: v => v,
    timestampFromNanoseconds: v => v,
    dateFromDays: v => v,
  };
  // hyparquet ships no GZIP codec; it takes one from the caller (node:zlib, one gzip member per page).
  const compressors = { GZIP: input => new Uint8Array(gunzipSync(input)) };
  const objects = await parquetReadObjects({ file, utf8: false, parsers, compressors });
  return objects.map(o => schema.map(f => fromHyparquet(f, o[f.name])));
}

async function readParquetWasm(path, schema) {
  const table = readParquet(new Uint8Array(readFileSync(path)));
  const copy = path + '.arrow-rs.parquet';
  writeFileSync(copy, writeParquet(table));
  try {
    return await readDuck(copy, schema);
  } finally {
    rmSync(copy, { force: true });
  }
}

const results = [];
for (const entry of manifest.files) {
  const expected = JSON.parse(readFileSync(entry.expected, 'utf8'));
  for (const [name, read] of [['duckdb', readDuck], ['hyparquet', readHyparquet], ['parquet-wasm', readParquetWasm]]) {
    let mismatch;
    let rows = -1;
    try {
      const actual = await read(entry.path, entry.schema);
      rows = actual.length;
      mismatch = compare(entry.path, entry.schema, expected, actual);
    } catch (e) {
      mismatch = `${name} failed: ${e && e.message ? e.message : e}`;
    }
    results.push({ path: entry.path, reader: name, ok: !mismatch, rows, mismatch: mismatch ?? null });
  }
}
process.stdout.write(JSON.stringify(results));
