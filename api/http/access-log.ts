import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context';

// Lines are gathered and printed once per turn of the event loop: one console.log (one write(2))
// for a burst of requests instead of one each (stdout to a file or pipe is synchronous in Node).
// A line is printed at most one turn after its response; whatever is pending is printed on exit.
let pending: string[] = [];
let scheduled = false;
function writePending() {
  scheduled = false;
  if (!pending.length) return;
  const text = pending.join('\n');
  pending = [];
  console.log(text);
}
process.on('exit', writePending);

/** One line per request: never headers, bodies or query strings (tokens and ID numbers live there). */
export function accessLog(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const t0 = performance.now();
    await next();
    const ms = (performance.now() - t0).toFixed(1);
    const who = c.get('actor')?.username ?? '-';
    pending.push(`${new Date().toISOString()} ${c.var.requestId} ${who} ${c.req.method} ${c.req.path} ${c.res.status} ${ms}ms`);
    if (!scheduled) {
      scheduled = true;
      setImmediate(writePending);
    }
  };
}
