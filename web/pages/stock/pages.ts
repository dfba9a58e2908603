import type { PageDef } from '../../nav';
import '../../i18n/stock';
import { AdequacyPage } from './adequacy';
import { AlertsPage } from './alerts';
import { CataloguePage } from './catalogue';
import { NewDepotPage } from './depot-form';
import { DonationsPage } from './donations';
import { DeliveriesPage } from './deliveries';
import { DepotPage } from './depot';
import { DepotsPage } from './depots';
import { LotLabelPage } from './label';
import { StocktakePage } from './stocktake';
import { WriteoffsPage } from './writeoffs';

/** The stock module's pages, in menu order (nav.ts spreads them into PAGES). */
export const STOCK_PAGES: PageDef[] = [
  { path: '/stock', label: 'nav.stock', roles: ['keeper', 'officer', 'admin', 'auditor'], component: DepotsPage },
  { path: '/stock/register-depot', label: 'stock.depot.new', roles: ['officer', 'admin'], component: NewDepotPage, hidden: true },
  { path: '/stock/items', label: 'nav.catalogue', roles: ['keeper', 'officer', 'admin', 'auditor'], component: CataloguePage, hidden: true },
  { path: '/stock/depots/:id', label: 'nav.stock', roles: ['keeper', 'officer', 'admin', 'auditor'], component: DepotPage, hidden: true },
  { path: '/stock/stocktakes/:id', label: 'nav.stock', roles: ['keeper', 'officer', 'admin', 'auditor'], component: StocktakePage, hidden: true },
  { path: '/stock/lots/:id/label', label: 'nav.stock', roles: ['keeper', 'officer', 'admin', 'auditor'], component: LotLabelPage, hidden: true },
  { path: '/stock/writeoffs', label: 'nav.writeoffs', roles: ['keeper', 'officer', 'admin', 'auditor'], component: WriteoffsPage },
  { path: '/stock/alerts', label: 'nav.stockAlerts', roles: ['keeper', 'officer', 'admin', 'auditor'], component: AlertsPage },
  { path: '/stock/adequacy', label: 'nav.adequacy', roles: ['officer', 'admin', 'auditor'], component: AdequacyPage },
  { path: '/stock/donations', label: 'nav.donations', roles: ['keeper', 'officer', 'admin', 'auditor'], component: DonationsPage },
  { path: '/stock/deliveries', label: 'nav.deliveries', roles: ['reporter', 'officer'], component: DeliveriesPage },
];
