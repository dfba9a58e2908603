import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../context';
import { depotRoutes, itemRoutes } from './catalogue-routes';
import { donationRoutes, publicDonationRoutes } from './donation-routes';
import { stockExcelRoutes } from './excel-routes';
import { stockRoutes } from './routes';
import { shipmentRoutes } from './shipment-routes';
import { reserveRoutes, stockWorkflowRoutes } from './workflow-routes';

/** The stock module's routers: catalogue, depots, ledger, shipments, reserve, donations. */
export function mountStock(app: OpenAPIHono<AppEnv>) {
  app.route('/api/items', itemRoutes());
  app.route('/api/depots', depotRoutes());
  app.route('/api/stock', stockRoutes());
  app.route('/api/stock', stockWorkflowRoutes());
  app.route('/api/stock', stockExcelRoutes());
  app.route('/api/shipments', shipmentRoutes());
  app.route('/api/reserve', reserveRoutes());
  app.route('/api/donations', donationRoutes());
  app.route('/api/public/donations', publicDonationRoutes());
}
