import type { PageDef } from '../../nav';
import '../../i18n/audit';
import { AuditPage } from './audit-page';

export const AUDIT_PAGES: PageDef[] = [
  { path: '/audit', label: 'nav.audit', roles: ['auditor', 'admin'], component: AuditPage },
];
