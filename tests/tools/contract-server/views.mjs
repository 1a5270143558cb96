// Builds a DuckDB view for a Glue table over its Parquet files: the table's columns (cast to the table's types,
// NULL where no file has the column), then the partition keys. Registered partitions decide which files belong to
// the table (as in Athena); with partition projection enabled, files under the table location are matched against
// storage.location.template instead.

export function hiveToDuck(hive) {
  const s = hive.trim();
  const lower = s.toLowerCase();
  const simple = { boolean: 'BOOLEAN', tinyint: 'TINYINT', smallint: 'SMALLINT', int: 'INTEGER', integer: 'INTEGER',
    bigint: 'BIGINT', float: 'FLOAT', real: 'FLOAT', double: 'DOUBLE', string: 'VARCHAR', binary: 'BLOB',
    date: 'DATE', timestamp: 'TIMESTAMP' };
  if (simple[lower]) return simple[lower];
  if (/^(var)?char\(\d+\)$/.test(lower)) return 'VARCHAR';
  let m = /^decimal\((\d+),\s*(\d+)\)$/.exec(lower);
  if (m) return `DECIMAL(${m[1]},${m[2]})`;
  m = /^(array|map|struct)<(.*)>$/s.exec(s);
  if (!m) throw new Error(`unsupported Hive type ${hive}`);
  const parts = splitTop(m[2]);
  switch (m[1].toLowerCase()) {
    case 'array': return `${hiveToDuck(m[2])}[]`;
    case 'map': return `MAP(${hiveToDuck(parts[0])}, ${hiveToDuck(parts[1])})`;
    default: return `STRUCT(${parts.map((p) => {
      const i = p.indexOf(':');
      return `${quote(p.slice(0, i).trim())} ${hiveToDuck(p.slice(i + 1))}`;
    }).join(', ')})`;
  }
}

function splitTop(text) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '<' || text[i] === '(') depth++;
    else if (text[i] === '>' || text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

export function quote(name) {
  return `"${String(name).replace(/"/g, '""')}"`;
}

export function literal(value) {
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** Files of the table with their partition values: [{ path, values[] }]. */
export function tableFiles(table, partitions, storage) {
  const keys = table.PartitionKeys ?? [];
  const params = table.Parameters ?? {};
  const location = table.StorageDescriptor?.Location ?? '';
  if (keys.length === 0) return storage.list(location).map((f) => ({ path: f.path, values: [] }));
  if (String(params['projection.enabled']).toLowerCase() === 'true') {
    const template = params['storage.location.template'] ?? `${location.replace(/\/?$/, '/')}${keys.map((k) => '${' + k.Name + '}').join('/')}/`;
    const regex = templateRegex(template, keys.map((k) => k.Name), params);
    const literalPart = template.slice(0, template.indexOf('${'));
    const base = literalPart.slice(0, literalPart.lastIndexOf('/') + 1);
    const files = [];
    for (const f of storage.list(base)) {
      const m = regex.exec(base + f.key);
      if (m) files.push({ path: f.path, values: m.slice(1) });
    }
    return files;
  }
  return partitions.flatMap((p) => storage.list(p.StorageDescriptor?.Location ?? '').map((f) => ({ path: f.path, values: p.Values })));
}

function templateRegex(template, keys, params) {
  let source = '^';
  let rest = template;
  for (;;) {
    const i = rest.indexOf('${');
    if (i < 0) break;
    const j = rest.indexOf('}', i);
    source += escape(rest.slice(0, i));
    const key = rest.slice(i + 2, j);
    source += `(${keyPattern(params, key)})`;
    rest = rest.slice(j + 1);
  }
  source += escape(rest.replace(/\/$/, '')) + '/';
  return new RegExp(source);
}

function keyPattern(params, key) {
  if (params[`projection.${key}.type`] === 'date' && params[`projection.${key}.format`]) {
    return params[`projection.${key}.format`].replace(/yyyy|MM|dd|HH|mm|ss|[^A-Za-z]/g, (t) =>
      ({ yyyy: '\\d{4}', MM: '\\d{2}', dd: '\\d{2}', HH: '\\d{2}', mm: '\\d{2}', ss: '\\d{2}' }[t] ?? escape(t)));
  }
  return '[^/]+';
}

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** CREATE VIEW statements for one table; `describe(files)` returns the column names present in the files. */
export async function createViewSql(table, partitions, storage, describe) {
  const columns = table.StorageDescriptor?.Columns ?? [];
  const keys = table.PartitionKeys ?? [];
  const files = tableFiles(table, partitions, storage);
  const name = `${quote(table.DatabaseName)}.${quote(table.Name)}`;
  const select = (present, prefix) => [
    ...columns.map((c) => (present.has(c.Name.toLowerCase())
      ? `CAST(${prefix}${quote(c.Name)} AS ${hiveToDuck(c.Type)}) AS ${quote(c.Name)}`
      : `CAST(NULL AS ${hiveToDuck(c.Type)}) AS ${quote(c.Name)}`)),
    ...keys.map((k) => `CAST(p.${quote(k.Name)} AS ${hiveToDuck(k.Type ?? 'string')}) AS ${quote(k.Name)}`),
  ];
  if (files.length === 0) {
    const nullKeys = keys.map((k) => `CAST(NULL AS ${hiveToDuck(k.Type ?? 'string')}) AS ${quote(k.Name)}`);
    const nullCols = columns.map((c) => `CAST(NULL AS ${hiveToDuck(c.Type)}) AS ${quote(c.Name)}`);
    return `CREATE OR REPLACE VIEW ${name} AS SELECT ${[...nullCols, ...nullKeys].join(', ') || '1 AS dummy'} WHERE false`;
  }
  const list = `[${files.map((f) => literal(f.path)).join(', ')}]`;
  const present = new Set((await describe(list)).map((n) => n.toLowerCase()));
  const read = `read_parquet(${list}, union_by_name = true, filename = true, hive_partitioning = false)`;
  if (keys.length === 0) {
    return `CREATE OR REPLACE VIEW ${name} AS SELECT ${select(present, 'f.').join(', ')} FROM ${read} f`;
  }
  const rows = files.map((f) => `(${[literal(f.path), ...f.values.map(literal)].join(', ')})`).join(', ');
  const pcols = ['__file', ...keys.map((k) => quote(k.Name))].join(', ');
  return `CREATE OR REPLACE VIEW ${name} AS SELECT ${select(present, 'f.').join(', ')} FROM ${read} f ` +
    `JOIN (VALUES ${rows}) p(${pcols}) ON f.filename = p.__file`;
}
