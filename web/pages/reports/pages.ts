import type { PageDef } from '../../nav';
import '../../i18n/reports';
import { TownshipReportPage } from '../township/report';
import { EventDashboardPage } from './dashboard';
import { EventsPage } from './events';
import { ResponseRulesPage } from './rules';

/** Township reporting (phone) and the officers' event pages. */
export const REPORT_PAGES: PageDef[] = [
  { path: '/township/report', label: 'nav.report', roles: ['reporter', 'officer', 'admin'], component: TownshipReportPage },
  { path: '/events', label: 'nav.events', roles: ['officer', 'admin', 'auditor'], component: EventsPage },
  { path: '/events/:id', label: 'nav.event', roles: ['officer', 'admin', 'auditor'], component: EventDashboardPage, hidden: true },
  { path: '/response-rules', label: 'nav.rules', roles: ['officer', 'admin', 'auditor'], component: ResponseRulesPage },
  { path: '/response-rules/:code', label: 'nav.rules', roles: ['officer', 'admin', 'auditor'], component: ResponseRulesPage, hidden: true },
];
