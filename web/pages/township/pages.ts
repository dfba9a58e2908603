import type { PageDef } from '../../nav';
import '../../i18n/township';
import { RegisterHouseholdPage } from '../recovery/register';
import { DistributePage } from './distribute';
import { OutboxPage } from './outbox';

/**
 * Township field pages (phone, offline-first): recording winter-relief distributions and the
 * device's outbox. The report form is registered with the reports pages; household registration
 * with the recovery pages (/recovery/households/new), and for
 * township staff also here, in their menu.
 */
export const TOWNSHIP_PAGES: PageDef[] = [
  // The same form as /recovery/households/new, one tap from the menu for township staff.
  { path: '/township/register', label: 'nav.registerHousehold', roles: ['reporter'], component: RegisterHouseholdPage },
  { path: '/township/distributions', label: 'nav.distributions', roles: ['reporter', 'officer', 'admin'], component: DistributePage },
  { path: '/township/outbox', label: 'nav.outbox', roles: ['reporter', 'officer', 'admin'], component: OutboxPage },
];
