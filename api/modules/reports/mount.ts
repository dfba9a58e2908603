import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context';
import { eventRoutes } from '../events/routes';
import { eventResponseRoutes, responseRuleRoutes } from '../response/routes';
import { eventReportRoutes, reportRoutes } from './routes';
import { eventExchangeRoutes } from './exchange/routes';

/** Events, their township reports, the roll-up and the response levels. */
export function mountReports(app: OpenAPIHono<AppEnv>) {
  app.route('/api/events', eventRoutes());
  app.route('/api/events', eventReportRoutes());
  app.route('/api/events', eventExchangeRoutes());
  app.route('/api/events', eventResponseRoutes());
  app.route('/api/reports', reportRoutes());
  app.route('/api/response-rules', responseRuleRoutes());
}
