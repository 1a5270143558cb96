// Drives the independent @meinestadt.de/glue-schema-registry serde for interop tests of the GSR wire frame.
// The package normally fetches schema definitions from AWS Glue; here its Glue client is replaced by an in-memory
// registry, so it runs offline. JSON payloads go through the same framing code with a JSON "type" in place of avsc's.
// Usage: node gsr-interop.mjs encode|decode   (JSON request on stdin, JSON response on stdout)
//   encode: {"cases":[{"schemaVersionId":"uuid","kind":"avro"|"json","schema":{...}|null,"value":...,"compress":bool}]}
//           -> [{"frame":"<base64>","payload":"<base64 of the uncompressed datum>"}]
//   decode: {"cases":[{"frame":"<base64>","kind":"avro"|"json","schema":{...}|null}]}
//           -> [{"valid":bool,"headerVersion":3,"compression":0|5,"schemaVersionId":"uuid","value":...}]
import { GlueSchemaRegistry } from '@meinestadt.de/glue-schema-registry';
import avro from 'avsc';
import { readFileSync } from 'node:fs';

const mode = process.argv[2];
const request = JSON.parse(readFileSync(0, 'utf8'));

const jsonType = {
  toBuffer: (value) => Buffer.from(JSON.stringify(value), 'utf8'),
  fromBuffer: (buffer) => JSON.parse(Buffer.from(buffer).toString('utf8')),
  createResolver: () => undefined,
};

const definitions = new Map();
const serde = new GlueSchemaRegistry('interop-registry', { region: 'us-east-1' });
// In-memory stand-in for the Glue client: answers GetSchemaVersion from the definitions map.
serde.gc = {
  send: async (command) => {
    const id = command.input.SchemaVersionId;
    const definition = definitions.get(id);
    if (!definition) throw new Error(`unknown schema version ${id}`);
    return { SchemaVersionId: id, SchemaDefinition: definition, DataFormat: 'AVRO', Status: 'AVAILABLE' };
  },
};

function typeFor(c) {
  return c.kind === 'avro' ? avro.Type.forSchema(c.schema) : jsonType;
}

async function encode(cases) {
  const output = [];
  for (const c of cases) {
    const type = typeFor(c);
    if (c.kind === 'avro') definitions.set(c.schemaVersionId, JSON.stringify(c.schema));
    else serde.avroSchemaCache[c.schemaVersionId] = jsonType;
    const value = c.value;
    const frame = await serde.encode(c.schemaVersionId, value, { compress: c.compress });
    output.push({ frame: frame.toString('base64'), payload: type.toBuffer(value).toString('base64') });
  }
  return output;
}

// Reads the id the way the serde does before it asks the registry, so the stand-in registry can answer for it.
async function peekSchemaVersionId(frame) {
  const probe = new GlueSchemaRegistry('probe', { region: 'us-east-1' });
  let seen = null;
  probe.gc = { send: async (command) => { seen = command.input.SchemaVersionId; throw new Error('probe'); } };
  await probe.analyzeMessage(frame);
  return seen;
}

async function decode(cases) {
  const output = [];
  for (const c of cases) {
    const frame = Buffer.from(c.frame, 'base64');
    const type = typeFor(c);
    const header = { headerVersion: frame.readInt8(0), compression: frame.readInt8(1) };
    // The serde's own header check and schema id reading, then its decode path (inflate and deserialize).
    const schemaVersionId = frame.length >= 18 ? await peekSchemaVersionId(frame) : null;
    definitions.set(schemaVersionId, c.kind === 'avro' ? JSON.stringify(c.schema) : '{}');
    if (c.kind === 'json') serde.avroSchemaCache[schemaVersionId] = jsonType;
    const analysis = await serde.analyzeMessage(frame);
    const value = await serde.decode(frame, type);
    output.push({ valid: analysis.valid, ...header, schemaVersionId: analysis.schemaId ?? null, value: JSON.parse(JSON.stringify(value)) });
  }
  return output;
}

const handlers = { encode: () => encode(request.cases), decode: () => decode(request.cases) };
if (!handlers[mode]) {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
process.stdout.write(JSON.stringify(await handlers[mode]()));
