// In-memory Glue Data Catalog: databases, tables (versioned, optimistic concurrency on UpdateTable), partitions.
import { ServiceError } from './errors.mjs';
import { compileExpression } from './expression.mjs';

const now = () => Date.now() / 1000;
const clone = (v) => (v === undefined ? undefined : structuredClone(v));
const partitionKey = (values) => JSON.stringify(values);

export class GlueCatalog {
  constructor() {
    this.databases = new Map();
    this.tables = new Map();
    this.catalogId = '000000000000';
  }

  /** Tables as { database, table, partitions[] } for the query engine. */
  *allTables() {
    for (const entry of this.tables.values()) {
      yield { table: entry.table, partitions: [...entry.partitions.values()] };
    }
  }

  handle(operation, body) {
    const handler = this[`op${operation}`];
    if (!handler) throw new ServiceError('UnknownOperationException', `operation ${operation} is not supported by the contract server`);
    return handler.call(this, body);
  }

  opCreateDatabase({ DatabaseInput }) {
    const name = DatabaseInput.Name.toLowerCase();
    if (this.databases.has(name)) throw new ServiceError('AlreadyExistsException', `Database already exists.`);
    this.databases.set(name, { ...clone(DatabaseInput), Name: name, CreateTime: now(), CatalogId: this.catalogId });
    return {};
  }

  opGetDatabase({ Name }) {
    return { Database: clone(this.database(Name)) };
  }

  opGetDatabases() {
    return { DatabaseList: [...this.databases.values()].map(clone) };
  }

  opCreateTable({ DatabaseName, TableInput }) {
    const db = this.database(DatabaseName).Name;
    const name = TableInput.Name.toLowerCase();
    const key = `${db}.${name}`;
    if (this.tables.has(key)) throw new ServiceError('AlreadyExistsException', `Table already exists.`);
    checkTableInput(TableInput);
    const time = now();
    const table = { ...clone(TableInput), Name: name, DatabaseName: db, CreateTime: time, UpdateTime: time,
      IsRegisteredWithLakeFormation: false, CatalogId: this.catalogId, VersionId: '0' };
    table.PartitionKeys ??= [];
    this.tables.set(key, { table, partitions: new Map(), versions: [] });
    return {};
  }

  opGetTable({ DatabaseName, Name }) {
    return { Table: clone(this.entry(DatabaseName, Name).table) };
  }

  opGetTables({ DatabaseName }) {
    const db = this.database(DatabaseName).Name;
    return { TableList: [...this.tables.values()].filter((e) => e.table.DatabaseName === db).map((e) => clone(e.table)) };
  }

  opGetTableVersions({ DatabaseName, TableName }) {
    const entry = this.entry(DatabaseName, TableName);
    const versions = [{ Table: clone(entry.table), VersionId: entry.table.VersionId }, ...entry.versions.map((t) => ({ Table: clone(t), VersionId: t.VersionId }))];
    return { TableVersions: versions };
  }

  opUpdateTable({ DatabaseName, TableInput, VersionId, SkipArchive }) {
    const entry = this.entry(DatabaseName, TableInput.Name);
    const current = entry.table;
    if (VersionId !== undefined && VersionId !== current.VersionId) {
      throw new ServiceError('ConcurrentModificationException',
        `Update table failed due to concurrent modifications: expected version ${VersionId}, current version ${current.VersionId}.`);
    }
    checkTableInput(TableInput);
    if (!SkipArchive) entry.versions.unshift(current);
    entry.table = { ...clone(TableInput), Name: current.Name, DatabaseName: current.DatabaseName, CreateTime: current.CreateTime,
      UpdateTime: now(), IsRegisteredWithLakeFormation: false, CatalogId: this.catalogId,
      VersionId: String(Number(current.VersionId) + 1) };
    entry.table.PartitionKeys ??= [];
    return {};
  }

  opDeleteTable({ DatabaseName, Name }) {
    const entry = this.entry(DatabaseName, Name);
    this.tables.delete(`${entry.table.DatabaseName}.${entry.table.Name}`);
    return {};
  }

  opCreatePartition({ DatabaseName, TableName, PartitionInput }) {
    const entry = this.entry(DatabaseName, TableName);
    const error = this.addPartition(entry, PartitionInput);
    if (error) throw new ServiceError(error.ErrorCode, error.ErrorMessage);
    return {};
  }

  opBatchCreatePartition({ DatabaseName, TableName, PartitionInputList }) {
    const entry = this.entry(DatabaseName, TableName);
    const Errors = [];
    for (const input of PartitionInputList) {
      const error = this.addPartition(entry, input);
      if (error) Errors.push({ PartitionValues: clone(input.Values ?? []), ErrorDetail: error });
    }
    return Errors.length ? { Errors } : {};
  }

