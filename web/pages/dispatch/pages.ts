import type { PageDef } from '../../nav';
import '../../i18n/dispatch';
import { DispatchHomePage } from './home';
import { SupplyRequestsPage } from './requests';
import { DispatchShipmentsPage } from './shipments';
import { WaybillPage } from './waybill';
import { PlanWorkspacePage } from './workspace';

/** Dispatch planning (officers), shipments (keepers too), waybills and supply requests. */
export const DISPATCH_PAGES: PageDef[] = [
  { path: '/dispatch', label: 'nav.dispatch', roles: ['officer', 'admin', 'auditor'], component: DispatchHomePage },
  { path: '/dispatch/events/:eventId/plan', label: 'nav.dispatch', roles: ['officer', 'admin'], component: PlanWorkspacePage, hidden: true },
  { path: '/dispatch/plans/:id', label: 'nav.dispatch', roles: ['officer', 'admin', 'auditor'], component: PlanWorkspacePage, hidden: true },
  { path: '/dispatch/shipments', label: 'nav.dispatchShipments', roles: ['keeper', 'officer', 'admin', 'auditor'], component: DispatchShipmentsPage },
  { path: '/dispatch/waybills/:id', label: 'nav.dispatchShipments', roles: ['keeper', 'officer', 'admin', 'auditor', 'reporter'], component: WaybillPage, hidden: true },
  { path: '/dispatch/requests', label: 'nav.supplyRequests', roles: ['reporter', 'officer', 'admin', 'auditor'], component: SupplyRequestsPage },
];
