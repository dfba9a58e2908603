import type { ComponentType } from 'preact';
import type { Role } from './api/client';
import type { MessageKey } from './i18n/zh-CN';
import { HomePage } from './pages/home/index';
import { UsersPage } from './pages/admin/users';
import { SettingsPage } from './pages/settings';
import { STOCK_PAGES } from './pages/stock/pages';
import { REPORT_PAGES } from './pages/reports/pages';
import { RECOVERY_PAGES } from './pages/recovery/pages';
import { DISPATCH_PAGES } from './pages/dispatch/pages';
import { MAP_PAGES } from './pages/map/pages';
import { AUDIT_PAGES } from './pages/audit/pages';
import { TOWNSHIP_PAGES } from './pages/township/pages';

export interface PageDef {
  path: string;
  label: MessageKey | (string & {});
  roles: Role[] | 'all';
  component: ComponentType<{ params: Record<string, string> }>;
  /** Pages reached from other pages only (e.g. a depot's detail) stay out of the menu. */
  hidden?: boolean;
}

const ALL: Role[] | 'all' = 'all';

/** Every page, in menu order. A feature adds its pages here. */
export const PAGES: PageDef[] = [
  { path: '/', label: 'nav.home', roles: ALL, component: HomePage },
  ...MAP_PAGES,
  { path: '/admin/users', label: 'nav.users', roles: ['admin'], component: UsersPage },
  ...STOCK_PAGES,
  ...REPORT_PAGES,
  ...RECOVERY_PAGES,
  ...DISPATCH_PAGES,
  ...TOWNSHIP_PAGES,
  ...AUDIT_PAGES,
  { path: '/settings', label: 'nav.settings', roles: ALL, component: SettingsPage },
];
