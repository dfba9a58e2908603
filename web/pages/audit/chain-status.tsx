import { formatCount, formatDateTime, t } from '../../i18n/index';
import type { ChainCheck } from './audit-api';

/** The result of walking the hash chain, in words an auditor can put in a report. */
export function ChainStatus({ check, at }: { check: ChainCheck | null; at: string | null }) {
  if (!check) return null;
  return (
    <p class={check.ok ? 'ok' : 'error'} role="status" data-testid="chain-status">
      {check.ok ? t('audit.chain.ok', { n: formatCount(check.checked) }) : t('audit.chain.broken', { id: check.firstBrokenId ?? '?', n: formatCount(check.checked) })}
      {at && <span class="small"> · {t('audit.chain.at', { at: formatDateTime(at) })}</span>}
    </p>
  );
}
