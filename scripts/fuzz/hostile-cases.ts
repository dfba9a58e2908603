// Hostile requests for every operation of the OpenAPI document, generated with fast-check. Each
// case is built to be INVALID (a wrong type, a hostile string where a code belongs, malformed JSON,
// a giant body or header), so the only right answer is a 4xx JSON error that changes nothing.
import fc from 'fast-check';

export interface Operation {
  method: string;
  path: string; // OpenAPI template, e.g. /api/depots/{id}
  pathParams: { name: string; schema: JsonSchema }[];
  queryParams: { name: string; schema: JsonSchema }[];
  body: JsonSchema | null;
}
type JsonSchema = { type?: string | string[]; properties?: Record<string, JsonSchema>; required?: string[]; enum?: unknown[]; items?: JsonSchema; anyOf?: JsonSchema[]; oneOf?: JsonSchema[] };

export interface HostileRequest {
  op: Operation;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  kind: string;
}

export function operationsOf(doc: { paths: Record<string, Record<string, { parameters?: { in: string; name: string; schema: JsonSchema }[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      pathParams: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
      queryParams: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema })),
      body: op.requestBody?.content?.['application/json']?.schema ?? null,
    })));
}

const SQL = ["' OR 1=1 --", '1; DROP TABLE stock_movements;', "\" UNION SELECT password_hash FROM users --", '%00', '../../etc/passwd', '${7*7}', '<script>alert(1)</script>'];
const UNICODE = ['\u0000', '\uFEFF', '\u202E', '𠮷𠮷𠮷', 'Ａ１２３', '\uD800', '🧨'.repeat(50), 'é'.normalize('NFD')];
const hostileString = fc.oneof(fc.constantFrom(...SQL, ...UNICODE), fc.string({ maxLength: 40 }), fc.constant('x'.repeat(100_000)));
const hostileNumber = fc.constantFrom(-1, 0, -0, 1.5, 1e309, -1e309, Number.MAX_SAFE_INTEGER + 2, 2 ** 63, -(2 ** 31) - 1);
const deep = (depth: number): unknown => (depth === 0 ? 1 : { a: deep(depth - 1) });

/** A value that cannot satisfy the schema of one property. */
function wrongFor(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  const t = Array.isArray(schema?.type) ? schema!.type[0] : schema?.type;
  if (schema?.enum) return fc.oneof(fc.constantFrom(...SQL), hostileNumber, fc.constant(null));
  switch (t) {
    case 'integer': return fc.oneof(fc.constantFrom(1.5, 1e309, -1e309, Number.MAX_SAFE_INTEGER + 2), hostileString, fc.constant([1]), fc.constant({}));
    case 'number': return fc.oneof(hostileString, fc.constant({}), fc.constant([]), fc.constant(true));
    case 'boolean': return fc.oneof(hostileString, hostileNumber, fc.constant({}));
    case 'array': return fc.oneof(hostileString, hostileNumber, fc.constant({ length: 1 }));
    case 'object': return fc.oneof(hostileString, hostileNumber, fc.constant([]));
    default: return fc.oneof(hostileNumber, fc.constant({ $gt: '' }), fc.constant([SQL[0]]), fc.constant(deep(200)), fc.constant(true));
  }
}

function fillPath(op: Operation, values: Record<string, string>) {
  return op.path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(values[name] ?? '1'));
}

const pathValue = fc.oneof(fc.constantFrom(...SQL, '-1', '0', '1.5', '99999999999999999999', 'NaN', '%', '..', '%2e%2e'), fc.string({ minLength: 1, maxLength: 20 })
  // a random string that reads as a number (e.g. "9") may name a real record: valid, not hostile
  .filter((v) => v.trim() === '' || !Number.isFinite(Number(v))));

