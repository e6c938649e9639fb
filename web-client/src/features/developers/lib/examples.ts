/**
 * The developer page's examples, as data: each curl command is written out from one of these steps, and a test
 * checks every step against api/openapi.json (the path and method exist, the query parameters, body fields and
 * the response fields a step reads are in the contract), so an example cannot drift from the API it documents.
 */

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type Step = {
  /** What the step does, shown above its command. */
  title: string;
  method: HttpMethod;
  /** The path as the contract spells it, e.g. `/api/v1/orders/{id}/checkout`. */
  path: string;
  /** Shell values for the path's parameters, e.g. `{ id: '$ORDER' }`. */
  params?: Record<string, string>;
  query?: Record<string, string>;
  /** A JSON request body. */
  json?: unknown;
  /** multipart/form-data fields (curl `-F`), e.g. `{ file: '@DSC_0412.jpg' }`. */
  form?: Record<string, string>;
  /** Sends a fresh `Idempotency-Key`, held in this shell variable so that a retry can send the same one. */
  idempotencyKey?: string;
  /** Keeps one field of the JSON answer (a dotted path for a nested one) in a shell variable: `VAR=$(curl … | jq -r .field)`. */
  capture?: { variable: string; field: string };
  /** Otherwise, the answer's fields worth looking at (shown through jq). */
  show?: string[];
  /** Sends no API key: the route is public or the URL carries its own credential. */
  anonymous?: boolean;
  /** The URL to request when an earlier answer gave it (the path above is then what it points to). */
  url?: string;
  /** A shell line to run first. */
  before?: string;
};

export type Flow = {
  id: string;
  title: string;
  /** The scopes the key needs for the whole flow. */
  scopes: string[];
  intro: string;
  steps: Step[];
  outro?: string;
};

