// A TCP proxy on loopback that slows the client-to-server direction down to a byte rate per connection, so that
// a real server (s3rver) behaves like a slow or congested object store.
// Usage: node slow-proxy.mjs --port 9001 --target 127.0.0.1:9000 --bytes-per-second 262144
// Prints one JSON line per second to stdout with the bytes forwarded so far.
import net from 'node:net';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const port = Number(arg('port'));
const [targetHost, targetPort] = String(arg('target', '')).split(':');
const rate = Number(arg('bytes-per-second', '262144'));
if (!port || !targetHost || !Number(targetPort) || !(rate > 0)) {
  console.error('usage: slow-proxy.mjs --port P --target host:port --bytes-per-second N');
  process.exit(2);
}

let forwarded = 0;
const server = net.createServer((client) => {
  const upstream = net.connect(Number(targetPort), targetHost);
  let queue = Promise.resolve();
  client.on('data', (chunk) => {
    // Pause the client while this chunk "travels" at the configured rate, then forward it.
    client.pause();
    queue = queue.then(() => new Promise((resolve) => {
      setTimeout(() => {
        forwarded += chunk.length;
        upstream.write(chunk, () => {
          client.resume();
          resolve();
        });
      }, Math.ceil((chunk.length / rate) * 1000));
    }));
  });
  upstream.pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
  client.on('close', () => upstream.end());
  upstream.on('close', () => client.end());
});

server.listen(port, '127.0.0.1');
setInterval(() => console.log(JSON.stringify({ forwarded })), 1000).unref();
process.on('SIGTERM', () => process.exit(0));
