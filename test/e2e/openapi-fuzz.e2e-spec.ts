import { randomUUID } from 'node:crypto';
import { signWebhook } from '@rental/webhooks';
import * as fc from 'fast-check';
import { ADMIN_TOKEN, type Platform, startPlatform } from '../support/platform';

/**
 * The gateway's public API as an outsider sees it: every operation of its OpenAPI document is sent
 * bodies, parameters and headers generated from the document's schemas, most of them then broken
 * (wrong types, missing fields, huge strings, NUL, deep nesting, extreme dates, unknown fields, bad
 * ids, broken JSON). Whatever arrives, the answer is never a 5xx (a 504 included: every command the
 * gateway sends must be answered), and every 4xx has the error body. Seeded, so a failure is
 * reproduced with OPENAPI_FUZZ_SEED; the whole platform runs, so commands get real answers.
 */
const SEED = Number(process.env.OPENAPI_FUZZ_SEED ?? 20_261_201);
const RUNS_PER_OPERATION = 20;
const DAY_MS = 86_400_000;
/** The gateway's default signing secret for the sandbox provider's webhook (the platform does not set one). */
const WEBHOOK_SECRET = 'sandbox-dev-secret';

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
  security: string[];
}

interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> }; security?: Record<string, unknown>[] }>
  >;
  components: { schemas: Record<string, Schema> };
}

/** One request as generated: what is sent, before it is sent. */
interface FuzzRequest {
  path: string;
  query: string;
  headers: Record<string, string>;
  body?: string;
  mutation: string;
}

const EXTREME_DATES = [
  '+275760-09-13T00:00:00.000Z',
  '10000-01-01T00:00:00Z',
  '9999-12-31T23:59:59-14:00',
  '0000-01-01T00:00:00Z',
  '1970-01-01T00:00:00Z',
  '1999-12-31T23:59:59+00:00',
  '2026-13-45T99:99:99Z',
  '2026-12-01',
  '2026-12-01T09:00:00',
];
const BAD_IDS = [
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  '',
  `${randomUUID()}x`,
  '%00',
  '%E0%A4%A',
  '..',
  'x'.repeat(2_000),
  "'; DROP TABLE orders; --",
];
const WRONG_TYPES: unknown[] = [42, -1, 0.5, 1e308, -9_007_199_254_740_992, true, null, 'text', '', [], {}, [1, 'a'], { nested: { deeper: [] } }];

function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      parameters: operation.parameters ?? [],
      body: operation.requestBody?.content['application/json']?.schema,
      security: (operation.security ?? []).flatMap((requirement) => Object.keys(requirement)),
    })),
  );
}

/** Values the schema describes: its example and enum, its formats and bounds, and plain strings. */
/** `now` is the platform's clock: dates near it are the ones a service could accept. */
function valueOf(schema: Schema | undefined, document: OpenApiDocument, now: Date): fc.Arbitrary<unknown> {
  if (schema === undefined) return fc.jsonValue({ maxDepth: 2 });
  if (schema.$ref !== undefined) return valueOf(document.components.schemas[schema.$ref.split('/').pop()!], document, now);
  if (schema.allOf?.length) return valueOf(schema.allOf[0], document, now);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'object': {
      const properties = Object.entries(schema.properties ?? {}).map(([name, property]) => [name, valueOf(property, document, now)] as const);
      return fc.record(Object.fromEntries(properties), { requiredKeys: (schema.required ?? []).filter((name) => schema.properties?.[name]) });
    }
    case 'array':
      return fc.array(valueOf(schema.items, document, now), { maxLength: 3 });
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'boolean':
      return fc.boolean();
    default:
      return stringOf(schema, now);
  }
}

