// Drives the independent aws-kinesis-agg package for interop tests of the KPL aggregate format.
// Usage: node kpl-interop.mjs aggregate|deaggregate   (JSON request on stdin, JSON response on stdout)
//   aggregate:   {"records":[{"partitionKey":"k","explicitHashKey":"123"|null,"data":"<base64>"}]}
//                -> [{"partitionKey":"a","explicitHashKey":"...","data":"<base64>"}]  (one per Kinesis record)
//   deaggregate: {"records":[{"partitionKey":"a","sequenceNumber":"1","data":"<base64>"}]}
//                -> [[{"partitionKey","explicitHashKey","subSequenceNumber","data"}], ...]
import agg from 'aws-kinesis-agg';
import { readFileSync } from 'node:fs';

const mode = process.argv[2];
const request = JSON.parse(readFileSync(0, 'utf8'));

function aggregate(records) {
  const aggregator = new agg.RecordAggregator();
  const output = [];
  const emit = () => {
    const encoded = aggregator.build();
    if (encoded) {
      output.push({
        partitionKey: encoded.partitionKey,
        explicitHashKey: encoded.ExplicitHashKey ?? null,
        data: encoded.data.toString('base64'),
      });
    }
  };
  for (const r of records) {
    const record = { partitionKey: r.partitionKey, data: Buffer.from(r.data, 'base64') };
    if (r.explicitHashKey) record.explicitHashKey = r.explicitHashKey;
    if (!aggregator.checkIfUserRecordFits(record)) emit();
    aggregator.addUserRecord(record);
  }
  emit();
  return output;
}

function deaggregate(records) {
  return records.map((r) => {
    let result;
    agg.deaggregateSync({ partitionKey: r.partitionKey, sequenceNumber: r.sequenceNumber, data: r.data }, true, (err, userRecords) => {
      if (err) throw err;
      result = userRecords.map((u) => ({
        partitionKey: u.partitionKey,
        explicitHashKey: u.explicitPartitionKey ?? null,
        subSequenceNumber: u.subSequenceNumber ?? null,
        data: u.data,
      }));
    });
    return result;
  });
}

const handlers = { aggregate: () => aggregate(request.records), deaggregate: () => deaggregate(request.records) };
if (!handlers[mode]) {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
process.stdout.write(JSON.stringify(handlers[mode]()));
