// An S3-compatible server for the S3 blob store's tests, honest enough to catch real mistakes.
//
//   node --openssl-legacy-provider tests/s3/server.mjs --port P --dir D [--bucket B --access-key K --secret-key S]
//
// s3rver (run in-process on an internal port) keeps the objects; this file puts a small HTTP proxy in
// front of it on the public port that fixes what s3rver gets wrong or skips:
//   - SigV4 is verified (Authorization header and presigned query), with the payload's SHA-256, each
//     aws-chunked chunk signature and a CRC32 trailer: s3rver checks only that the access key exists.
//   - aws-chunked bodies (Content-Encoding: aws-chunked, x-amz-content-sha256: STREAMING-*) are decoded
//     into the plain payload; s3rver would store the chunk framing as the object's bytes.
//   - If-None-Match: * on PutObject and CompleteMultipartUpload is enforced (412), one writer per key
//     at a time; s3rver ignores it, so write-once could not be tested.
//   - AbortMultipartUpload answers 204; s3rver has no such operation.
// The store itself sends plain signed PUTs (UseChunkEncoding = false, checksums only WHEN_REQUIRED), so
// its bytes would arrive intact even at bare s3rver; without the proxy, write-once, signatures and
// a default-configured SDK's uploads would go untested (four contract tests fail against bare s3rver).
// Still not handled (the store does not use them): CopyObject (s3rver misdecodes x-amz-copy-source),
// virtual-host-style addressing, bucket policies. CI runs the same tests against MinIO.
// Prints `ready <port>` on stdout once both servers listen; SIGTERM/SIGINT stop it.
import { createHash, createHmac, timingSafeEqual, createCipheriv } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';

const require = createRequire(import.meta.url);
const S3rver = require('s3rver');
const AWSAccount = require('s3rver/lib/models/account');

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    dir: { type: 'string' },
    bucket: { type: 'string', default: process.env.MEDIACOOP_TEST_S3_BUCKET || 'mediacoop-test' },
    'access-key': { type: 'string', default: process.env.MEDIACOOP_TEST_S3_ACCESS_KEY || 'mediacoop' },
    'secret-key': { type: 'string', default: process.env.MEDIACOOP_TEST_S3_SECRET_KEY || 'mediacoop-secret' },
  },
});
if (!args.dir) fail('--dir is required');

// s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only has in its legacy provider.
try {
  createCipheriv('des', Buffer.alloc(8), Buffer.alloc(8));
} catch {
  fail('paginated listing needs DES: run with node --openssl-legacy-provider (tests/s3/start.sh does)');
}

const accessKey = args['access-key'];
const secretKey = args['secret-key'];
new AWSAccount(123456789012, 'mediacoop-tests').createKeyPair(accessKey, secretKey);

mkdirSync(args.dir, { recursive: true });
const backend = new S3rver({
  address: '127.0.0.1',
  port: 0,
  directory: args.dir,
  silent: true,
  configureBuckets: [{ name: args.bucket }],
});
const { port: backendPort } = await backend.run();

const MAX_CLOCK_SKEW_MS = 15 * 60 * 1000;
const EMPTY_SHA256 = sha256Hex('');
const keyLocks = new Map(); // "bucket/key" -> promise chain: conditional writes of one key run one at a time
// Keys a conditional write created: on a loaded machine s3rver has answered the next writer's HEAD before the
// first write was visible, letting two writers "win" (seen once in CI), so the proxy remembers its own.
const writtenOnce = new Set();

