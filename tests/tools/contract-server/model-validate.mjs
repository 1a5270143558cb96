// Validates an AWS JSON 1.1 request body against an operation's input shape in the official service models shipped
// with aws-sdk v2 (tests/node_modules/aws-sdk/apis/*.min.json). The model checks (required and unknown members,
// JSON types, recursively) come from tests/tools/aws-model-validate.mjs. The shipped .min.json models omit length,
// range, pattern and enum constraints, so the constraints the services document for the members this project
// sends are listed below (CONSTRAINTS) and checked here, walking the body along the model's shapes.
import { createRequire } from 'node:module';
import { validateRequest as validateAgainstModel } from '../aws-model-validate.mjs';

const require = createRequire(import.meta.url);

// Glue "single line string" pattern and Athena identifiers, as the service documentation gives them.
const SINGLE_LINE = /^[\u0020-\uD7FF\uE000-\uFFFD\uD800-\uDBFF\uDC00-\uDFFF\t]*$/u;
const WORKGROUP = /^[a-zA-Z0-9._-]{1,128}$/;
const QUERY_ID = /^[a-zA-Z_0-9-]{1,128}$/;

// Each entry: a regular expression over the normalised member path ("TableInput.StorageDescriptor.Columns[].Name",
// "Parameters{key}" for map keys, "Parameters{}" for map values) and the constraint for values at that path.
const CONSTRAINTS = {
  Glue: [
    { path: /(^|\.)(Name|DatabaseName|TableName|CatalogId|SchemaName|RegistryName)$/, min: 1, max: 255, pattern: SINGLE_LINE },
    { path: /(^|\.)Values\[\]$/, max: 1024 },
    { path: /(^|\.)Location$/, max: 2056, pattern: SINGLE_LINE },
    { path: /(^|\.)(InputFormat|OutputFormat)$/, max: 128, pattern: SINGLE_LINE },
    { path: /(^|\.)SerializationLibrary$/, min: 1, max: 255, pattern: SINGLE_LINE },
    { path: /(^|\.)Columns\[\]\.Type$|(^|\.)PartitionKeys\[\]\.Type$/, max: 131072, pattern: SINGLE_LINE },
    { path: /(^|\.)Comment$/, max: 255, pattern: SINGLE_LINE },
    { path: /(^|\.)TableType$/, max: 255 },
    { path: /(^|\.)Parameters\{key\}$/, min: 1, max: 255, pattern: SINGLE_LINE },
    { path: /(^|\.)Parameters\{\}$/, max: 512000 },
    { path: /^VersionId$/, min: 1, max: 255, pattern: SINGLE_LINE },
    { path: /^Expression$/, max: 2048, pattern: SINGLE_LINE },
    { op: 'GetPartitions', path: /^MaxResults$/, minValue: 1, maxValue: 1000 },
    { op: 'ListSchemaVersions', path: /^MaxResults$/, minValue: 1, maxValue: 100 },
    { path: /^DataFormat$/, enum: ['AVRO', 'JSON', 'PROTOBUF'] },
    { path: /^Compatibility$/, enum: ['NONE', 'DISABLED', 'BACKWARD', 'BACKWARD_ALL', 'FORWARD', 'FORWARD_ALL', 'FULL', 'FULL_ALL'] },
    { path: /^SchemaDefinition$/, min: 1, max: 170000 },
    { path: /(^|\.)(RegistryName|SchemaName)$/, pattern: /^[a-zA-Z0-9-_$#.]+$/ },
    { path: /^SchemaVersionNumber\.VersionNumber$/, minValue: 1, maxValue: 100000 },
    { path: /^PartitionInputList$/, maxItems: 100 },
    { path: /^Entries$/, minItems: 1, maxItems: 100 },
    { path: /^Entries\[\]\.PartitionValueList$/, maxItems: 100 },
    { path: /(^|\.)SchemaVersionId$/, min: 36, max: 36, pattern: /^[a-z0-9]{8}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{12}$/ },
  ],
  Athena: [
    { path: /^QueryString$/, min: 1, max: 262144 },
    { path: /^ClientRequestToken$/, min: 32, max: 128 },
    { path: /^QueryExecutionId$/, pattern: QUERY_ID },
    { path: /^QueryExecutionContext\.Database$/, min: 1, max: 255 },
    { path: /^QueryExecutionContext\.Catalog$/, min: 1, max: 256, pattern: SINGLE_LINE },
    { path: /^WorkGroup$/, pattern: WORKGROUP },
    { path: /^MaxResults$/, minValue: 1, maxValue: 1000 },
    { path: /^NextToken$/, min: 1, max: 1024 },
    { path: /^ResultConfiguration\.OutputLocation$/, max: 1024 },
    { path: /^ResultConfiguration\.EncryptionConfiguration\.EncryptionOption$/, enum: ['SSE_S3', 'SSE_KMS', 'CSE_KMS'] },
  ],
};

const MODEL_FILES = {
  Glue: 'aws-sdk/apis/glue-2017-03-31.min.json',
  Athena: 'aws-sdk/apis/athena-2017-05-18.min.json',
};

const models = new Map();

export function loadModel(service) {
  if (!models.has(service)) {
    const file = MODEL_FILES[service];
    if (!file) throw new Error(`no model for ${service}`);
    models.set(service, require(file));
  }
  return models.get(service);
}

/** Returns true when the model has the operation. */
export function hasOperation(service, operation) {
  return Object.hasOwn(loadModel(service).operations, operation);
}

/**
 * Validates `body` as the input of `operation`. Returns a list of violations {member, message}; empty when valid.
 */
export function validateRequest(service, operation, body) {
  const model = loadModel(service);
  const op = model.operations[operation];
  if (!op) return [{ member: '', message: `unknown operation ${operation}` }];
  const violations = validateAgainstModel(model, operation, body).map((e) => ({ member: e.path || '(input)', message: e.message }));
  // Structural findings of the walk below duplicate the model checks above; only its constraint findings are kept.
  const walk = [];
  const constraints = [];
  const input = op.input ?? { type: 'structure', members: {} };
  const applicable = (CONSTRAINTS[service] ?? []).filter((c) => !c.op || c.op === operation);
  check(model, applicable, input, body ?? {}, '', walk, constraints);
  return [...violations, ...constraints];
}

function resolve(model, ref) {
  if (ref && ref.shape) {
    const shape = model.shapes[ref.shape];
    if (!shape) throw new Error(`unknown shape ${ref.shape}`);
    return shape;
  }
  return ref ?? {};
}

function check(model, constraints, ref, value, path, out, cout) {
  const shape = resolve(model, ref);
  const type = shape.type ?? 'string';
  const where = path || '(input)';
  if (value === null || value === undefined) {
    out.push({ member: where, message: `${where} must not be null` });
    return;
  }
  switch (type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        out.push({ member: where, message: `${where} must be an object` });
        return;
      }
      const members = shape.members ?? {};
      for (const name of shape.required ?? []) {
        if (!(name in value)) out.push({ member: join(path, name), message: `${join(path, name)} is required` });
      }
      for (const [name, v] of Object.entries(value)) {
        if (!Object.hasOwn(members, name)) {
          out.push({ member: join(path, name), message: `${join(path, name)} is not a member of the input shape` });
          continue;
        }
        check(model, constraints, members[name], v, join(path, name), out, cout);
      }
      break;
    }
    case 'list': {
      if (!Array.isArray(value)) {
        out.push({ member: where, message: `${where} must be a list` });
        return;
      }
      value.forEach((item, i) => check(model, constraints, shape.member, item, `${path}[${i}]`, out, cout));
      break;
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) {
        out.push({ member: where, message: `${where} must be a map` });
        return;
      }
      for (const [k, v] of Object.entries(value)) {
        constrain(constraints, `${path}{key}`, k, `${path} key '${k}'`, cout);
        check(model, constraints, shape.value, v, `${path}{${k}}`, out, cout);
      }
      break;
    }
    case 'string':
    case 'blob':
      if (typeof value !== 'string') out.push({ member: where, message: `${where} must be a string` });
      else if (shape.enum && !shape.enum.includes(value)) out.push({ member: where, message: `${where} must be one of ${shape.enum.join(', ')}` });
      break;
    case 'integer':
    case 'long':
      if (!Number.isInteger(value)) out.push({ member: where, message: `${where} must be an integer` });
      break;
    case 'float':
    case 'double':
      if (typeof value !== 'number') out.push({ member: where, message: `${where} must be a number` });
      break;
    case 'boolean':
      if (typeof value !== 'boolean') out.push({ member: where, message: `${where} must be a boolean` });
      break;
    case 'timestamp':
      if (typeof value !== 'number') out.push({ member: where, message: `${where} must be epoch seconds (a number)` });
      break;
    default:
      out.push({ member: where, message: `${where} has unsupported shape type ${type}` });
  }
  constrain(constraints, path, value, where, cout);
}