export const flows: Flow[] = [
  {
    id: 'search',
    title: 'Search the catalogue',
    scopes: ['catalog:read'],
    intro:
      'Search is public: without a key it is limited per client address, with a key it counts against the key. ' +
      'Results come in pages; pass the previous page’s nextCursor as cursor to get the next one.',
    steps: [
      {
        title: 'Search for landscape photos of a harbour',
        method: 'get',
        path: '/api/v1/assets',
        query: { q: 'harbour', orientation: 'landscape', limit: '20' },
        show: ['total', 'nextCursor', 'items'],
      },
      {
        title: 'Read one photo with its licence sizes and prices',
        method: 'get',
        path: '/api/v1/assets/{id}',
        params: { id: '$PHOTO' },
        show: ['title', 'sizes', 'extended'],
      },
    ],
  },
  {
    id: 'license',
    title: 'License a photo',
    scopes: ['licenses:write', 'licenses:read'],
    intro:
      'Create an order with an Idempotency-Key (send the same key again if the request fails midway: you get the ' +
      'same order, never a second one), send the buyer to the payment page, then confirm: once paid, each line ' +
      'carries its licence.',
    steps: [
      {
        title: 'Create the order',
        method: 'post',
        path: '/api/v1/orders',
        idempotencyKey: 'ORDER_KEY',
        json: { items: [{ assetId: '$PHOTO', size: 'large' }] },
        capture: { variable: 'ORDER', field: 'id' },
      },
      {
        title: 'Start the checkout: open the address it answers to pay',
        method: 'post',
        path: '/api/v1/orders/{id}/checkout',
        params: { id: '$ORDER' },
        capture: { variable: 'PAY_URL', field: 'redirectUrl' },
      },
      {
        title: 'After paying, confirm the order: its lines now carry licenseId',
        method: 'post',
        path: '/api/v1/orders/{id}/confirm',
        params: { id: '$ORDER' },
        show: ['status', 'lines'],
      },
      {
        title: 'List your licences',
        method: 'get',
        path: '/api/v1/me/licenses',
        show: ['items'],
      },
    ],
  },
  {
    id: 'download',
    title: 'Download a licensed file',
    scopes: ['licenses:write'],
    intro:
      'A download link is valid for a few minutes: ask for a new one each time. The link itself is the credential, ' +
      'so the second request needs no key.',
    steps: [
      {
        title: 'Ask for a download link',
        method: 'post',
        path: '/api/v1/me/licenses/{id}/download',
        params: { id: '$LICENSE' },
        idempotencyKey: 'DOWNLOAD_KEY',
        capture: { variable: 'FILE_URL', field: 'url' },
      },
      {
        title: 'Download the file under its own name',
        method: 'get',
        path: '/media/downloads/{token}',
        url: '$FILE_URL',
        // The answer is this site's own path, or a storage address when files are kept in S3.
        before: 'case "$FILE_URL" in /*) FILE_URL="$MEDIACOOP$FILE_URL" ;; esac',
        anonymous: true,
      },
    ],
  },
  {
    id: 'upload',
    title: 'Upload as a contributor',
    scopes: ['uploads:write', 'assets:read', 'earnings:read'],
    intro:
      'Contributors’ keys can upload originals (JPEG or PNG), describe them and submit them for review. The ' +
      'server makes the previews in the background: the photo is "processing", then a "draft" listing what is missing.',
    steps: [
      {
        title: 'Upload the original',
        method: 'post',
        path: '/api/v1/uploads',
        form: { file: '@DSC_0412.jpg' },
        capture: { variable: 'ASSET', field: 'id' },
      },
      {
        title: 'Describe it',
        method: 'patch',
        path: '/api/v1/me/assets/{id}',
        params: { id: '$ASSET' },
        json: { title: 'Fishing boats at dawn, Nazaré', keywords: ['boat', 'beach', 'dawn', 'portugal'] },
        show: ['status', 'missing'],
      },
      {
        title: 'Submit it for review',
        method: 'post',
        path: '/api/v1/me/assets/{id}/submit',
        params: { id: '$ASSET' },
        idempotencyKey: 'SUBMIT_KEY',
        show: ['status', 'queue'],
      },
      {
        title: 'Read your earnings',
        method: 'get',
        path: '/api/v1/me/earnings',
        show: ['balance', 'byMonth'],
      },
    ],
  },
  {
    id: 'webhook-endpoints',
    title: 'Register a webhook endpoint',
    scopes: ['webhooks:write'],
    intro:
      'Register an HTTPS address for the events you want. The answer carries the signing secret, once: keep it ' +
      'to verify each delivery (see below). Send a test event and read the deliveries log to check your receiver.',
    steps: [
      {
        title: 'Register the endpoint and keep its id (the answer also holds the secret, shown only now)',
        method: 'post',
        path: '/api/v1/me/webhooks',
        json: { url: 'https://example.com/hooks/mediacoop', events: ['order.paid', 'license.created'] },
        capture: { variable: 'HOOK', field: 'endpoint.id' },
      },
      {
        title: 'Send it a test event',
        method: 'post',
        path: '/api/v1/me/webhooks/{id}/test',
        params: { id: '$HOOK' },
        show: ['status', 'eventType'],
      },
      {
        title: 'Read its deliveries: status, attempts, your receiver’s response code',
        method: 'get',
        path: '/api/v1/me/webhooks/{id}/deliveries',
        params: { id: '$HOOK' },
        show: ['items'],
      },
    ],
  },
];

