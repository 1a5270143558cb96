// In-memory Glue Schema Registry: registries, schemas, versions and their metadata, with Glue's version life cycle.
// A version registered under a checked compatibility mode starts PENDING and settles to AVAILABLE or FAILURE after
// one GetSchemaVersion read of it (so clients must poll, as with Glue); under NONE it is AVAILABLE at once.
// Verdicts come from registry-compat.mjs: AVRO by avsc's schema resolution for every mode; JSON for every mode over
// a structural subset of JSON Schema, refusing (InvalidInputException) definitions that use other keywords while a
// checked mode is in force. Definitions are compared by canonical JSON (object keys sorted, whitespace dropped).
import { randomUUID } from 'node:crypto';
import { ServiceError } from './errors.mjs';
import { encodeToken, decodeToken } from './glue.mjs';
import { isCompatible, validateDefinition } from './registry-compat.mjs';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const DEFAULT_REGISTRY = 'default-registry';
const MODES = new Set(['NONE', 'DISABLED', 'BACKWARD', 'BACKWARD_ALL', 'FORWARD', 'FORWARD_ALL', 'FULL', 'FULL_ALL']);
const MAX_METADATA = 10;
const OPERATIONS = new Set(['CreateRegistry', 'GetRegistry', 'ListRegistries', 'CreateSchema', 'GetSchema', 'ListSchemas',
  'UpdateSchema', 'RegisterSchemaVersion', 'GetSchemaVersion', 'GetSchemaByDefinition', 'ListSchemaVersions',
  'PutSchemaVersionMetadata', 'QuerySchemaVersionMetadata', 'RemoveSchemaVersionMetadata', 'DeleteSchemaVersions']);

const iso = () => new Date().toISOString();
const checked = (mode) => mode !== 'NONE' && mode !== 'DISABLED';

export class SchemaRegistry {
  constructor() {
    this.reset();
  }

  // Forgets every registry (POST /__registry/reset), so a test starts from an empty store.
  reset() {
    this.registries = new Map();
    this.versionsById = new Map();
    this.sequence = 0;
    return {};
  }

  supports(operation) {
    return OPERATIONS.has(operation);
  }

  handle(operation, body) {
    return this[`op${operation}`](body);
  }

  opCreateRegistry({ RegistryName, Description, Tags }) {
    if (this.registries.has(RegistryName)) throw new ServiceError('AlreadyExistsException', `Registry ${RegistryName} already exists.`);
    const registry = this.addRegistry(RegistryName, Description);
    const out = { RegistryArn: registry.arn, RegistryName };
    if (Description !== undefined) out.Description = Description;
    if (Tags) out.Tags = Tags;
    return out;
  }

  opGetRegistry({ RegistryId }) {
    const r = this.registry(RegistryId);
    return { RegistryName: r.name, RegistryArn: r.arn, Description: r.description ?? '', Status: 'AVAILABLE', CreatedTime: r.created, UpdatedTime: r.updated };
  }

  opListRegistries() {
    return { Registries: [...this.registries.values()].map((r) => ({ RegistryName: r.name, RegistryArn: r.arn, Status: 'AVAILABLE', CreatedTime: r.created, UpdatedTime: r.updated })) };
  }

  opCreateSchema({ RegistryId, SchemaName, DataFormat, Compatibility = 'BACKWARD', Description, SchemaDefinition }) {
    checkMode(Compatibility);
    if (SchemaDefinition !== undefined) validateDefinition(DataFormat, SchemaDefinition, checked(Compatibility));
    const registry = RegistryId ? this.registry(RegistryId) : (this.registries.get(DEFAULT_REGISTRY) ?? this.addRegistry(DEFAULT_REGISTRY));
    if (registry.schemas.has(SchemaName)) throw new ServiceError('AlreadyExistsException', `Schema ${SchemaName} already exists.`);
    const time = iso();
    const schema = { name: SchemaName, registry, arn: `arn:aws:glue:${REGION}:${ACCOUNT}:schema/${registry.name}/${SchemaName}`,
      dataFormat: DataFormat, compatibility: Compatibility, description: Description, checkpoint: 1, versions: [], created: time, updated: time };
    registry.schemas.set(SchemaName, schema);
    const out = { RegistryName: registry.name, RegistryArn: registry.arn, SchemaName, SchemaArn: schema.arn, DataFormat, Compatibility,
      SchemaCheckpoint: 1, LatestSchemaVersion: 0, NextSchemaVersion: 1, SchemaStatus: 'AVAILABLE' };
    if (Description !== undefined) out.Description = Description;
    if (SchemaDefinition !== undefined) {
      const version = this.addVersion(schema, SchemaDefinition, 'AVAILABLE');
      Object.assign(out, { LatestSchemaVersion: 1, NextSchemaVersion: 2, SchemaVersionId: version.id, SchemaVersionStatus: 'AVAILABLE' });
    }
    return out;
  }

