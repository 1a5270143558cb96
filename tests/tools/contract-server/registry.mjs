// In-memory Glue Schema Registry: registries, schemas and their versions. Compatibility modes NONE and DISABLED are
// enforced; the others need a schema-compatibility engine this server does not have, so CreateSchema and UpdateSchema
// refuse them with InvalidInputException rather than accept versions unchecked.
import { randomUUID } from 'node:crypto';
import { ServiceError } from './errors.mjs';
import { encodeToken, decodeToken } from './glue.mjs';

const ACCOUNT = '000000000000';
const REGION = 'us-east-1';
const DEFAULT_REGISTRY = 'default-registry';
const EVALUATED = new Set(['NONE', 'DISABLED']);
const OPERATIONS = new Set(['CreateRegistry', 'GetRegistry', 'ListRegistries', 'CreateSchema', 'GetSchema', 'ListSchemas',
  'UpdateSchema', 'RegisterSchemaVersion', 'GetSchemaVersion', 'GetSchemaByDefinition', 'ListSchemaVersions']);

const iso = () => new Date().toISOString();

export class SchemaRegistry {
  constructor() {
    this.registries = new Map();
    this.versionsById = new Map();
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
    const registry = RegistryId ? this.registry(RegistryId) : (this.registries.get(DEFAULT_REGISTRY) ?? this.addRegistry(DEFAULT_REGISTRY));
    if (registry.schemas.has(SchemaName)) throw new ServiceError('AlreadyExistsException', `Schema ${SchemaName} already exists.`);
    checkCompatibility(Compatibility);
    const time = iso();
    const schema = { name: SchemaName, registry, arn: `arn:aws:glue:${REGION}:${ACCOUNT}:schema/${registry.name}/${SchemaName}`,
      dataFormat: DataFormat, compatibility: Compatibility, description: Description, checkpoint: 1, versions: [], created: time, updated: time };
    registry.schemas.set(SchemaName, schema);
    const out = { RegistryName: registry.name, RegistryArn: registry.arn, SchemaName, SchemaArn: schema.arn, DataFormat, Compatibility,
      SchemaCheckpoint: 1, LatestSchemaVersion: 0, NextSchemaVersion: 1, SchemaStatus: 'AVAILABLE' };
    if (Description !== undefined) out.Description = Description;
    if (SchemaDefinition !== undefined) {
      const version = this.addVersion(schema, SchemaDefinition);
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

  opListSchemas({ RegistryId }) {
    const registries = RegistryId ? [this.registry(RegistryId)] : [...this.registries.values()];
    return { Schemas: registries.flatMap((r) => [...r.schemas.values()].map((s) => ({ RegistryName: r.name, SchemaName: s.name,
      SchemaArn: s.arn, SchemaStatus: 'AVAILABLE', CreatedTime: s.created, UpdatedTime: s.updated }))) };
  }

  opUpdateSchema({ SchemaId, SchemaVersionNumber, Compatibility, Description }) {
    const s = this.schema(SchemaId);
    if (Compatibility !== undefined) {
      checkCompatibility(Compatibility);
      if (!SchemaVersionNumber) throw new InvalidInput('SchemaVersionNumber is required when changing Compatibility.');
      s.compatibility = Compatibility;
    }
    if (SchemaVersionNumber) s.checkpoint = this.version(s, SchemaVersionNumber).number;
    if (Description !== undefined) s.description = Description;
    s.updated = iso();
    return { SchemaArn: s.arn, SchemaName: s.name, RegistryName: s.registry.name };
  }

  opRegisterSchemaVersion({ SchemaId, SchemaDefinition }) {
    const s = this.schema(SchemaId);
    const existing = s.versions.find((v) => v.definition === SchemaDefinition);
    if (existing) return { SchemaVersionId: existing.id, VersionNumber: existing.number, Status: 'AVAILABLE' };
    if (s.compatibility === 'DISABLED') throw new InvalidInput(`Schema ${s.name} has compatibility DISABLED: new versions are not allowed.`);
    const v = this.addVersion(s, SchemaDefinition);
    return { SchemaVersionId: v.id, VersionNumber: v.number, Status: 'AVAILABLE' };
  }

  opGetSchemaVersion({ SchemaId, SchemaVersionId, SchemaVersionNumber }) {
    let v;
    if (SchemaVersionId) {
      v = this.versionsById.get(SchemaVersionId);
      if (!v) throw new ServiceError('EntityNotFoundException', `Schema version ${SchemaVersionId} not found.`);
    } else {
      if (!SchemaId || !SchemaVersionNumber) throw new InvalidInput('SchemaVersionId, or SchemaId and SchemaVersionNumber, are required.');
      v = this.version(this.schema(SchemaId), SchemaVersionNumber);
    }
    return { SchemaVersionId: v.id, SchemaDefinition: v.definition, DataFormat: v.schema.dataFormat, SchemaArn: v.schema.arn,
      VersionNumber: v.number, Status: 'AVAILABLE', CreatedTime: v.created };
  }

  opGetSchemaByDefinition({ SchemaId, SchemaDefinition }) {
    const s = this.schema(SchemaId);
    const v = s.versions.find((x) => x.definition === SchemaDefinition);
    if (!v) throw new ServiceError('EntityNotFoundException', 'Schema version not found for this definition.');
    return { SchemaVersionId: v.id, SchemaArn: s.arn, DataFormat: s.dataFormat, Status: 'AVAILABLE', CreatedTime: v.created };
  }

  opListSchemaVersions({ SchemaId, MaxResults, NextToken }) {
    const s = this.schema(SchemaId);
    const start = NextToken ? decodeToken(NextToken) : 0;
    const size = MaxResults ?? 100;
    const page = s.versions.slice(start, start + size).map((v) => ({ SchemaArn: s.arn, SchemaVersionId: v.id, VersionNumber: v.number, Status: 'AVAILABLE', CreatedTime: v.created }));
    const out = { Schemas: page };
    if (start + size < s.versions.length) out.NextToken = encodeToken(start + size);
    return out;
  }

  addRegistry(name, description) {
    const time = iso();
    const registry = { name, arn: `arn:aws:glue:${REGION}:${ACCOUNT}:registry/${name}`, description, schemas: new Map(), created: time, updated: time };
    this.registries.set(name, registry);
    return registry;
  }

  addVersion(schema, definition) {
    if (schema.dataFormat !== 'PROTOBUF') {
      try {
        JSON.parse(definition);
      } catch {
        throw new InvalidInput(`Schema definition of ${schema.dataFormat} data format is invalid`);
      }
    }
    const v = { id: randomUUID(), number: schema.versions.length + 1, definition, schema, created: iso() };
    schema.versions.push(v);
    this.versionsById.set(v.id, v);
    schema.updated = v.created;
    return v;
  }

  registry(id) {
    const name = id.RegistryName ?? /registry\/(.+)$/.exec(id.RegistryArn ?? '')?.[1];
    const r = name && this.registries.get(name);
    if (!r) throw new ServiceError('EntityNotFoundException', `Registry ${name ?? ''} not found.`);
    return r;
  }

  schema(id) {
    let registryName = id.RegistryName ?? DEFAULT_REGISTRY;
    let schemaName = id.SchemaName;
    if (id.SchemaArn) [, registryName, schemaName] = /schema\/([^/]+)\/(.+)$/.exec(id.SchemaArn) ?? [];
    const s = this.registries.get(registryName)?.schemas.get(schemaName);
    if (!s) throw new ServiceError('EntityNotFoundException', `Schema ${schemaName ?? ''} not found.`);
    return s;
  }

  version(schema, number) {
    const n = number.LatestVersion ? schema.versions.length : number.VersionNumber;
    const v = schema.versions[n - 1];
    if (!v) throw new ServiceError('EntityNotFoundException', `Schema version ${n} not found.`);
    return v;
  }
}

class InvalidInput extends ServiceError {
  constructor(message) {
    super('InvalidInputException', message);
  }
}

function checkCompatibility(mode) {
  if (!EVALUATED.has(mode)) {
    throw new InvalidInput(`The contract server evaluates compatibility NONE and DISABLED only; ${mode} was requested.`);
  }
}
