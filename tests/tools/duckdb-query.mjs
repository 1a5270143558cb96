// Runs one SQL statement with DuckDB (npm @duckdb/node-api) and prints the rows as a JSON array of objects.
// Usage: node duckdb-query.mjs "SQL"   (or the SQL on stdin when no argument is given)
// BigInts print as strings, timestamps as ISO-8601 strings, so the output is plain JSON.
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const sql = process.argv[2] ?? readFileSync(0, 'utf8');
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(sql);
const rows = reader.getRowObjectsJson();
process.stdout.write(JSON.stringify(rows));
