import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { Scalar } from '@scalar/hono-api-reference';
import { serveStatic } from '@hono/node-server/serve-static';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { Db } from '../db/client';
import type { AppConfig } from './config';
import type { AppEnv } from './context';
import { errorBody, renderError } from './http/errors';
import { auditorsReadOnly, requireSignIn } from './http/auth';
import { idempotency } from './http/idempotency';
import { accessLog } from './http/access-log';
import { loadRegionTree } from './modules/regions/service';
import { mountModules } from './modules/mount';

const WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));
const SCALAR_JS = fileURLToPath(new URL('../node_modules/@scalar/api-reference/dist/browser/standalone.js', import.meta.url));

/** Builds the whole HTTP app without listening: server.ts serves it, tests call app.request(). */
export function createApp(db: Db, config: AppConfig) {
  const deps = { db, tree: loadRegionTree(db), config };
  const app = new OpenAPIHono<AppEnv>();

  app.use('*', requestId());
  app.use('*', async (c, next) => {
    c.set('deps', deps);
    return next();
  });
  if (config.logRequests) app.use('*', accessLog());
  app.use('*', secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", "'unsafe-inline'"], // the API reference page boots with an inline script
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:', ...tileHosts(config)],
      connectSrc: ["'self'", ...tileHosts(config)],
      workerSrc: ["'self'", 'blob:'],
      fontSrc: ["'self'", 'data:'],
    },
    crossOriginEmbedderPolicy: false,
  }));
  // Imports carry spreadsheets and receipts carry a photo; everything else is small JSON.
  // hono's bodyLimit reads c.req.raw.body first, which makes @hono/node-server build a full web
  // Request and stream for every request (~20% of a report POST's CPU in scripts/load). A declared
  // Content-Length is checked here without touching the body, as bodyLimit itself does once it has
  // that stream; GET/HEAD bodies are never read; only chunked bodies go through bodyLimit.
  const MAX_BODY = 12 * 1024 * 1024;
  const tooLarge = (c: Context<AppEnv>) => c.json(errorBody('PAYLOAD_TOO_LARGE', 'request body too large (max 12 MB)'), 413);
  const limitStream = bodyLimit({ maxSize: MAX_BODY, onError: tooLarge });
  app.use('/api/*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (parseInt(length, 10) > MAX_BODY) return tooLarge(c);
      return next();
    }
    return limitStream(c, next);
  });
  app.onError(renderError);

  app.get('/api/health', (c) => {
    const row = db.$client.prepare('SELECT count(*) AS n FROM regions').get() as { n: number };
    return c.json({ ok: true, regions: row.n, time: new Date().toISOString() });
  });
  app.use('/api/*', requireSignIn());
  app.use('/api/*', auditorsReadOnly());
  app.use('/api/*', idempotency());

  mountModules(app);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  app.doc('/api/openapi.json', {
    openapi: '3.0.3',
    info: { title: '救灾物资储备与调度系统 API', version: '0.1.0', description: 'Disaster relief reserve and dispatch system. Sign in with POST /api/auth/login and send Authorization: Bearer <token>.' },
  });
  app.get('/api/docs/scalar.js', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    return c.body(readFileSync(SCALAR_JS), 200, { 'content-type': 'text/javascript' });
  });
  // Served from our own node_modules so the reference works with no internet access.
  app.get('/api/docs', Scalar({ url: '/api/openapi.json', cdn: '/api/docs/scalar.js', pageTitle: '救灾物资储备与调度系统 API' }));

  app.all('/api/*', (c) => c.json(errorBody('NOT_FOUND', `no route ${c.req.method} ${c.req.path}`), 404));

  if (existsSync(WEB_DIST)) {
    const root = relative(process.cwd(), WEB_DIST) || '.';
    app.use('/*', serveStatic({ root }));
    const index = () => readFileSync(`${WEB_DIST}/index.html`, 'utf8');
    app.get('*', (c) => c.html(index()));
  } else {
    app.get('*', (c) => c.text('The web UI is not built yet: run `npm run build`.', 503));
  }
  return app;
}

function tileHosts(config: AppConfig): string[] {
  const hosts: string[] = [];
  if (config.tiandituKey) hosts.push('https://*.tianditu.gov.cn');
  if (config.xyzTilesUrl) {
    try {
      hosts.push(new URL(config.xyzTilesUrl.replace(/\{[a-z]\}/g, '0')).origin);
    } catch {
      /* an unparsable URL simply gets no CSP allowance */
    }
  }
  return hosts;
}

export type App = ReturnType<typeof createApp>;