  opGetSchema({ SchemaId }) {
    const s = this.schema(SchemaId);
    return { RegistryName: s.registry.name, RegistryArn: s.registry.arn, SchemaName: s.name, SchemaArn: s.arn, Description: s.description ?? '',
      DataFormat: s.dataFormat, Compatibility: s.compatibility, SchemaCheckpoint: s.checkpoint, LatestSchemaVersion: s.versions.length,
      NextSchemaVersion: s.versions.length + 1, SchemaStatus: 'AVAILABLE', CreatedTime: s.created, UpdatedTime: s.updated };
  }

  opListSchemas({ RegistryId, MaxResults, NextToken }) {
    const registries = RegistryId ? [this.registry(RegistryId)] : [...this.registries.values()];
    const all = registries.flatMap((r) => [...r.schemas.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((s) => ({ RegistryName: r.name, SchemaName: s.name, SchemaArn: s.arn, SchemaStatus: 'AVAILABLE', CreatedTime: s.created, UpdatedTime: s.updated })));
    return page(all, 'Schemas', MaxResults, NextToken);
  }

  opUpdateSchema({ SchemaId, SchemaVersionNumber, Compatibility, Description }) {
    const s = this.schema(SchemaId);
    if (Compatibility === undefined && SchemaVersionNumber === undefined && Description === undefined) {
      throw new InvalidInput('Nothing to update: give Compatibility with SchemaVersionNumber, SchemaVersionNumber, or Description.');
    }
    let checkpoint = s.checkpoint;
    if (Compatibility !== undefined) {
      checkMode(Compatibility);
      if (!SchemaVersionNumber) throw new InvalidInput('SchemaVersionNumber is required when changing Compatibility.');
      if (checked(Compatibility)) {
        for (const v of this.live(s)) validateDefinition(s.dataFormat, v.definition, true);
      }
    }
    if (SchemaVersionNumber) {
      const v = this.version(s, SchemaVersionNumber);
      if (v.status !== 'AVAILABLE') throw new InvalidInput(`Version ${v.number} is not AVAILABLE and cannot be the checkpoint.`);
      checkpoint = v.number;
    }
    s.checkpoint = checkpoint;
    if (Compatibility !== undefined) s.compatibility = Compatibility;
    if (Description !== undefined) s.description = Description;
    s.updated = iso();
    return { SchemaArn: s.arn, SchemaName: s.name, RegistryName: s.registry.name };
  }

  opRegisterSchemaVersion({ SchemaId, SchemaDefinition }) {
    const s = this.schema(SchemaId);
    validateDefinition(s.dataFormat, SchemaDefinition, checked(s.compatibility));
    const key = canonical(SchemaDefinition);
    const existing = this.live(s).findLast((v) => v.canonical === key);
    if (existing) return { SchemaVersionId: existing.id, VersionNumber: existing.number, Status: statusOf(existing) };
    const history = this.live(s);
    if (s.compatibility === 'DISABLED' && history.length > 0) {
      throw new InvalidInput(`Compatibility DISABLED does not allow versioning. SchemaId: SchemaId(schemaArn=null, schemaName=${s.name}, registryName=${s.registry.name})`);
    }
    const ok = isCompatible(s.dataFormat, s.compatibility, s.checkpoint, SchemaDefinition, history);
    const verdict = ok ? 'AVAILABLE' : 'FAILURE';
    const v = this.addVersion(s, SchemaDefinition, verdict);
    if (checked(s.compatibility) && history.length > 0) v.pendingReads = 1;
    return { SchemaVersionId: v.id, VersionNumber: v.number, Status: statusOf(v) };
  }

  opGetSchemaVersion({ SchemaId, SchemaVersionId, SchemaVersionNumber }) {
    let v;
    if (SchemaVersionId) {
      v = this.versionsById.get(SchemaVersionId);
      if (!v) throw new ServiceError('EntityNotFoundException', 'Schema version is not found.');
    } else {
      if (!SchemaId || !SchemaVersionNumber) throw new InvalidInput('SchemaVersionId, or SchemaId and SchemaVersionNumber, are required.');
      v = this.version(this.schema(SchemaId), SchemaVersionNumber);
    }
    const status = statusOf(v);
    if (v.pendingReads > 0) v.pendingReads -= 1;
    return { SchemaVersionId: v.id, SchemaDefinition: v.definition, DataFormat: v.schema.dataFormat, SchemaArn: v.schema.arn,
      VersionNumber: v.number, Status: status, CreatedTime: v.created };
  }

  opGetSchemaByDefinition({ SchemaId, SchemaDefinition }) {
    const s = this.schema(SchemaId);
    const key = canonical(SchemaDefinition);
    const matches = s.versions.filter((x) => !x.deleted && x.canonical === key);
    const v = matches.findLast((x) => statusOf(x) === 'AVAILABLE') ?? matches.at(-1);
    if (!v) throw new ServiceError('EntityNotFoundException', 'Schema version is not found.');
    return { SchemaVersionId: v.id, SchemaArn: s.arn, DataFormat: s.dataFormat, Status: statusOf(v), CreatedTime: v.created };
  }

  opListSchemaVersions({ SchemaId, MaxResults, NextToken }) {
    const s = this.schema(SchemaId);
    const all = s.versions.filter((v) => !v.deleted).reverse()
      .map((v) => ({ SchemaArn: s.arn, SchemaVersionId: v.id, VersionNumber: v.number, Status: statusOf(v), CreatedTime: v.created }));
    return page(all, 'Schemas', MaxResults, NextToken);
  }

  opPutSchemaVersionMetadata({ SchemaId, SchemaVersionNumber, SchemaVersionId, MetadataKeyValue }) {
    const v = this.target(SchemaId, SchemaVersionNumber, SchemaVersionId);
    const { MetadataKey: key, MetadataValue: value } = MetadataKeyValue;
    if (v.metadata.some((m) => m.key === key && m.value === value)) {
      throw new ServiceError('AlreadyExistsException', `Metadata ${key}=${value} already exists on version ${v.number}.`);
    }
    if (v.metadata.length >= MAX_METADATA) {
      throw new ServiceError('ResourceNumberLimitExceededException', `Version ${v.number} already has ${MAX_METADATA} metadata pairs.`);
    }
    this.sequence += 1;
    v.metadata.push({ key, value, created: iso(), sequence: this.sequence });
    return this.metadataOutput(v, key, value);
  }

  opQuerySchemaVersionMetadata({ SchemaId, SchemaVersionNumber, SchemaVersionId, MetadataList, MaxResults, NextToken }) {
    const v = this.target(SchemaId, SchemaVersionNumber, SchemaVersionId);
    const wanted = MetadataList ?? [];
    const pairs = v.metadata.filter((m) => wanted.length === 0 || wanted.some((w) => w.MetadataKey === m.key && w.MetadataValue === m.value));
    const keys = [...new Set(pairs.map((m) => m.key))].sort();
    const start = NextToken ? decodeToken(NextToken) : 0;
    const size = MaxResults ?? 50;
    const map = {};
    for (const key of keys.slice(start, start + size)) {
      const newest = pairs.filter((m) => m.key === key).sort((a, b) => b.sequence - a.sequence);
      map[key] = { MetadataValue: newest[0].value, CreatedTime: newest[0].created,
        OtherMetadataValueList: newest.slice(1).map((m) => ({ MetadataValue: m.value, CreatedTime: m.created })) };
    }
    const out = { MetadataInfoMap: map, SchemaVersionId: v.id };
    if (start + size < keys.length) out.NextToken = encodeToken(start + size);
    return out;
  }

  opRemoveSchemaVersionMetadata({ SchemaId, SchemaVersionNumber, SchemaVersionId, MetadataKeyValue }) {
    const v = this.target(SchemaId, SchemaVersionNumber, SchemaVersionId);
    const { MetadataKey: key, MetadataValue: value } = MetadataKeyValue;
    const index = v.metadata.findIndex((m) => m.key === key && m.value === value);
    if (index < 0) throw new ServiceError('EntityNotFoundException', `Metadata ${key}=${value} is not found on version ${v.number}.`);
    v.metadata.splice(index, 1);
    return this.metadataOutput(v, key, value);
  }

  opDeleteSchemaVersions({ SchemaId, Versions }) {
    const s = this.schema(SchemaId);
    const match = /^([1-9][0-9]*)(?:-([1-9][0-9]*))?$/.exec(Versions);
    if (!match) throw new InvalidInput(`Versions '${Versions}' must be a number or a range such as 5-8.`);
    const first = Number(match[1]);
    const last = Number(match[2] ?? match[1]);
    if (last < first) throw new InvalidInput(`Versions '${Versions}': the range ends before it starts.`);
    const errors = [];
    const fail = (n, code, message) => errors.push({ VersionNumber: n, ErrorDetails: { ErrorCode: code, ErrorMessage: message } });
    for (let n = first; n <= last; n += 1) {
      const v = s.versions[n - 1];
      if (!v || v.deleted) fail(n, 'EntityNotFoundException', `Version ${n} is not found.`);
      else if (n === 1) fail(n, 'InvalidInputException', 'The first version of a schema cannot be deleted.');
      else if (n === s.checkpoint) fail(n, 'ConflictException', `Version ${n} is the checkpoint; move the checkpoint first.`);
      else {
        v.deleted = true;
        this.versionsById.delete(v.id);
      }
    }
    return { SchemaArn: s.arn, SchemaVersionErrors: errors };
  }

  addRegistry(name, description) {
    const time = iso();
    const registry = { name, arn: `arn:aws:glue:${REGION}:${ACCOUNT}:registry/${name}`, description, schemas: new Map(), created: time, updated: time };
    this.registries.set(name, registry);
    return registry;
  }

  addVersion(schema, definition, status) {
    const v = { id: randomUUID(), number: schema.versions.length + 1, definition, canonical: canonical(definition), schema, status,
      pendingReads: 0, metadata: [], created: iso() };
    schema.versions.push(v);
    this.versionsById.set(v.id, v);
    schema.updated = v.created;
    return v;
  }

  // The versions a new one is compared with: not deleted, AVAILABLE (a pending verdict counts as decided).
  live(schema) {
    return schema.versions.filter((v) => !v.deleted && v.status === 'AVAILABLE');
  }

  metadataOutput(v, key, value) {
    return { SchemaArn: v.schema.arn, SchemaName: v.schema.name, RegistryName: v.schema.registry.name,
      LatestVersion: v.number === v.schema.versions.length, VersionNumber: v.number, SchemaVersionId: v.id, MetadataKey: key, MetadataValue: value };
  }

  target(schemaId, number, id) {
    if (id) {
      const v = this.versionsById.get(id);
      if (!v) throw new ServiceError('EntityNotFoundException', 'Schema version is not found.');
      return v;
    }
    if (!schemaId || !number) throw new InvalidInput('SchemaVersionId, or SchemaId and SchemaVersionNumber, are required.');
    return this.version(this.schema(schemaId), number);
  }

  registry(id) {
    const name = id.RegistryName ?? /registry\/(.+)$/.exec(id.RegistryArn ?? '')?.[1];
    const r = name && this.registries.get(name);
    if (!r) throw new ServiceError('EntityNotFoundException', `Registry is not found. RegistryName: ${name ?? ''}`);
    return r;
  }

  schema(id) {
    let registryName = id.RegistryName ?? DEFAULT_REGISTRY;
    let schemaName = id.SchemaName;
    if (id.SchemaArn) [, registryName, schemaName] = /schema\/([^/]+)\/(.+)$/.exec(id.SchemaArn) ?? [];
    const s = this.registries.get(registryName)?.schemas.get(schemaName);
    if (!s) throw new ServiceError('EntityNotFoundException', `Schema is not found. RegistryName: ${registryName}, SchemaName: ${schemaName ?? ''}`);
    return s;
  }

  // A version by number, or the newest AVAILABLE one for { LatestVersion: true }.
  version(schema, number) {
    const v = number.LatestVersion
      ? schema.versions.findLast((x) => !x.deleted && statusOf(x) === 'AVAILABLE')
      : schema.versions[number.VersionNumber - 1];
    if (!v || v.deleted) throw new ServiceError('EntityNotFoundException', 'Schema version is not found.');
    return v;
  }
}

class InvalidInput extends ServiceError {
  constructor(message) {
    super('InvalidInputException', message);
  }
}

function statusOf(v) {
  return v.pendingReads > 0 ? 'PENDING' : v.status;
}

function checkMode(mode) {
  if (!MODES.has(mode)) throw new InvalidInput(`Unknown compatibility mode ${mode}.`);
}

function page(all, member, maxResults, nextToken) {
  const start = nextToken ? decodeToken(nextToken) : 0;
  const size = maxResults ?? 100;
  const out = { [member]: all.slice(start, start + size) };
  if (start + size < all.length) out.NextToken = encodeToken(start + size);
  return out;
}

function canonical(definition) {
  try {
    return JSON.stringify(sortKeys(JSON.parse(definition)));
  } catch {
    return definition;
  }
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k])]));
}
