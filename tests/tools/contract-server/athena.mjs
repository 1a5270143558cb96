// Athena over DuckDB: StartQueryExecution (ClientRequestToken idempotence), GetQueryExecution (QUEUED → RUNNING →
// SUCCEEDED | FAILED | CANCELLED), GetQueryResults (paging; SELECT results start with a header row), and
// StopQueryExecution. Each query runs in a fresh in-memory DuckDB database holding one view per Glue table.
import { randomUUID } from 'node:crypto';
import { DuckDBInstance } from '@duckdb/node-api';
import { ServiceError } from './errors.mjs';
import { createViewSql, quote } from './views.mjs';
import { encodeToken, decodeToken } from './glue.mjs';

const FINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

export class AthenaEngine {
  constructor(glue, storage, { queryDelayMs = 0 } = {}) {
    this.glue = glue;
    this.storage = storage;
    this.queryDelayMs = queryDelayMs;
    this.executions = new Map();
    this.tokens = new Map();
  }

  handle(operation, body) {
    const handler = this[`op${operation}`];
    if (!handler) throw new ServiceError('UnknownOperationException', `operation ${operation} is not supported by the contract server`);
    return handler.call(this, body);
  }

  opStartQueryExecution({ QueryString, ClientRequestToken, QueryExecutionContext, ResultConfiguration, WorkGroup }) {
    if (ClientRequestToken && this.tokens.has(ClientRequestToken)) {
      const previous = this.executions.get(this.tokens.get(ClientRequestToken));
      if (previous.query !== QueryString) {
        throw new ServiceError('InvalidRequestException', 'Idempotent parameters do not match');
      }
      return { QueryExecutionId: previous.id };
    }
    const id = randomUUID();
    const statement = classify(QueryString);
    const execution = {
      id, query: QueryString, context: QueryExecutionContext ?? {}, workGroup: WorkGroup ?? 'primary',
      outputLocation: ResultConfiguration?.OutputLocation ?? `s3://contract-athena-results/${id}/`,
      statement, state: 'QUEUED', submitted: Date.now() / 1000, completed: undefined, rows: [], columns: [], error: undefined,
    };
    this.executions.set(id, execution);
    if (ClientRequestToken) this.tokens.set(ClientRequestToken, id);
    setTimeout(() => this.run(execution), this.queryDelayMs);
    return { QueryExecutionId: id };
  }

  opGetQueryExecution({ QueryExecutionId }) {
    const e = this.execution(QueryExecutionId);
    const status = { State: e.state, SubmissionDateTime: e.submitted };
    if (e.completed) status.CompletionDateTime = e.completed;
    if (e.error) {
      status.StateChangeReason = e.error.message;
      status.AthenaError = { ErrorCategory: e.error.category, ErrorType: e.error.type, Retryable: false, ErrorMessage: e.error.message };
    }
    return {
      QueryExecution: {
        QueryExecutionId: e.id, Query: e.query, StatementType: e.statement.type, SubstatementType: e.statement.sub,
        ResultConfiguration: { OutputLocation: e.outputLocation }, QueryExecutionContext: e.context, Status: status,
        Statistics: { EngineExecutionTimeInMillis: e.completed ? Math.round((e.completed - e.submitted) * 1000) : 0, DataScannedInBytes: 0 },
        WorkGroup: e.workGroup, EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' },
      },
    };
  }

  opGetQueryResults({ QueryExecutionId, NextToken, MaxResults }) {
    const e = this.execution(QueryExecutionId);
    if (e.state !== 'SUCCEEDED') {
      throw new ServiceError('InvalidRequestException', `Query has not yet finished. Current state: ${e.state}`);
    }
    const header = e.statement.sub === 'SELECT' ? [{ Data: e.columns.map((c) => ({ VarCharValue: c.name })) }] : [];
    const all = [...header, ...e.rows.map((r) => ({ Data: r.map((v) => (v === null ? {} : { VarCharValue: v })) }))];
    const start = NextToken ? decodeToken(NextToken) : 0;
    const size = MaxResults ?? 1000;
    const result = {
      UpdateCount: 0,
      ResultSet: {
        Rows: all.slice(start, start + size),
        ResultSetMetadata: {
          ColumnInfo: e.columns.map((c) => ({ CatalogName: 'hive', SchemaName: '', TableName: '', Name: c.name, Label: c.name,
            Type: c.type, Precision: 0, Scale: 0, Nullable: 'UNKNOWN', CaseSensitive: c.type === 'varchar' })),
        },
      },
    };
    if (start + size < all.length) result.NextToken = encodeToken(start + size);
    return result;
  }

