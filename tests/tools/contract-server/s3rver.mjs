// Starts s3rver (an S3 API server over a local folder) for tests, with buckets created up front.
// Usage: node s3rver.mjs --port N --directory DIR [--bucket NAME ...]
// Objects land in DIR/<bucket>/<key>._S3rver_object; server.mjs --s3rver-dir DIR reads them from there.
import { parseArgs } from 'node:util';
import S3rver from 's3rver';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    directory: { type: 'string' },
    bucket: { type: 'string', multiple: true, default: [] },
  },
});
if (!values.port || !values.directory) {
  process.stderr.write('--port and --directory are required\n');
  process.exit(2);
}

const server = new S3rver({
  port: Number(values.port),
  address: values.host,
  directory: values.directory,
  silent: true,
  configureBuckets: values.bucket.map((name) => ({ name })),
});
await server.run();
process.stdout.write(`s3rver listening on http://${values.host}:${values.port}\n`);
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => server.close().then(() => process.exit(0)));