/** One arbitrary that yields a hostile request for any of the operations. */
export function hostileRequest(ops: Operation[], token: string): fc.Arbitrary<HostileRequest> {
  return fc.constantFrom(...ops).chain((op) => {
    const auth = { authorization: `Bearer ${token}` };
    const json = { ...auth, 'content-type': 'application/json' };
    const base = (kind: string, parts: Partial<HostileRequest>): HostileRequest => ({ op, method: op.method, url: fillPath(op, {}), headers: json, kind, ...parts });
    const variants: fc.Arbitrary<HostileRequest>[] = [];

    if (op.body) {
      const props = Object.keys(op.body.properties ?? {});
      const target = [...(op.body.required ?? []), ...props];
      if (target.length) {
        variants.push(fc.tuple(fc.constantFrom(...target), fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })).chain(([key, noise]) =>
          wrongFor(op.body!.properties?.[key]).map((bad) => base(`wrong type for ${key}`, { body: safeStringify({ ...noise, [key]: bad }) }))));
      }
      variants.push(fc.constantFrom('{', '{"a":', '[1,2', 'null', '"text"', '42', 'undefined', '\u0000', '{"__proto__": {"admin": true}}]').map((b) => base('malformed or non-object JSON', { body: b })));
      variants.push(fc.constant(base('not JSON at all', { headers: { ...auth, 'content-type': 'text/plain' }, body: 'quantity=5' })));
      variants.push(fc.constant(base('deeply nested JSON', { body: JSON.stringify(deep(3000)) })));
    }
    if (op.pathParams.length) {
      variants.push(fc.array(pathValue, { minLength: op.pathParams.length, maxLength: op.pathParams.length }).map((vals) =>
        base('hostile path parameter', { url: fillPath(op, Object.fromEntries(op.pathParams.map((p, i) => [p.name, vals[i]]))), body: op.body ? '{' : undefined })));
    }
    if (op.queryParams.length) {
      variants.push(fc.tuple(fc.constantFrom(...op.queryParams), fc.oneof(fc.constantFrom(...SQL, '-1', '1e999', 'NaN', '[object Object]', ''),
        // a random string that reads as a number (e.g. "1") may be a perfectly valid value, not hostile input
        fc.string({ maxLength: 5000 }).filter((s) => s.trim() === '' || !Number.isFinite(Number(s))))).map(([p, v]) => {
        // Only values the parameter's own schema refuses count as hostile; strings may legally be anything.
        const t = Array.isArray(p.schema?.type) ? p.schema.type[0] : p.schema?.type;
        const value = t === 'string' && !p.schema.enum ? `${SQL[0]}${'x'.repeat(5000)}` : v;
        return base(`hostile query ${p.name}`, { url: `${fillPath(op, {})}?${p.name}=${encodeURIComponent(value)}`, body: op.body ? '{' : undefined });
      }));
    }
    // The key is read on POSTs only; on other methods it is an ignored header, not hostile input.
    if (op.method === 'POST') variants.push(fc.constant(base('idempotency key too long', { headers: { ...json, 'idempotency-key': 'k'.repeat(5000) }, body: op.body ? '{"x":' : undefined })));
    variants.push(fc.constantFrom('Bearer ' + "' OR 1=1 --", 'Basic YWRtaW46YWRtaW4=', 'Bearer', 'Bearer ' + 'a'.repeat(10_000)).map((h) => base('hostile authorization', { headers: { 'content-type': 'application/json', authorization: h }, body: op.body ? '{}' : undefined })));
    return fc.oneof(...variants);
  });
}

function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return '{"x": ';
  }
}

export interface CaseOutcome {
  ok: boolean;
  status: number;
  reason?: string;
}

/** Sends one case to an in-process app and judges the answer. */
export async function judge(app: { request: (url: string, init: RequestInit) => Response | Promise<Response> }, r: HostileRequest, timeoutMs = 5000): Promise<CaseOutcome> {
  const res = await Promise.race([
    app.request(r.url, { method: r.method, headers: r.headers, body: r.body }),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs)),
  ]);
  if (!res) return { ok: false, status: 0, reason: 'no answer within the time limit' };
  const text = await res.text();
  if (res.status < 400 || res.status >= 500) return { ok: false, status: res.status, reason: `status ${res.status}: ${text.slice(0, 200)}` };
  let body: { error?: { code?: unknown } } | null = null;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, status: res.status, reason: 'error body is not JSON' };
  }
  if (typeof body?.error?.code !== 'string') return { ok: false, status: res.status, reason: 'error body has no code' };
  if (/\bat .*\.(ts|js):\d+|SQLITE|sqlite3|SELECT |INSERT /.test(text)) return { ok: false, status: res.status, reason: 'error leaks a stack trace or SQL' };
  return { ok: true, status: res.status };
}