const proxy = http.createServer((req, res) => {
  handle(req, res).catch(err => {
    process.stderr.write(`s3 proxy: ${req.method} ${req.url}: ${err.stack || err}\n`);
    if (!res.headersSent) s3Error(res, 500, 'InternalError', String(err.message || err));
    else res.destroy();
  });
});
proxy.listen(Number(args.port), '127.0.0.1', () => {
  process.stdout.write(`ready ${proxy.address().port}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    proxy.close();
    backend.close().finally(() => process.exit(0));
  });
}

async function handle(req, res) {
  const url = new URL(req.url, 'http://placeholder');
  const [, bucket = '', ...keyParts] = url.pathname.split('/');
  const key = keyParts.join('/');
  const query = url.searchParams;

  const body = await readBody(req);
  const auth = verifySignature(req, url);
  if (auth.error) return s3Error(res, 403, auth.error, auth.message);

  const payload = decodePayload(req, body, auth);
  if (payload.error) return s3Error(res, 400, payload.error, payload.message);

  if (req.method === 'DELETE' && key && query.has('uploadId')) {
    // AbortMultipartUpload: s3rver lacks it (and would treat the request as DeleteObject). Its part
    // files stay in the data directory, which the test run throws away.
    res.writeHead(204).end();
    return;
  }

  const isPutObject = req.method === 'PUT' && key && !query.has('uploadId') && !query.has('partNumber');
  const isComplete = req.method === 'POST' && key && query.has('uploadId');
  const headers = forwardHeaders(req.headers, payload);
  if ((isPutObject || isComplete) && req.headers['if-none-match'] !== undefined) {
    if (req.headers['if-none-match'].trim() !== '*')
      return s3Error(res, 501, 'NotImplemented', 'If-None-Match accepts only *');
    delete headers['if-none-match'];
    const name = `${bucket}/${key}`;
    return withKeyLock(name, async () => {
      if (writtenOnce.has(name) || await backendHas(bucket, key))
        return s3Error(res, 412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
      await forward(req, res, headers, payload.body);
      if (res.statusCode >= 200 && res.statusCode < 300) writtenOnce.add(name);
    });
  }
  if (req.method === 'DELETE' && key) writtenOnce.delete(`${bucket}/${key}`);
  await forward(req, res, headers, payload.body);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

// --- SigV4 -------------------------------------------------------------------------------------

function verifySignature(req, url) {
  const q = url.searchParams;
  let credential, signedHeaders, signature, amzDate, payloadHash;
  if (req.headers.authorization) {
    const m = /^AWS4-HMAC-SHA256 Credential=([^,]+),\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$/.exec(req.headers.authorization.trim());
    if (!m) return { error: 'AccessDenied', message: 'Only AWS4-HMAC-SHA256 header signatures are accepted' };
    [, credential, signedHeaders, signature] = m;
    amzDate = req.headers['x-amz-date'];
    payloadHash = req.headers['x-amz-content-sha256'];
    if (!payloadHash) return { error: 'InvalidRequest', message: 'Missing required header for this request: x-amz-content-sha256' };
    if (!amzDate || Math.abs(parseAmzDate(amzDate) - Date.now()) > MAX_CLOCK_SKEW_MS)
      return { error: 'RequestTimeTooSkewed', message: 'The difference between the request time and the current time is too large.' };
  } else if (q.has('X-Amz-Signature')) {
    if (q.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256') return { error: 'AccessDenied', message: 'Unsupported X-Amz-Algorithm' };
    credential = q.get('X-Amz-Credential');
    signedHeaders = q.get('X-Amz-SignedHeaders');
    signature = q.get('X-Amz-Signature');
    amzDate = q.get('X-Amz-Date');
    payloadHash = 'UNSIGNED-PAYLOAD';
    const expires = Number(q.get('X-Amz-Expires'));
    if (!amzDate || !(expires > 0) || expires > 604800) return { error: 'AuthorizationQueryParametersError', message: 'Bad X-Amz-Date or X-Amz-Expires' };
    if (Date.now() > parseAmzDate(amzDate) + expires * 1000) return { error: 'AccessDenied', message: 'Request has expired' };
  } else {
    // Anonymous requests: the test bucket is private, as a real one would be.
    return { error: 'AccessDenied', message: 'Anonymous access is not allowed' };
  }

  const [ak, date, region, service, terminator] = (credential || '').split('/');
  if (ak !== accessKey) return { error: 'InvalidAccessKeyId', message: 'The AWS Access Key Id you provided does not exist in our records.' };
  if (service !== 's3' || terminator !== 'aws4_request' || !amzDate.startsWith(date))
    return { error: 'AuthorizationHeaderMalformed', message: `Bad credential scope ${credential}` };
  const headerNames = signedHeaders.split(';');
  if (!headerNames.includes('host')) return { error: 'AccessDenied', message: 'host must be signed' };

  const canonicalRequest = [
    req.method,
    url.pathname, // S3 signs the path as sent: encoded once, not normalized
    canonicalQuery(req.url, req.headers.authorization ? null : 'X-Amz-Signature'),
    headerNames.map(h => `${h}:${headerValue(req, h)}\n`).join(''),
    signedHeaders,
    payloadHash,
  ].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${secretKey}`, date), region), service), 'aws4_request');
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');
  const expected = hmac(signingKey, stringToSign).toString('hex');
  if (!safeEqual(expected, signature))
    return { error: 'SignatureDoesNotMatch', message: `The request signature we calculated does not match the signature you provided. Canonical request:\n${canonicalRequest}` };
  return { signingKey, scope, amzDate, seedSignature: signature, payloadHash };
}

