import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';

/** One line per request: never headers, bodies or query strings (tokens and ID numbers live there). */
export function accessLog(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const t0 = performance.now();
    await next();
    const ms = (performance.now() - t0).toFixed(1);
    const who = c.get('actor')?.username ?? '-';
    console.log(`${new Date().toISOString()} ${c.var.requestId} ${who} ${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms`);
  };
}