/** Single-quotes a value for a POSIX shell unless it is a plain word or a variable meant to expand. */
function shellWord(value: string): string {
  if (/^[\w@./:-]+$/.test(value)) return value;
  if (/^\$[\w{}#/.:-]+$/.test(value)) return `"${value}"`;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The path with its parameters filled from shell variables, and its query string. */
export function stepUrl(step: Step): string {
  if (step.url) return step.url;
  const path = step.path.replace(/\{(\w+)\}/g, (_, name: string) => step.params?.[name] ?? `{${name}}`);
  const query = Object.entries(step.query ?? {})
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&');
  return `$MEDIACOOP${path}${query ? `?${query}` : ''}`;
}

/** JSON with shell variables spliced in: `"$PHOTO"` in a single-quoted body becomes `"'"$PHOTO"'"`. */
function jsonBody(json: unknown): string {
  return `'${JSON.stringify(json).replace(/"\$(\w+)"/g, `"'"$$$1"'"`)}'`;
}

/** The curl command for a step, continued over lines with backslashes like the examples people copy. */
export function curl(step: Step): string {
  const lines: string[] = [];
  const method = step.method.toUpperCase();
  const download = step.path === '/media/downloads/{token}';
  lines.push(`curl -sS${download ? ' -OJ' : ''}${method === 'GET' ? '' : ` -X ${method}`} "${stepUrl(step)}"`);
  if (!step.anonymous) lines.push('-H "Authorization: Bearer $MEDIACOOP_KEY"');
  if (step.idempotencyKey) lines.push(`-H "Idempotency-Key: $${step.idempotencyKey}"`);
  if (step.json !== undefined) {
    lines.push('-H "Content-Type: application/json"');
    lines.push(`-d ${jsonBody(step.json)}`);
  }
  for (const [name, value] of Object.entries(step.form ?? {})) lines.push(`-F ${shellWord(`${name}=${value}`)}`);
  let command = lines.join(' \\\n  ');
  if (step.capture) command = `${step.capture.variable}=$(${command} \\\n  | jq -r .${step.capture.field})`;
  else if (step.show) command = `${command} \\\n  | jq '{${step.show.join(', ')}}'`;
  if (step.idempotencyKey) command = `${step.idempotencyKey}=$(uuidgen)  # reuse it if you retry\n${command}`;
  if (step.before) command = `${step.before}\n${command}`;
  if (step.capture) command += `\necho "$${step.capture.variable}"`;
  return command;
}

export const setup = `export MEDIACOOP=__ORIGIN__
export MEDIACOOP_KEY=mcp_…   # from Account → API keys; shown once
export PHOTO=…               # a photo id from the search results`;

/** Scopes an API key can hold, and what each lets it do. */
export const scopes: { scope: string; allows: string }[] = [
  { scope: 'catalog:read', allows: 'Search the catalogue; read photos, contributors, collections, licence types and your lightboxes.' },
  { scope: 'lightboxes:write', allows: 'Create, change, share and delete your lightboxes.' },
  { scope: 'licenses:read', allows: 'Read your orders, licences, certificates and download history; verify licence codes.' },
  { scope: 'licenses:write', allows: 'Fill your cart, place and pay orders, and create download links for your licences.' },
  { scope: 'uploads:write', allows: 'Upload photos and releases, describe your photos and submit them for review (contributors).' },
  { scope: 'assets:read', allows: 'Read your own photos, their review status and your releases (contributors).' },
  { scope: 'earnings:read', allows: 'Read your earnings, monthly statements and payouts (contributors).' },
  { scope: 'webhooks:write', allows: 'Register and manage your webhook endpoints.' },
  { scope: 'messages:read', allows: 'Read your private conversations (questions and commission requests) and their unread counts.' },
  { scope: 'messages:write', allows: 'Contact contributors, reply in your private conversations and mark them read.' },
];

/** The Node verification snippet; the test runs it against a delivery signed independently. */
export const nodeVerifier = `import { createHmac, timingSafeEqual } from 'node:crypto';

// secret: "whsec_…" as shown when you registered the endpoint.
// rawBody: the request body exactly as received (a string), before any JSON parsing.
export function verifyWebhook(secret, headers, rawBody) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) return false;
  // Refuse old or future deliveries: a captured request cannot be replayed later.
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(\`\${id}.\${timestamp}.\${rawBody}\`).digest();
  // During a secret rotation the header holds one signature per secret, separated by spaces.
  return signatures.split(' ').some((entry) => {
    const [version, value] = entry.split(',');
    if (version !== 'v1' || !value) return false;
    const given = Buffer.from(value, 'base64');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}`;

export const csharpVerifier = `using System.Security.Cryptography;
using System.Text;

// secret: "whsec_…" as shown when you registered the endpoint.
// rawBody: the request body exactly as received, before any JSON parsing.
static bool VerifyWebhook(string secret, string id, string timestamp, string signatures, string rawBody)
{
    // Refuse old or future deliveries: a captured request cannot be replayed later.
    if (!long.TryParse(timestamp, out var seconds)
        || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > 300)
        return false;
    var key = Convert.FromBase64String(secret["whsec_".Length..]);
    var expected = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.{rawBody}"));
    // During a secret rotation the header holds one signature per secret, separated by spaces.
    foreach (var entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
    {
        var given = new byte[expected.Length];
        if (entry.Split(',', 2) is ["v1", var value]
            && Convert.TryFromBase64String(value, given, out var length) && length == expected.Length
            && CryptographicOperations.FixedTimeEquals(given, expected))
            return true;
    }
    return false;
}`;
