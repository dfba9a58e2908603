import { z } from 'zod';
import { newRouter, route, jsonBody } from '../../http/router';
import { DomainError } from '../../http/errors';
import { LoginRateLimiter } from './rate-limit';
import { LoginInput } from './schemas';
import { signIn, signOut } from './service';

export function authRoutes(limiter = new LoginRateLimiter()) {
  const r = newRouter();

  r.openapi(route({ method: 'post', path: '/login', tags: ['auth'], summary: '登录 Sign in', security: [], request: jsonBody(LoginInput),
    responses: { 200: { description: '{token, user}' }, 401: { description: 'wrong username or password' }, 429: { description: 'too many failures' } } }),
  async (c) => {
    const { db, tree, config } = c.var.deps;
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
    const address = incoming?.socket?.remoteAddress ?? 'local';
    try {
      const out = await signIn(db, tree, limiter, c.req.valid('json'), address, c.var.requestId, config.sessionHours);
      return c.json(out, 200);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'RATE_LIMITED') c.header('Retry-After', String((e.details as { retryAfterSeconds: number }).retryAfterSeconds));
      throw e;
    }
  });

  r.openapi(route({ method: 'post', path: '/logout', tags: ['auth'], summary: '退出 Sign out (revokes the token)', responses: { 200: { description: 'signed out' } } }), (c) => {
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')![1];
    signOut(c.var.deps.db, c.var.deps.tree, token, c.var.actor, c.var.requestId);
    return c.json({ ok: true }, 200);
  });

  r.openapi(route({ method: 'get', path: '/me', tags: ['auth'], summary: 'The signed-in user', request: { query: z.object({}) } }), (c) => c.json({ user: c.var.actor }, 200));
  return r;
}
