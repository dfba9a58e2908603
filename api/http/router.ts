import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Role } from '../modules/users/schemas';
import { errorBody, zodDetails } from './errors';
import { assertRole } from './scope';

/** Every module's router: zod validation failures become our 400 error JSON. */
export function newRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) return c.json(errorBody('VALIDATION_FAILED', 'invalid input', zodDetails(result.error)), 400);
    },
  });
}

type RouteSpec = Parameters<typeof createRoute>[0];

/** Refuses other roles before the body is even validated: a forbidden caller learns nothing more. */
export const allowRoles = (...roles: Role[]): MiddlewareHandler<AppEnv> => async (c, next) => {
  assertRole(c.var.actor, ...roles);
  await next();
};

/**
 * A documented route; the request schemas given here are the ones the handler validates with.
 * `roles` limits who may call it (checked before validation) and is written into the docs.
 */
export function route<R extends Omit<RouteSpec, 'responses'> & { responses?: RouteSpec['responses']; roles?: Role[] }>(spec: R) {
  const ok = spec.method === 'post' ? 201 : 200;
  const { roles, ...rest } = spec;
  return createRoute({
    security: [{ bearer: [] }],
    ...rest,
    ...(roles ? { middleware: [allowRoles(...roles)], description: `${rest.description ?? ''}\n\nRoles: ${roles.join(', ')}`.trim() } : {}),
    responses: spec.responses ?? { [ok]: { description: 'OK' }, 400: { description: 'invalid input' }, 401: { description: 'not signed in' }, 403: { description: 'outside your role or region' } },
  } as unknown as Omit<R, 'roles'> & { responses: RouteSpec['responses'] });
}

export function jsonBody<T>(schema: T, description?: string) {
  return { body: { content: { 'application/json': { schema: strictInput(schema) } }, required: true, description } } as const;
}

/**
 * Request bodies refuse unknown fields: a field client's typo ("quantitiy") must be an error the
 * user sees, not a value silently dropped. Applied to objects inside unions too.
 */
export function strictInput<T>(schema: T): T {
  if (schema instanceof z.ZodObject) return schema.strict() as T;
  if (schema instanceof z.ZodDiscriminatedUnion) {
    const def = (schema as unknown as { _zod: { def: { discriminator: string } } })._zod.def;
    return z.discriminatedUnion(def.discriminator, schema.options.map((o) => strictInput(o)) as never) as T;
  }
  if (schema instanceof z.ZodUnion) return z.union(schema.options.map((o) => strictInput(o)) as never) as T;
  return schema;
}
