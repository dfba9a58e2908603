import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ZodError } from 'zod';

/** The closed set of error codes a client can see, with their HTTP status. */
export const STATUS = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  INCONSISTENT_FIGURES: 400,
  EXPLANATION_REQUIRED: 400,
  IMPORT_FAILED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  OUT_OF_SCOPE: 403,
  FORBIDDEN_ROLE: 403,
  NOT_FOUND: 404,
  INSUFFICIENT_STOCK: 409,
  ALREADY_REVERSED: 409,
  NOT_REVERSIBLE: 409,
  INVALID_TRANSITION: 409,
  STALE_PLAN: 409,
  DUPLICATE: 409,
  ALREADY_EXISTS: 409,
  STAGE_CONFLICT: 409,
  REPORTING_CLOSED: 409,
  OUTSIDE_EVENT_AREA: 409,
  NOTICE_TOO_SHORT: 409,
  OBJECTIONS_OPEN: 409,
  ALREADY_PAID: 409,
  DUPLICATE_PAYMENT: 409,
  INSUFFICIENT_FUNDS: 409,
  ALLOCATION_MISMATCH: 409,
  EXCEEDS_APPROVED: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RANGE_NOT_SATISFIABLE: 416,
  RATE_LIMITED: 429,
} as const;
export type ErrorCode = keyof typeof STATUS;

export class DomainError extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly details?: unknown) {
    super(message);
  }
  get status() {
    return STATUS[this.code];
  }
}

export const notFound = (what: string, id: unknown) =>
  new DomainError('NOT_FOUND', `${what} not found`, { [what]: id });

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: { code, message, details: details ?? null } };
}

export function zodDetails(err: ZodError) {
  return err.issues.map((i) => ({ path: i.path.join('.'), code: i.code, message: i.message }));
}

// SQLite constraint names that mean a client-visible rule, not a server fault.
const CONSTRAINT_CODES: [RegExp, ErrorCode, string][] = [
  [/one_reversal_per_movement/, 'ALREADY_REVERSED', 'this movement has already been reversed'],
  [/CHECK constraint failed: .*quantity/, 'INSUFFICIENT_STOCK', 'not enough stock'],
];

/** One renderer for every error: clients get code/message/details, never a stack or SQL. */
export function renderError(err: unknown, c: Context) {
  if (err instanceof DomainError) return c.json(errorBody(err.code, err.message, err.details), err.status);
  if (err instanceof ZodError) return c.json(errorBody('VALIDATION_FAILED', 'invalid input', zodDetails(err)), 400);
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 400 && /json/i.test(err.message)) return c.json(errorBody('MALFORMED_JSON', 'request body is not valid JSON'), 400);
    if (status === 413) return c.json(errorBody('PAYLOAD_TOO_LARGE', 'request body too large'), 413);
    if (status === 401) return c.json(errorBody('UNAUTHENTICATED', 'sign in first'), 401);
    if (status < 500) return c.json(errorBody('VALIDATION_FAILED', err.message || 'bad request'), status);
  }
  const message = err instanceof Error ? err.message : String(err);
  for (const [re, code, msg] of CONSTRAINT_CODES) {
    if (re.test(message)) return c.json(errorBody(code, msg), STATUS[code]);
  }
  const requestId = c.get('requestId' as never) as string | undefined;
  console.error(`[${requestId ?? '-'}] unhandled error:`, err);
  return c.json(errorBody('INTERNAL', 'internal error; quote the request id to the administrator', { requestId }), 500);
}