  opBatchUpdatePartition({ DatabaseName, TableName, Entries }) {
    const entry = this.entry(DatabaseName, TableName);
    const Errors = [];
    for (const { PartitionValueList, PartitionInput } of Entries) {
      const key = partitionKey(PartitionValueList);
      const existing = entry.partitions.get(key);
      if (!existing) {
        Errors.push({ PartitionValueList: clone(PartitionValueList), ErrorDetail: { ErrorCode: 'EntityNotFoundException', ErrorMessage: 'Partition not found.' } });
        continue;
      }
      const values = PartitionInput.Values ?? PartitionValueList;
      if (values.length !== entry.table.PartitionKeys.length) {
        Errors.push({ PartitionValueList: clone(PartitionValueList), ErrorDetail: { ErrorCode: 'InvalidInputException', ErrorMessage: 'The number of partition values does not match the number of partition keys.' } });
        continue;
      }
      entry.partitions.delete(key);
      entry.partitions.set(partitionKey(values), { ...existing, ...clone(PartitionInput), Values: clone(values),
        DatabaseName: existing.DatabaseName, TableName: existing.TableName, CreationTime: existing.CreationTime, CatalogId: this.catalogId });
    }
    return Errors.length ? { Errors } : {};
  }

  opGetPartition({ DatabaseName, TableName, PartitionValues }) {
    const partition = this.entry(DatabaseName, TableName).partitions.get(partitionKey(PartitionValues));
    if (!partition) throw new ServiceError('EntityNotFoundException', 'Cannot find partition.');
    return { Partition: clone(partition) };
  }

  opGetPartitions({ DatabaseName, TableName, Expression, NextToken, MaxResults, ExcludeColumnSchema }) {
    const entry = this.entry(DatabaseName, TableName);
    const keys = entry.table.PartitionKeys.map((k) => k.Name);
    const predicate = Expression && Expression.trim() ? compileExpression(Expression, keys) : () => true;
    const all = [...entry.partitions.values()]
      .sort((a, b) => (partitionKey(a.Values) < partitionKey(b.Values) ? -1 : 1))
      .filter((p) => predicate(p.Values));
    const start = NextToken ? decodeToken(NextToken) : 0;
    const size = MaxResults ?? 1000;
    const page = all.slice(start, start + size).map((p) => {
      const copy = clone(p);
      if (ExcludeColumnSchema && copy.StorageDescriptor) delete copy.StorageDescriptor.Columns;
      return copy;
    });
    const result = { Partitions: page };
    if (start + size < all.length) result.NextToken = encodeToken(start + size);
    return result;
  }

  addPartition(entry, input) {
    const values = input.Values ?? [];
    if (values.length !== entry.table.PartitionKeys.length) {
      return { ErrorCode: 'InvalidInputException', ErrorMessage: 'The number of partition values does not match the number of partition keys.' };
    }
    const key = partitionKey(values);
    if (entry.partitions.has(key)) return { ErrorCode: 'AlreadyExistsException', ErrorMessage: 'Partition already exists.' };
    const time = now();
    entry.partitions.set(key, { ...clone(input), Values: clone(values), DatabaseName: entry.table.DatabaseName,
      TableName: entry.table.Name, CreationTime: time, CatalogId: this.catalogId });
    return null;
  }

  database(name) {
    const db = this.databases.get(name.toLowerCase());
    if (!db) throw new ServiceError('EntityNotFoundException', `Database ${name} not found.`);
    return db;
  }

  entry(databaseName, tableName) {
    const db = this.database(databaseName).Name;
    const entry = this.tables.get(`${db}.${tableName.toLowerCase()}`);
    if (!entry) throw new ServiceError('EntityNotFoundException', `Table ${tableName} not found.`);
    return entry;
  }
}

// What Glue itself rejects beyond the model: parameters on partition keys.
function checkTableInput(input) {
  for (const key of input.PartitionKeys ?? []) {
    if (key.Parameters && Object.keys(key.Parameters).length) {
      throw new ServiceError('InvalidInputException', 'Parameters not supported for partition columns');
    }
  }
}

function encodeToken(offset) {
  return Buffer.from(JSON.stringify({ offset })).toString('base64');
}

function decodeToken(token) {
  try {
    const { offset } = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
    if (Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through
  }
  throw new ServiceError('InvalidInputException', 'Invalid NextToken.');
}

export { encodeToken, decodeToken };
