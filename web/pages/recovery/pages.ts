import type { PageDef } from '../../nav';
import '../../i18n/recovery';
import { RebuildBoardPage } from './board';
import { RebuildCasePage } from './case-detail';
import { RebuildCasesPage } from './cases';
import { FundsPage } from './funds';
import { HouseholdsPage } from './households';
import { RecoveryMapPage } from './map';
import { NoticePrintPage } from './notice-print';
import { NoticesPage } from './notices';
import { RegisterHouseholdPage } from './register';
import { AidPage } from './aid';
import { HouseholdPage } from './household-edit';
import { RequisitionsPage } from './requisitions';
import { StandardsPage } from './standards';
import { SurveyPage } from './survey';
import { RosterPage } from './roster';
import { SpotCheckPage, SpotChecksPage } from './spot-checks';

const FIELD: PageDef['roles'] = ['reporter', 'officer', 'admin', 'auditor'];
const ABOVE: PageDef['roles'] = ['officer', 'admin', 'auditor'];

/** Recovery: one menu entry (the board); the sections are tabs on every recovery page (parts.tsx). */
export const RECOVERY_PAGES: PageDef[] = [
  { path: '/recovery', label: 'nav.recovery', roles: FIELD, component: RebuildBoardPage },
  { path: '/recovery/cases', label: 'nav.recoveryCases', roles: FIELD, component: RebuildCasesPage, hidden: true },
  { path: '/recovery/cases/:id', label: 'nav.recoveryCases', roles: FIELD, component: RebuildCasePage, hidden: true },
  { path: '/recovery/households', label: 'nav.households', roles: FIELD, component: HouseholdsPage, hidden: true },
  { path: '/recovery/households/new', label: 'nav.households', roles: ['reporter', 'officer', 'admin'], component: RegisterHouseholdPage, hidden: true },
  { path: '/recovery/households/:id', label: 'nav.households', roles: FIELD, component: HouseholdPage, hidden: true },
  { path: '/recovery/roster', label: 'nav.roster', roles: FIELD, component: RosterPage, hidden: true },
  { path: '/recovery/survey', label: 'nav.survey', roles: FIELD, component: SurveyPage, hidden: true },
  { path: '/recovery/aid', label: 'nav.aid', roles: FIELD, component: AidPage, hidden: true },
  { path: '/recovery/requisitions', label: 'nav.requisitions', roles: FIELD, component: RequisitionsPage, hidden: true },
  { path: '/recovery/standards', label: 'nav.standards', roles: FIELD, component: StandardsPage, hidden: true },
  { path: '/recovery/notices', label: 'nav.notices', roles: FIELD, component: NoticesPage, hidden: true },
  { path: '/recovery/notices/:id', label: 'nav.notices', roles: FIELD, component: NoticePrintPage, hidden: true },
  { path: '/recovery/spot-checks', label: 'nav.spotChecks', roles: ABOVE, component: SpotChecksPage, hidden: true },
  { path: '/recovery/spot-checks/:id', label: 'nav.spotChecks', roles: ABOVE, component: SpotCheckPage, hidden: true },
  { path: '/recovery/funds', label: 'nav.funds', roles: ABOVE, component: FundsPage, hidden: true },
  { path: '/recovery/map', label: 'nav.recoveryMap', roles: FIELD, component: RecoveryMapPage, hidden: true },
];
