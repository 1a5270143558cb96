// Signs an AWS JSON POST with the SigV4 signer of aws-sdk v2 (an independent implementation), for cross-checking.
// stdin: {"url":"http://host:port/path","region":"us-east-1","service":"kinesis","amzDate":"20261121T083000Z",
//         "headers":{"Content-Type":"...","X-Amz-Target":"..."},"body":"...","accessKeyId":"..","secretAccessKey":"..","sessionToken":null}
// stdout: {"authorization":"AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=..."}
// Content-Type is signed too (aws-sdk v2 leaves it out by default; the SigV4 specification allows either).
import { readFileSync } from 'node:fs';
import AWS from 'aws-sdk';

const input = JSON.parse(readFileSync(0, 'utf8'));
const url = new URL(input.url);
const request = new AWS.HttpRequest(new AWS.Endpoint(`${url.protocol}//${url.host}`), input.region);
request.method = 'POST';
request.path = url.pathname;
request.headers = { Host: url.host, ...input.headers };
request.body = input.body;
const signer = new AWS.Signers.V4(request, input.service, { signatureCache: false });
signer.unsignableHeaders = ['authorization', 'content-length', 'user-agent', 'expect', 'x-amzn-trace-id'];
const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(input.amzDate);
const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
signer.addAuthorization(
  new AWS.Credentials(input.accessKeyId, input.secretAccessKey, input.sessionToken ?? undefined),
  date);
console.log(JSON.stringify({ authorization: request.headers['Authorization'] }));
