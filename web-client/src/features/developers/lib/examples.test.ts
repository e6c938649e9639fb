/// <reference types="node" />
import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Buffer } from 'node:buffer';
import { describe, expect, it, vi } from 'vitest';
import { csharpVerifier, curl, flows, nodeVerifier, scopes, type Step } from './examples';

// The committed contract, not the generated types: the examples must hold for what integrators download.
type Schema = {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
};
type Operation = {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
};
const contract = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../../api/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};

function resolve(schema: Schema | undefined): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolve(contract.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
  if (schema.allOf?.length === 1 && !schema.properties) return resolve(schema.allOf[0]);
  return schema;
}

function propertiesOf(schema: Schema | undefined): string[] {
  return Object.keys(resolve(schema)?.properties ?? {});
}

/** Every key of a JSON value must be a property of the schema, recursively through objects and arrays. */
function unknownKeys(value: unknown, schema: Schema | undefined, at = ''): string[] {
  const resolved = resolve(schema);
  if (Array.isArray(value)) return value.flatMap((item, i) => unknownKeys(item, resolved?.items, `${at}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    resolved?.properties?.[key] ? unknownKeys(inner, resolved.properties[key], `${at}.${key}`) : [`${at}.${key}`],
  );
}

const steps: [string, Step][] = flows.flatMap((flow) => flow.steps.map((step): [string, Step] => [`${flow.id}: ${step.title}`, step]));

function operation(step: Step): Operation | undefined {
  return contract.paths[step.path]?.[step.method];
}

function successSchema(op: Operation): Schema | undefined {
  const success = Object.entries(op.responses).find(([status]) => status.startsWith('2'));
  return success?.[1].content?.['application/json']?.schema;
}

describe('the developer page examples', () => {
  it.each(steps)('%s: the operation exists in the contract', (_, step) => {
    expect(operation(step), `${step.method.toUpperCase()} ${step.path}`).toBeDefined();
  });

  it.each(steps)('%s: its query, body and form fields are the contract’s', (_, step) => {
    const op = operation(step)!;
    const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
    expect(queryNames).toEqual(expect.arrayContaining(Object.keys(step.query ?? {})));
    for (const name of step.path.match(/\{\w+\}/g) ?? []) {
      expect(step.params?.[name.slice(1, -1)] ?? step.url, `value for ${name}`).toBeTruthy();
    }
    if (step.json !== undefined) {
      expect(unknownKeys(step.json, op.requestBody?.content['application/json']?.schema)).toEqual([]);
    }
    if (step.form) {
      expect(propertiesOf(op.requestBody?.content['multipart/form-data']?.schema)).toEqual(
        expect.arrayContaining(Object.keys(step.form)),
      );
    }
  });

  it.each(steps.filter(([, step]) => step.capture || step.show))('%s: the fields it reads are in the answer', (_, step) => {
    // A nested capture (endpoint.id) is checked by its outer field.
    const fields = step.capture ? [step.capture.field.split('.')[0]!] : step.show!;
    expect(propertiesOf(successSchema(operation(step)!))).toEqual(expect.arrayContaining(fields));
  });

  it.each(steps)('%s: the command is valid shell', (_, step) => {
    const command = curl(step);
    const check = spawnSync('bash', ['-n'], { input: command, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('sends the key as a bearer token, and an Idempotency-Key to create an order', () => {
    const create = flows.find((f) => f.id === 'license')!.steps[0]!;
    const command = curl(create);
    expect(command).toContain('-H "Authorization: Bearer $MEDIACOOP_KEY"');
    expect(command).toContain('ORDER_KEY=$(uuidgen)');
    expect(command).toContain('-H "Idempotency-Key: $ORDER_KEY"');
    expect(command).toContain(`-d '{"items":[{"assetId":"'"$PHOTO"'","size":"large"}]}'`);
    expect(command).toContain('| jq -r .id)');
  });

  it('names only the scopes API keys have', () => {
    const known = scopes.map((s) => s.scope);
    expect(known).toEqual([
      'catalog:read',
      'lightboxes:write',
      'licenses:read',
      'licenses:write',
      'uploads:write',
      'assets:read',
      'earnings:read',
      'webhooks:write',
      'messages:read',
      'messages:write',
    ]);
    for (const flow of flows) expect(known).toEqual(expect.arrayContaining(flow.scopes));
  });
});

describe('the Node.js webhook verification snippet', () => {
  // The snippet as printed, minus its import (the test hands it the same functions).
  const body = nodeVerifier.replace(/^import .*$/m, '').replace('export function', 'function');
  const verifyWebhook = new Function('createHmac', 'timingSafeEqual', 'Buffer', `${body}\nreturn verifyWebhook;`)(
    createHmac,
    timingSafeEqual,
    Buffer,
  ) as (secret: string, headers: Record<string, string>, rawBody: string) => boolean;

  function signed(secret: string, id: string, timestamp: number, payload: string) {
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${payload}`).digest('base64')}`;
  }

  it('accepts the Standard Webhooks specification’s own test vector', () => {
    vi.spyOn(Date, 'now').mockReturnValue(1614265330 * 1000);
    const headers = {
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    };
    expect(verifyWebhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', headers, '{"test": 2432232314}')).toBe(true);
  });

  it('accepts a delivery signed with the secret, also beside an old secret’s signature, and refuses tampering', () => {
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const now = Math.floor(Date.now() / 1000);
    const payload = '{"type":"order.paid","data":{"orderId":"019ac412-7a3c-7e51-8b2d-4c6e8f0a1b2c"}}';
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(now), 'webhook-signature': signed(secret, 'msg_1', now, payload) };

    expect(verifyWebhook(secret, headers, payload)).toBe(true);
    const rotating = `${signed(`whsec_${randomBytes(24).toString('base64')}`, 'msg_1', now, payload)} ${headers['webhook-signature']}`;
    expect(verifyWebhook(secret, { ...headers, 'webhook-signature': rotating }, payload)).toBe(true);
    expect(verifyWebhook(secret, headers, payload.replace('paid', 'refunded'))).toBe(false);
    expect(verifyWebhook(secret, { ...headers, 'webhook-id': 'msg_2' }, payload)).toBe(false);
    expect(verifyWebhook(`whsec_${randomBytes(24).toString('base64')}`, headers, payload)).toBe(false);
  });

  it('refuses a delivery older than five minutes even when its signature is right', () => {
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const old = Math.floor(Date.now() / 1000) - 600;
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(old), 'webhook-signature': signed(secret, 'msg_1', old, '{}') };
    expect(verifyWebhook(secret, headers, '{}')).toBe(false);
  });

  it('has a C# twin that checks the same things', () => {
    for (const part of ['HMACSHA256.HashData', '"whsec_".Length', 'FixedTimeEquals', '"v1"', '> 300', '{id}.{timestamp}.{rawBody}']) {
      expect(csharpVerifier).toContain(part);
    }
  });
});
