// A contract server for the Glue Data Catalog (and a subset of the Glue Schema Registry, see registry.mjs) and Athena (AWS JSON 1.1 over HTTP, X-Amz-Target AWSGlue.<Op> /
// AmazonAthena.<Op>). Every request is validated against the official service model; a violation is answered with
// 400 ValidationException naming the member and is recorded for GET /__violations. Athena queries run with DuckDB
// over the Parquet files of the catalog's tables.
//
// Usage: node server.mjs --port N [--s3rver-dir DIR | --s3-root DIR] [--query-delay-ms N]
//
// Test endpoints (plain HTTP, not AWS):
//   GET  /__violations          recorded violations as a JSON array [{ target, member, message }]
//   POST /__violations/reset    clears them
//   POST /__faults              body { target: "AWSGlue.UpdateTable", errorType, message?, status?, count? }:
//                               the next `count` (default 1) calls of that target fail with that error
//   GET  /__faults              faults not yet used; POST /__faults/reset drops them
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { ServiceError } from './errors.mjs';
import { validateRequest, hasOperation } from './model-validate.mjs';
import { GlueCatalog } from './glue.mjs';
import { SchemaRegistry } from './registry.mjs';
import { AthenaEngine } from './athena.mjs';
import { LocalStorage } from './storage.mjs';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    's3rver-dir': { type: 'string' },
    's3-root': { type: 'string' },
    'query-delay-ms': { type: 'string', default: '0' },
  },
});
if (!args.port) {
  process.stderr.write('--port is required\n');
  process.exit(2);
}

const storage = new LocalStorage({ s3rverDir: args['s3rver-dir'], s3Root: args['s3-root'] });
const glue = new GlueCatalog();
const athena = new AthenaEngine(glue, storage, { queryDelayMs: Number(args['query-delay-ms']) });
const registry = new SchemaRegistry();
const glueService = { handle: (op, body) => (registry.supports(op) ? registry.handle(op, body) : glue.handle(op, body)) };
const services = { AWSGlue: { model: 'Glue', impl: glueService }, AmazonAthena: { model: 'Athena', impl: athena } };
const violations = [];
const faults = new Map();

const server = createServer(async (req, res) => {
  try {
    const body = await readBody(req);
    if (req.url.startsWith('/__')) return testEndpoint(req, res, body);
    if (req.method !== 'POST') throw new ServiceError('UnknownOperationException', `${req.method} is not supported`, 404);
    const target = req.headers['x-amz-target'] ?? '';
    const [prefix, operation] = target.split('.');
    const service = services[prefix];
    if (!service || !operation || !hasOperation(service.model, operation)) {
      violations.push({ target, member: '', message: `unknown X-Amz-Target '${target}'` });
      throw new ServiceError('UnknownOperationException', `Unknown operation ${target}`);
    }
    const contentType = req.headers['content-type'] ?? '';
    if (contentType !== 'application/x-amz-json-1.1') {
      violations.push({ target, member: '', message: `Content-Type must be application/x-amz-json-1.1, got '${contentType}'` });
      throw new ServiceError('SerializationException', 'Content-Type must be application/x-amz-json-1.1');
    }
    if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
      violations.push({ target, member: '', message: 'request is not signed with SigV4' });
      throw new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
    }
    let input;
    try {
      input = body.length ? JSON.parse(body) : {};
    } catch {
      violations.push({ target, member: '', message: 'body is not JSON' });
      throw new ServiceError('SerializationException', 'body is not JSON');
    }
    const problems = validateRequest(service.model, operation, input);
    if (problems.length) {
      for (const p of problems) violations.push({ target, ...p });
      throw new ServiceError('ValidationException', problems.map((p) => (p.message.includes(p.member) ? p.message : `${p.member}: ${p.message}`)).join('; '));
    }
    injectFault(target);
    const output = await service.impl.handle(operation, input);
    send(res, 200, output);
  } catch (err) {
    if (err instanceof ServiceError) {
      send(res, err.status, { __type: err.type, message: err.message }, err.type);
    } else {
      process.stderr.write(`${err.stack ?? err}\n`);
      send(res, 500, { __type: 'InternalServiceException', message: String(err.message ?? err) }, 'InternalServiceException');
    }
  }
});

function testEndpoint(req, res, body) {
  if (req.method === 'GET' && req.url === '/__violations') return send(res, 200, violations);
  if (req.method === 'POST' && req.url === '/__violations/reset') {
    violations.length = 0;
    return send(res, 200, {});
  }
  if (req.method === 'POST' && req.url === '/__registry/reset') return send(res, 200, registry.reset());
  if (req.method === 'GET' && req.url === '/__faults') {
    return send(res, 200, [...faults.entries()].flatMap(([target, list]) => list.map((f) => ({ target, errorType: f.type, remaining: f.remaining }))));
  }
  if (req.method === 'POST' && req.url === '/__faults/reset') {
    faults.clear();
    return send(res, 200, {});
  }
  if (req.method === 'POST' && req.url === '/__faults') {
    const f = JSON.parse(body);
    const list = faults.get(f.target) ?? [];
    list.push({ type: f.errorType, message: f.message ?? 'injected fault', status: f.status ?? 400, remaining: f.count ?? 1 });
    faults.set(f.target, list);
    return send(res, 200, {});
  }
  return send(res, 404, { message: 'unknown test endpoint' });
}

function injectFault(target) {
  const list = faults.get(target);
  if (!list || list.length === 0) return;
  const fault = list[0];
  fault.remaining -= 1;
  if (fault.remaining <= 0) list.shift();
  throw new ServiceError(fault.type, fault.message, fault.status);
}

function send(res, status, payload, errorType) {
  const text = JSON.stringify(payload);
  const headers = { 'Content-Type': 'application/x-amz-json-1.1', 'Content-Length': Buffer.byteLength(text), 'x-amzn-RequestId': cryptoId() };
  if (errorType) headers['X-Amzn-ErrorType'] = errorType;
  res.writeHead(status, headers);
  res.end(text);
}

let counter = 0;
function cryptoId() {
  counter += 1;
  return `contract-${process.pid}-${counter}`;
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

server.listen(Number(args.port), args.host, () => {
  process.stdout.write(`contract server listening on http://${args.host}:${args.port}\n`);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close(() => process.exit(0)));
