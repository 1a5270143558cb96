// Maps table and partition locations (s3://bucket/prefix, file:///path) to the data files on this machine:
// either an s3rver directory (objects stored as <dir>/<bucket>/<key>._S3rver_object) or a plain folder
// (<dir>/<bucket>/<key>). Files whose name starts with '_' or '.' are hidden, as in Athena.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const S3RVER_OBJECT = '._S3rver_object';

export class LocalStorage {
  constructor({ s3rverDir, s3Root }) {
    this.s3rverDir = s3rverDir;
    this.s3Root = s3Root;
  }

  /** The data files under a location: [{ key, path, size }], in key order. */
  list(location) {
    const { base, s3rver } = this.resolve(location);
    if (!base || !existsSync(base)) return [];
    const files = [];
    walk(base, '', s3rver, files);
    files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return files;
  }

  resolve(location) {
    if (location.startsWith('file://')) return { base: fileURLToPath(location), s3rver: false };
    const m = /^s3a?:\/\/([^/]+)\/?(.*)$/.exec(location);
    if (!m) return { base: null, s3rver: false };
    const [, bucket, prefix] = m;
    const root = this.s3rverDir ?? this.s3Root;
    if (!root) return { base: null, s3rver: false };
    return { base: join(root, bucket, ...prefix.split('/').filter(Boolean)), s3rver: Boolean(this.s3rverDir) };
  }
}

function walk(dir, relative, s3rver, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    const rel = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      walk(path, rel, s3rver, out);
      continue;
    }
    let key = rel;
    if (s3rver) {
      if (!entry.name.endsWith(S3RVER_OBJECT)) continue;
      key = rel.slice(0, -S3RVER_OBJECT.length);
    }
    const name = key.split('/').pop();
    if (name.startsWith('_') || name.startsWith('.')) continue;
    out.push({ key, path: path.split(sep).join('/'), size: statSync(path).size });
  }
}