  opStopQueryExecution({ QueryExecutionId }) {
    const e = this.execution(QueryExecutionId);
    if (!FINAL.has(e.state)) {
      e.state = 'CANCELLED';
      e.completed = Date.now() / 1000;
    }
    return {};
  }

  execution(id) {
    const e = this.executions.get(id);
    if (!e) throw new ServiceError('InvalidRequestException', `QueryExecution ${id} was not found`);
    return e;
  }

  async run(e) {
    if (e.state !== 'QUEUED') return;
    e.state = 'RUNNING';
    let instance;
    let connection;
    try {
      if (e.statement.sub !== 'SELECT') {
        throw Object.assign(new Error(`NOT_SUPPORTED: the contract Athena runs SELECT queries only`), { category: 2, type: 1006 });
      }
      instance = await DuckDBInstance.create(':memory:');
      connection = await instance.connect();
      await connection.run("SET TimeZone = 'UTC'");
      const describe = async (list) => {
        const reader = await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${list}, union_by_name = true, hive_partitioning = false)`);
        return reader.getRowObjectsJson().map((r) => r.column_name);
      };
      for (const name of this.glue.databases.keys()) await connection.run(`CREATE SCHEMA IF NOT EXISTS ${quote(name)}`);
      const database = e.context.Database?.toLowerCase();
      if (database && !this.glue.databases.has(database)) {
        throw Object.assign(new Error(`SCHEMA_NOT_FOUND: Schema ${database} does not exist`), { category: 2, type: 1301 });
      }
      for (const { table, partitions } of this.glue.allTables()) {
        await connection.run(`CREATE SCHEMA IF NOT EXISTS ${quote(table.DatabaseName)}`);
        await connection.run(await createViewSql(table, partitions, this.storage, describe));
      }
      if (database) await connection.run(`USE ${quote(database)}`);
      const query = e.query.trim().replace(/;\s*$/, '');
      const types = (await connection.runAndReadAll(`DESCRIBE ${query}`)).getRowObjectsJson();
      const projection = types.map((t) => (t.column_type.startsWith('TIMESTAMP')
        ? `strftime(CAST(${quote(t.column_name)} AS TIMESTAMP), '%Y-%m-%d %H:%M:%S.%g')`
        : `CAST(${quote(t.column_name)} AS VARCHAR)`));
      const reader = await connection.runAndReadAll(`SELECT ${projection.join(', ')} FROM (${query}) __q`);
      if (e.state === 'CANCELLED') return;
      e.columns = types.map((t) => ({ name: t.column_name, type: athenaType(t.column_type) }));
      e.rows = reader.getRows().map((row) => row.map((v) => (v === null ? null : String(v))));
      e.state = 'SUCCEEDED';
    } catch (err) {
      if (e.state === 'CANCELLED') return;
      e.state = 'FAILED';
      e.error = { category: err.category ?? 2, type: err.type ?? 1100, message: String(err.message ?? err) };
    } finally {
      e.completed = Date.now() / 1000;
      connection?.closeSync?.();
      instance?.closeSync?.();
    }
  }
}

function classify(query) {
  const text = query.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*/, '').toUpperCase();
  if (text.startsWith('SELECT') || text.startsWith('WITH') || text.startsWith('VALUES') || text.startsWith('(')) return { type: 'DML', sub: 'SELECT' };
  if (/^(CREATE|DROP|ALTER|MSCK)/.test(text)) return { type: 'DDL', sub: text.split(/\s+/)[0] };
  return { type: 'UTILITY', sub: text.split(/\s+/)[0] ?? '' };
}

function athenaType(duck) {
  const t = duck.toUpperCase();
  if (t.endsWith('[]')) return 'array';
  if (t.startsWith('STRUCT')) return 'row';
  if (t.startsWith('MAP')) return 'map';
  if (t.startsWith('DECIMAL')) return 'decimal';
  if (t.startsWith('TIMESTAMP')) return 'timestamp';
  return { VARCHAR: 'varchar', INTEGER: 'integer', BIGINT: 'bigint', HUGEINT: 'bigint', SMALLINT: 'smallint', TINYINT: 'tinyint',
    DOUBLE: 'double', FLOAT: 'real', BOOLEAN: 'boolean', DATE: 'date', BLOB: 'varbinary' }[t] ?? t.toLowerCase();
}
