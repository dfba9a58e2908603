// Small pieces the recovery pages share: status and flag tags, money and date inputs, links.
import type { ComponentChildren } from 'preact';
import type { OverdueFlag } from '../../api/recovery';
import { formatDateTime, t } from '../../i18n/index';
import { navigate } from '../../router';
import '../../i18n/recovery';

export { fenToYuan, yuanToFen } from './money';

/** <input type=datetime-local> value for an instant, in the device's zone (Asia/Shanghai in the field). */
export function localInput(d: Date): string {
  const off = d.getTimezoneOffset() * 60_000;
  return new Date(d.getTime() - off).toISOString().slice(0, 16);
}
export const fromLocalInput = (v: string) => new Date(v).toISOString();
export const dayOnly = (iso: string | null | undefined) => (iso ? formatDateTime(iso).slice(0, 10) : '—');

const STATUS_CLASS: Record<string, string> = {
  rejected: 'st-bad', moved_in: 'st-done', completed: 'st-blue', started: 'st-amber', county_approved: 'st-orange',
};
export function StatusTag({ status }: { status: string }) {
  return <span class={`tag status ${STATUS_CLASS[status] ?? 'st-review'}`} data-status={status}>{t(`rec.status.${status}`)}</span>;
}

export function Flags({ flags }: { flags: string[] }) {
  return <>{flags.filter((f) => f !== 'general').map((f) => <span class="tag flag">{t(`rec.flag.${f}`)}</span>)}</>;
}

export function OverdueTags({ overdue }: { overdue: OverdueFlag[] }) {
  return <>{overdue.map((o) => <span class="tag overdue" title={formatDateTime(o.dueAt)}>{t(`rec.overdue.${o.step}`)}</span>)}</>;
}

export function Link({ href, children, testid }: { href: string; children: ComponentChildren; testid?: string }) {
  return <a href={href} data-testid={testid} onClick={(e) => { e.preventDefault(); navigate(href); }}>{children}</a>;
}

const TABS: { path: string; label: string; roles?: string[] }[] = [
  { path: '/recovery', label: 'nav.recoveryBoard' },
  { path: '/recovery/cases', label: 'nav.recoveryCases' },
  { path: '/recovery/households', label: 'nav.households' },
  { path: '/recovery/survey', label: 'nav.survey' },
  { path: '/recovery/roster', label: 'nav.roster' },
  { path: '/recovery/aid', label: 'nav.aid' },
  { path: '/recovery/requisitions', label: 'nav.requisitions', roles: ['officer', 'admin', 'auditor'] },
  { path: '/recovery/notices', label: 'nav.notices' },
  { path: '/recovery/spot-checks', label: 'nav.spotChecks', roles: ['officer', 'admin', 'auditor'] },
  { path: '/recovery/funds', label: 'nav.funds', roles: ['officer', 'admin', 'auditor'] },
  { path: '/recovery/standards', label: 'nav.standards' },
  { path: '/recovery/map', label: 'nav.recoveryMap' },
];

/** The recovery sections as tabs: one menu entry on top, the sections here (they scroll on a phone). */
export function RecoveryTabs({ role }: { role: string }) {
  const here = location.pathname;
  const current = TABS.filter((x) => here === x.path || here.startsWith(`${x.path}/`)).sort((a, b) => b.path.length - a.path.length)[0];
  return (
    <nav class="rec-tabs no-print" aria-label={t('nav.recovery')}>
      {TABS.filter((x) => !x.roles || x.roles.includes(role)).map((x) => (
        <a href={x.path} class={current === x ? 'active' : ''} aria-current={current === x ? 'page' : undefined}
          onClick={(e) => { e.preventDefault(); navigate(x.path); }}>{t(x.label)}</a>
      ))}
    </nav>
  );
}