function stringOf(schema: Schema, now: Date): fc.Arbitrary<string> {
  const plain = fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 60) });
  const example = typeof schema.example === 'string' ? [fc.constant(schema.example)] : [];
  switch (schema.format) {
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress();
    case 'date-time':
      return fc.oneof(
        fc.integer({ min: -2, max: 400 }).map((days) => new Date(now.getTime() + days * DAY_MS + 60_000).toISOString()),
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString()),
        ...example,
      );
    default:
      return example.length > 0 ? fc.oneof({ weight: 5, arbitrary: example[0]! }, { weight: 1, arbitrary: plain }) : plain;
  }
}

type Mutation =
  | { kind: 'none' | 'drop_field' | 'nul' | 'malformed_json' | 'not_an_object'; field: number }
  | { kind: 'wrong_type'; field: number; value: unknown }
  | { kind: 'huge_string'; field: number; length: number }
  | { kind: 'deep'; field: number; depth: number }
  | { kind: 'extreme_date' | 'bad_id'; field: number; value: string }
  | { kind: 'unknown_field'; field: number; name: string; value: unknown };

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  // A third of the requests are left as generated, so that valid ones reach the services behind.
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('none' as const), field: fc.nat() }) },
  fc.record({ kind: fc.constantFrom('drop_field' as const, 'nul' as const, 'malformed_json' as const, 'not_an_object' as const), field: fc.nat() }),
  fc.record({ kind: fc.constant('wrong_type' as const), field: fc.nat(), value: fc.constantFrom(...WRONG_TYPES) }),
  fc.record({ kind: fc.constant('huge_string' as const), field: fc.nat(), length: fc.constantFrom(10_000, 200_000) }),
  fc.record({ kind: fc.constant('deep' as const), field: fc.nat(), depth: fc.constantFrom(40, 2_000, 20_000) }),
  fc.record({ kind: fc.constant('extreme_date' as const), field: fc.nat(), value: fc.constantFrom(...EXTREME_DATES) }),
  fc.record({ kind: fc.constant('bad_id' as const), field: fc.nat(), value: fc.constantFrom(...BAD_IDS) }),
  fc.record({ kind: fc.constant('unknown_field' as const), field: fc.nat(), name: fc.string({ maxLength: 20 }), value: fc.jsonValue({ maxDepth: 2 }) }),
);

/** The body's JSON text after the mutation: most mutations change one field, chosen by `field`. */
function mutatedBody(value: unknown, mutation: Mutation): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return JSON.stringify(value);
  const body = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(body);
  const key = keys.length > 0 ? keys[mutation.field % keys.length]! : 'field';
  switch (mutation.kind) {
    case 'none':
      return JSON.stringify(body);
    case 'drop_field':
      delete body[key];
      return JSON.stringify(body);
    case 'nul':
      return JSON.stringify({ ...body, [key]: `${typeof body[key] === 'string' ? body[key] : 'text'}\u0000` });
    case 'malformed_json':
      return JSON.stringify(body).slice(0, -1);
    case 'not_an_object':
      return JSON.stringify(keys.length % 2 === 0 ? [body] : 'a string');
    case 'wrong_type':
      return JSON.stringify({ ...body, [key]: mutation.value });
    case 'huge_string':
      return JSON.stringify({ ...body, [key]: 'x'.repeat(mutation.length) });
    case 'deep': {
      const { [key]: _, ...rest } = body;
      const prefix = JSON.stringify(rest).slice(0, -1);
      return `${prefix}${prefix.length > 1 ? ',' : ''}${JSON.stringify(key)}:${'['.repeat(mutation.depth)}${']'.repeat(mutation.depth)}}`;
    }
    case 'extreme_date':
    case 'bad_id':
      return JSON.stringify({ ...body, [key]: mutation.value });
    case 'unknown_field':
      return JSON.stringify({ ...body, [mutation.name]: mutation.value });
  }
}

/** Printable ASCII only: what fetch lets a header carry. */
const headerValue = fc.oneof(
  { weight: 4, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'has space', 'x'.repeat(300), '"quoted"') },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 40 }) },
);

