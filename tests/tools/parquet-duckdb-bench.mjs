// DuckDB side of benchmarks/parquet-vs-duckdb/run.sh (single-threaded DuckDB from npm).
//   node parquet-duckdb-bench.mjs generate OUT.ndjson ROWS      -- writes the ventilator NDJSON feed
//   node parquet-duckdb-bench.mjs convert IN.ndjson OUT.parquet -- NDJSON -> SNAPPY Parquet; prints seconds
//   node parquet-duckdb-bench.mjs check OURS_DIR THEIRS.parquet -- same rows? prints counts and checksums, exit 1 if not
import { DuckDBInstance } from '@duckdb/node-api';

const [command, a, b] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run('SET threads = 1');
const q = s => "'" + String(s).replaceAll("'", "''") + "'";
const columns = "{ventilatorid: 'BIGINT', eventtime: 'TIMESTAMPTZ', serialnumber: 'VARCHAR', pressurecontrol: 'BIGINT', " +
  "o2stats: 'BIGINT', minutevolume: 'BIGINT', manufacturer: 'VARCHAR'}";

async function rows(sql) {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJson();
}

if (command === 'generate') {
  const count = Number(b ?? 2000000);
  await connection.run(`COPY (
    SELECT (hash(i) % 5000)::BIGINT AS ventilatorid,
           strftime(TIMESTAMPTZ '2026-11-21 00:00:00+00' + to_milliseconds(i * 7 + (hash(i * 3) % 5)::BIGINT), '%Y-%m-%dT%H:%M:%S.%gZ') AS eventtime,
           'SN-' || lpad(((hash(i) % 5000))::VARCHAR, 6, '0') AS serialnumber,
           (5 + hash(i * 5) % 35)::BIGINT AS pressurecontrol,
           (21 + hash(i * 7) % 80)::BIGINT AS o2stats,
           (2 + hash(i * 11) % 28)::BIGINT AS minutevolume,
           ['drägerwerk', 'hamilton medical', 'medtronic', 'philips', 'ge healthcare', 'mindray', 'resmed', 'getinge'][(1 + (hash(i) % 5000) % 8)::BIGINT] AS manufacturer
    FROM range(${count}) t(i)) TO ${q(a)} (FORMAT json)`);
} else if (command === 'convert') {
  const start = process.hrtime.bigint();
  await connection.run(`COPY (SELECT * FROM read_json(${q(a)}, format = 'newline_delimited', columns = ${columns}))
    TO ${q(b)} (FORMAT parquet, COMPRESSION snappy)`);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  process.stdout.write(seconds.toFixed(3) + '\n');
} else if (command === 'check') {
  const summary = source => `SELECT count(*)::VARCHAR AS rows,
      sum(hash(ventilatorid, epoch_ms(eventtime), serialnumber, pressurecontrol, o2stats, minutevolume, manufacturer))::VARCHAR AS checksum
    FROM ${source}`;
  const ours = (await rows(summary(`read_parquet(${q(a + '/**/*.parquet')}, filename = true) WHERE filename NOT LIKE '%/\\_%' ESCAPE '\\'`)))[0];
  const theirs = (await rows(summary(`read_parquet(${q(b)})`)))[0];
  process.stdout.write(`ours:   ${ours.rows} rows, checksum ${ours.checksum}\nduckdb: ${theirs.rows} rows, checksum ${theirs.checksum}\n`);
  if (ours.rows !== theirs.rows || ours.checksum !== theirs.checksum) {
    process.stdout.write('MISMATCH: the two outputs do not hold the same rows\n');
    process.exit(1);
  }
  process.stdout.write('same rows\n');
} else {
  process.stderr.write('usage: parquet-duckdb-bench.mjs generate|convert|check ...\n');
  process.exit(2);
}