// Applies the documented constraints to a value at a path; list indexes and map keys are normalised away.
function constrain(constraints, path, value, where, out) {
  const normal = path.replace(/\[\d+\]/g, '[]').replace(/\{(?!key\})[^}]*\}/g, '{}');
  for (const c of constraints) {
    if (!c.path.test(normal)) continue;
    if (typeof value === 'string') {
      const length = [...value].length;
      if (c.min !== undefined && length < c.min) out.push({ member: where, message: `${where} must have length >= ${c.min}` });
      if (c.max !== undefined && length > c.max) out.push({ member: where, message: `${where} must have length <= ${c.max}` });
      if (c.pattern && !c.pattern.test(value)) out.push({ member: where, message: `${where} must match ${c.pattern}` });
      if (c.enum && !c.enum.includes(value)) out.push({ member: where, message: `${where} must be one of ${c.enum.join(', ')}` });
    } else if (typeof value === 'number') {
      if (c.minValue !== undefined && value < c.minValue) out.push({ member: where, message: `${where} must be >= ${c.minValue}` });
      if (c.maxValue !== undefined && value > c.maxValue) out.push({ member: where, message: `${where} must be <= ${c.maxValue}` });
    } else if (Array.isArray(value)) {
      if (c.minItems !== undefined && value.length < c.minItems) out.push({ member: where, message: `${where} must have at least ${c.minItems} items` });
      if (c.maxItems !== undefined && value.length > c.maxItems) out.push({ member: where, message: `${where} must have at most ${c.maxItems} items` });
    }
  }
}

function join(path, name) {
  return path ? `${path}.${name}` : name;
}