describe('the gateway under generated and broken input (OpenAPI fuzz)', () => {
  let platform: Platform;
  let document: OpenApiDocument;
  let apiKey: string;
  const known: Record<string, string> = {};

  const send = async (method: string, path: string, headers: Record<string, string>, body?: string) => {
    const abort = new AbortController();
    const response = await fetch(`${platform.gatewayUrl}${path}`, { method, headers, body, signal: abort.signal });
    // A live timeline would stream for as long as the order lives: its answer is the status alone.
    if ((response.headers.get('content-type') ?? '').includes('text/event-stream')) {
      abort.abort();
      return { status: response.status, contentType: 'text/event-stream', text: '' };
    }
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
  };

  beforeAll(async () => {
    // Five services in one process on a PostgreSQL other test files share: a few connections each is plenty here.
    platform = await startPlatform({ DATABASE_POOL_SIZE: '3' });
    document = JSON.parse((await send('GET', '/docs-json', {})).text) as OpenApiDocument;
    // Real ids for the parameters to name now and then: a customer, a quote and its order.
    const registered = JSON.parse(
      (
        await send(
          'POST',
          '/v1/admin/customers',
          { 'content-type': 'application/json', 'x-admin-token': ADMIN_TOKEN },
          JSON.stringify({ name: 'Fuzz B.V.', email: 'fuzz@example.com', language: 'en', country: 'NL', kind: 'business', vatNumber: 'NL123456789B01' }),
        )
      ).text,
    );
    apiKey = registered.apiKey;
    known.customerId = registered.customer.id;
    const auth = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
    const quote = JSON.parse(
      (
        await send(
          'POST',
          '/v1/quotes',
          auth,
          JSON.stringify({
            planCode: 'standard-4',
            locationCode: 'ams1',
            imageCode: 'debian-12',
            quantity: 1,
            start: new Date(platform.clock.now().getTime() + DAY_MS).toISOString(),
            duration: 'P1W',
          }),
        )
      ).text,
    );
    known.quoteId = quote.id;
    const order = JSON.parse((await send('POST', '/v1/orders', { ...auth, 'idempotency-key': randomUUID() }, JSON.stringify({ quoteId: quote.id }))).text);
    known.orderId = order.id;
  });

  afterAll(async () => {
    await platform?.close();
  });

  function requestArbitrary(operation: Operation): fc.Arbitrary<FuzzRequest> {
    const pathValue = fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(...Object.values(known)) },
      { weight: 2, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: fc.constantFrom(...BAD_IDS, '2026-000001', '%F0%9F%9A%80') },
    );
    const pathParameters = operation.parameters.filter((p) => p.in === 'path');
    const queryParameters = operation.parameters.filter((p) => p.in === 'query');
    const headerParameters = operation.parameters.filter((p) => p.in === 'header' && !p.name.startsWith('X-Sandbox'));
    const query = fc.array(
      fc.tuple(
        fc.constantFrom(...(queryParameters.length > 0 ? queryParameters.map((p) => p.name) : ['unknown'])),
        fc.oneof(fc.integer({ min: -5, max: 200 }).map(String), fc.uuid(), fc.constantFrom('', '%00', 'abc', '1e3', '[]', 'x'.repeat(200))),
      ),
      { maxLength: 3 },
    );
    const auth = fc.oneof(
      { weight: 8, arbitrary: fc.constant<string | undefined>(`Bearer ${apiKey}`) },
      { weight: 1, arbitrary: fc.constantFrom<string | undefined>(undefined, 'Bearer rk_live_nope', 'Basic Zm9vOmJhcg==', `Bearer ${apiKey}x`) },
    );
    return fc
      .record({
        path: fc.tuple(...pathParameters.map(() => pathValue)),
        query,
        headers: fc.tuple(...headerParameters.map(() => fc.option(headerValue, { freq: 4 }))),
        auth,
        body: operation.body ? valueOf(operation.body, document, platform.clock.now()) : fc.constant(undefined),
        mutation: mutationArbitrary,
        contentType: fc.oneof({ weight: 9, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constant('text/plain') }),
        signed: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      })
      .map(({ path, query: pairs, headers: headerValues, auth: authorization, body, mutation, contentType, signed }) => {
        let url = operation.path;
        pathParameters.forEach((parameter, i) => {
          const value = path[i]!;
          // Raw percent sequences are sent as they are, to reach the server's own decoding.
          url = url.replace(`{${parameter.name}}`, value.includes('%') ? value : encodeURIComponent(value));
        });
        const headers: Record<string, string> = {};
        headerParameters.forEach((parameter, i) => {
          if (headerValues[i] !== null && headerValues[i] !== undefined) headers[parameter.name] = headerValues[i]!;
        });
        if (operation.security.includes('api-key') && authorization !== undefined) headers.authorization = authorization;
        if (operation.security.includes('admin-token')) headers['x-admin-token'] = authorization === undefined ? 'wrong-token' : ADMIN_TOKEN;
        const text = operation.body ? mutatedBody(body, mutation) : undefined;
        if (text !== undefined) headers['content-type'] = contentType;
        if (text !== undefined && operation.path.endsWith('/webhook') && signed)
          Object.assign(headers, signWebhook(WEBHOOK_SECRET, text, platform.clock.now()));
        return {
          path: url,
          query: pairs.map(([name, value]) => `${encodeURIComponent(name)}=${value.includes('%') ? value : encodeURIComponent(value)}`).join('&'),
          headers,
          ...(text === undefined ? {} : { body: text }),
          mutation: operation.body ? mutation.kind : 'parameters',
        };
      });
  }

  it(`answers every operation with a 2xx or a 4xx with the error body, never a 5xx (seed ${SEED})`, async () => {
    const operations = operationsOf(document);
    expect(operations.length).toBeGreaterThanOrEqual(15);
    const failures: string[] = [];
    const statuses = new Map<string, number>();
    let sent = 0;
    for (const [index, operation] of operations.entries()) {
      const requests = fc.sample(requestArbitrary(operation), { seed: SEED + index, numRuns: RUNS_PER_OPERATION });
      for (const request of requests) {
        const target = `${request.path}${request.query ? `?${request.query}` : ''}`;
        const answer = await send(operation.method, target, request.headers, request.body);
        sent += 1;
        const tally = `${operation.method} ${operation.path} ${answer.status}`;
        statuses.set(tally, (statuses.get(tally) ?? 0) + 1);
        const problem = judge(answer);
        if (problem !== undefined) {
          failures.push(`${operation.method} ${target.slice(0, 200)} (${request.mutation}; body ${String(request.body).slice(0, 200)}): ${problem}`);
        }
      }
    }
    console.log(
      `openapi fuzz, seed ${SEED}: ${sent} requests\n${[...statuses]
        .sort()
        .map(([k, n]) => `  ${k}: ${n}`)
        .join('\n')}`,
    );
    expect(sent).toBe(operations.length * RUNS_PER_OPERATION);
    expect(failures).toEqual([]);
  });
});

/** Why an answer breaks the rule, or undefined when it keeps it. */
function judge(answer: { status: number; contentType: string; text: string }): string | undefined {
  if (answer.status >= 500) return `${answer.status} ${answer.text.slice(0, 300)}`;
  if (answer.status < 400) return undefined;
  if (!answer.contentType.includes('application/json')) return `${answer.status} without a JSON body (${answer.contentType})`;
  const body = JSON.parse(answer.text) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
  const error = body.error;
  const wellFormed =
    typeof error === 'object' &&
    error !== null &&
    typeof error.code === 'string' &&
    typeof error.message === 'string' &&
    Object.keys(body).length === 1 &&
    (error.details === undefined || Array.isArray(error.details));
  return wellFormed ? undefined : `${answer.status} without the error body: ${answer.text.slice(0, 300)}`;
}
