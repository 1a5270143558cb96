// Encodes KPL aggregated records with the npm package aws-kinesis-agg (an independent implementation).
// stdin: [[{"partitionKey":"k","data":"<utf8 text>","explicitHashKey":"<optional decimal>"}, ...], ...]
//        one inner array per aggregate
// stdout: [{"partitionKey":"...","explicitHashKey":"..."|null,"data":"<base64>"}, ...] one per aggregate
import { readFileSync } from 'node:fs';
import agg from 'aws-kinesis-agg';

const groups = JSON.parse(readFileSync(0, 'utf8'));
const out = [];
for (const group of groups) {
  const aggregator = new agg.RecordAggregator();
  for (const r of group) {
    const record = { partitionKey: r.partitionKey, data: Buffer.from(r.data, 'utf8') };
    if (r.explicitHashKey) record.explicitHashKey = r.explicitHashKey;
    if (!aggregator.checkIfUserRecordFits(record)) throw new Error('group exceeds one aggregate');
    aggregator.addUserRecord(record);
  }
  const encoded = aggregator.build();
  out.push({
    partitionKey: encoded.partitionKey,
    explicitHashKey: encoded.explicitHashKey ?? null,
    data: Buffer.from(encoded.data).toString('base64'),
  });
}
console.log(JSON.stringify(out));
