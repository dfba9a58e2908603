import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { errorBody, zodDetails } from './errors';

/** Every module's router: zod validation failures become our 400 error JSON. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return c.json(errorBody('VALIDATION_FAILED', 'invalid input', zodDetails(result.error)), 400);
    },
  });
}

type RouteSpec = Parameters<typeof createRoute>[0];

/** A documented route; the request schemas given here are the ones the handler validates with. */
export function route<R extends Omit<RouteSpec, 'responses'> & { responses?: RouteSpec['responses'] }>(spec: R) {
  const ok = spec.method === 'post' ? 201 : 200;
  return createRoute({
    security: [{ bearer: [] }],
    ...spec,
    responses: spec.responses ?? { [ok]: { description: 'OK' }, 400: { description: 'invalid input' }, 401: { description: 'not signed in' }, 403: { description: 'outside your role or region' } },
  } as R & { responses: RouteSpec['responses'] });
}

export function jsonBody<T>(schema: T, description?: string) {
  return { body: { content: { 'application/json': { schema } }, required: true, description } } as const;
}
