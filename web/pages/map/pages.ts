import type { PageDef } from '../../nav';
import '../../i18n/map';
import { PlanningMapPage } from './planning-map-page';

export const MAP_PAGES: PageDef[] = [
  { path: '/map', label: 'nav.map', roles: ['officer', 'admin', 'auditor'], component: PlanningMapPage },
];
