// Starts one emulator from tests/node_modules on a loopback port and keeps it running.
// Usage: node serve.cjs kinesis|dynamodb|s3 --port N --dir DIR [--stream NAME:SHARDS ...] [--bucket NAME ...]
// NODE_PATH must point at tests/node_modules (start.sh sets it). Writes the port it listens on to
// DIR/<service>.port once it accepts connections (so --port 0 picks a free port).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const http = require('node:http');
const { parseArgs } = require('node:util');

const service = process.argv[2];
const { values } = parseArgs({
  args: process.argv.slice(3),
  options: {
    port: { type: 'string', default: '0' },
    dir: { type: 'string' },
    stream: { type: 'string', multiple: true, default: [] },
    bucket: { type: 'string', multiple: true, default: [] },
  },
});
if (!values.dir) {
  process.stderr.write('--dir is required\n');
  process.exit(2);
}

const host = '127.0.0.1';
const port = Number(values.port);
const storeDir = path.join(values.dir, service);
fs.mkdirSync(storeDir, { recursive: true });

function ready(actualPort) {
  fs.writeFileSync(path.join(values.dir, `${service}.port`), String(actualPort));
  process.stdout.write(`${service} listening on http://${host}:${actualPort}\n`);
}

// One unsigned-but-authorized JSON 1.1 call against the local Kinesis emulator (it checks only that the
// Authorization header is present).
function kinesisCall(actualPort, target, body) {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const request = http.request({
      host, port: actualPort, method: 'POST', path: '/',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': `Kinesis_20131202.${target}`,
        'Authorization': 'AWS4-HMAC-SHA256 Credential=local/20200101/us-east-1/kinesis/aws4_request, SignedHeaders=host, Signature=0',
        'X-Amz-Date': '20200101T000000Z',
        'Content-Length': Buffer.byteLength(payload),
      },
    }, (response) => {
      let text = '';
      response.on('data', (chunk) => { text += chunk; });
      response.on('end', () => (response.statusCode === 200 || text.includes('ResourceInUseException')
        ? resolve(text)
        : reject(new Error(`${target} failed: ${response.statusCode} ${text}`))));
    });
    request.on('error', reject);
    request.end(payload);
  });
}

async function main() {
  let close;
  if (service === 'kinesis') {
    const server = require('kinesalite')({ path: storeDir, createStreamMs: 0, deleteStreamMs: 0, updateStreamMs: 0, shardLimit: 100 });
    await new Promise((resolve, reject) => server.listen(port, host, resolve).on('error', reject));
    const actualPort = server.address().port;
    for (const spec of values.stream) {
      const [name, shards] = spec.split(':');
      await kinesisCall(actualPort, 'CreateStream', { StreamName: name, ShardCount: Number(shards || '1') });
    }
    ready(actualPort);
    close = () => new Promise((resolve) => server.close(resolve));
  } else if (service === 'dynamodb') {
    const server = require('dynalite')({ path: storeDir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    await new Promise((resolve, reject) => server.listen(port, host, resolve).on('error', reject));
    ready(server.address().port);
    close = () => new Promise((resolve) => server.close(resolve));
  } else if (service === 's3') {
    const S3rver = require('s3rver');
    const server = new S3rver({
      port, address: host, directory: storeDir, silent: true,
      configureBuckets: values.bucket.map((name) => ({ name })),
    });
    const { port: actualPort } = await server.run();
    ready(actualPort);
    close = () => server.close();
  } else {
    process.stderr.write(`unknown service '${service}': kinesis, dynamodb or s3\n`);
    process.exit(2);
  }

  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.on(signal, () => close().then(() => process.exit(0), () => process.exit(1)));
  }
}

main().catch((error) => {
  process.stderr.write(`${service}: ${error.stack || error}\n`);
  process.exit(1);
});