function canonicalQuery(rawUrl, exclude) {
  const qs = rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?') + 1) : '';
  return qs.split('&').filter(Boolean)
    .map(pair => {
      const i = pair.indexOf('=');
      const [k, v] = i < 0 ? [pair, ''] : [pair.slice(0, i), pair.slice(i + 1)];
      return [rfc3986(decodeURIComponent(k)), rfc3986(decodeURIComponent(v))];
    })
    .filter(([k]) => k !== exclude)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function headerValue(req, name) {
  const value = req.headers[name];
  return (Array.isArray(value) ? value.join(',') : value ?? '').trim().replace(/\s+/g, ' ');
}

// --- Payload -----------------------------------------------------------------------------------

function decodePayload(req, body, auth) {
  const hash = auth.payloadHash;
  const streaming = hash.startsWith('STREAMING-');
  if (!streaming) {
    if (hash !== 'UNSIGNED-PAYLOAD' && hash !== sha256Hex(body))
      return { error: 'XAmzContentSHA256Mismatch', message: "The provided 'x-amz-content-sha256' header does not match what was computed." };
    return { body, decoded: false };
  }
  const signedChunks = hash.startsWith('STREAMING-AWS4-HMAC-SHA256-PAYLOAD');
  if (!signedChunks && hash !== 'STREAMING-UNSIGNED-PAYLOAD-TRAILER')
    return { error: 'NotImplemented', message: `Unsupported payload mode ${hash}` };

  const parts = [];
  let offset = 0;
  let previous = auth.seedSignature;
  for (;;) {
    const lineEnd = body.indexOf('\r\n', offset);
    if (lineEnd < 0) return { error: 'IncompleteBody', message: 'Truncated aws-chunked body' };
    const [sizeHex, ...ext] = body.subarray(offset, lineEnd).toString('latin1').split(';');
    const size = parseInt(sizeHex, 16);
    if (!Number.isFinite(size)) return { error: 'InvalidRequest', message: 'Bad aws-chunked chunk header' };
    const data = body.subarray(lineEnd + 2, lineEnd + 2 + size);
    if (data.length !== size) return { error: 'IncompleteBody', message: 'Truncated aws-chunked chunk' };
    if (signedChunks) {
      const sig = ext.find(e => e.startsWith('chunk-signature='))?.slice('chunk-signature='.length);
      const stringToSign = ['AWS4-HMAC-SHA256-PAYLOAD', auth.amzDate, auth.scope, previous, EMPTY_SHA256, sha256Hex(data)].join('\n');
      const expected = hmac(auth.signingKey, stringToSign).toString('hex');
      if (!sig || !safeEqual(expected, sig)) return { error: 'SignatureDoesNotMatch', message: 'aws-chunked chunk signature mismatch' };
      previous = sig;
    }
    offset = lineEnd + 2 + size;
    if (size === 0) break;
    parts.push(data);
    if (body.subarray(offset, offset + 2).toString('latin1') !== '\r\n') return { error: 'InvalidRequest', message: 'Chunk not followed by CRLF' };
    offset += 2;
  }
  const decoded = Buffer.concat(parts);

  // Trailers (x-amz-checksum-*: value), then an empty line.
  const trailers = Object.fromEntries(body.subarray(offset).toString('latin1').split('\r\n').filter(Boolean)
    .map(line => [line.slice(0, line.indexOf(':')).trim().toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
  if (trailers['x-amz-checksum-crc32'] && typeof zlib.crc32 === 'function') {
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(decoded));
    if (crc.toString('base64') !== trailers['x-amz-checksum-crc32'])
      return { error: 'BadDigest', message: 'The CRC32 you specified did not match the calculated checksum.' };
  }

  const declared = req.headers['x-amz-decoded-content-length'];
  if (declared !== undefined && Number(declared) !== decoded.length)
    return { error: 'IncompleteBody', message: `x-amz-decoded-content-length ${declared} but ${decoded.length} bytes decoded` };
  return { body: decoded, decoded: true };
}

function forwardHeaders(incoming, payload) {
  const headers = { ...incoming };
  delete headers['transfer-encoding'];
  if (payload.decoded) {
    delete headers['x-amz-decoded-content-length'];
    delete headers['x-amz-trailer'];
    const encodings = (headers['content-encoding'] || '').split(',').map(e => e.trim()).filter(e => e && e !== 'aws-chunked');
    if (encodings.length) headers['content-encoding'] = encodings.join(', ');
    else delete headers['content-encoding'];
    headers['x-amz-content-sha256'] = sha256Hex(payload.body);
  }
  headers['content-length'] = String(payload.body.length);
  return headers;
}

// --- Backend -----------------------------------------------------------------------------------

function forward(req, res, headers, body) {
  return new Promise((resolve, reject) => {
    const upstream = http.request(
      { host: '127.0.0.1', port: backendPort, method: req.method, path: req.url, headers },
      up => {
        res.writeHead(up.statusCode, up.headers);
        up.pipe(res);
        up.on('end', resolve);
        up.on('error', reject);
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

function backendHas(bucket, key) {
  return new Promise((resolve, reject) => {
    // Unsigned: s3rver lets anonymous requests through, and only this process can reach it.
    const head = http.request({ host: '127.0.0.1', port: backendPort, method: 'HEAD', path: `/${bucket}/${key}` }, up => {
      up.resume();
      up.on('end', () => resolve(up.statusCode === 200));
    });
    head.on('error', reject);
    head.end();
  });
}

async function withKeyLock(name, action) {
  const before = keyLocks.get(name) ?? Promise.resolve();
  const mine = before.then(action, action);
  const tail = mine.catch(() => {});
  keyLocks.set(name, tail);
  try {
    return await mine;
  } finally {
    if (keyLocks.get(name) === tail) keyLocks.delete(name);
  }
}

// --- Helpers -----------------------------------------------------------------------------------

function s3Error(res, status, code, message) {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(xml) });
  res.end(xml);
}

function parseAmzDate(s) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(s);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}

function rfc3986(s) {
  return encodeURIComponent(s).replace(/[!'()*]/g, c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function sha256Hex(data) {
  return createHash('sha256').update(data).digest('hex');
}

function hmac(key, data) {
  return createHmac('sha256', key).update(data).digest();
}

function safeEqual(a, b) {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function escapeXml(s) {
  return s.replace(/[<>&'"]/g, c => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]);
}

function fail(message) {
  process.stderr.write(`tests/s3/server.mjs: ${message}\n`);
  process.exit(2);
}
