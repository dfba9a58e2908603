import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context';
import { authRoutes } from './auth/routes';
import { userRoutes } from './users/routes';
import { geoRoutes, regionRoutes } from './regions/routes';
import { auditRoutes } from './audit/routes';
import { settingsRoutes, tilesRoutes } from './settings/routes';
import { mountStock } from './stock/mount';
import { mountReports } from './reports/mount';
import { recoveryRoutes } from './recovery/routes';
import { mountDispatch } from './dispatch/routes';

/** Every module's router, mounted under /api. A new module adds one line here. */
export function mountModules(app: OpenAPIHono<AppEnv>) {
  app.route('/api/auth', authRoutes());
  app.route('/api/users', userRoutes());
  app.route('/api/regions', regionRoutes());
  app.route('/api/geo', geoRoutes());
  app.route('/api/audit', auditRoutes());
  app.route('/api/settings', settingsRoutes());
  app.route('/api/tiles', tilesRoutes());
  mountStock(app);
  mountReports(app);
  app.route('/api', recoveryRoutes());
  mountDispatch(app);
}
