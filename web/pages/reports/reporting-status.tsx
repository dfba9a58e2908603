// 报送进度: how many townships reported, what waits, what was returned for correction, and which
// townships a 核报 closed — with the officer's 重新开放 for those.
import { useState } from 'preact/hooks';
import { reportsApi, type ReportingStatus } from '../../api/reports';
import { formatDateTime, t } from '../../i18n/index';
import '../../i18n/reports';
import { ErrorBox } from '../../ui/error-box';

export function ReportingStatusCard({ eventId, status, canReopen, onChanged }: { eventId: number; status: ReportingStatus; canReopen: boolean; onChanged: (message: string) => void }) {
  const [reopening, setReopening] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const closed = status.townships.filter((x) => x.closed);
  const returned = status.townships.filter((x) => x.reviewState === 'returned');
  const c = status.counts;

  async function reopen(code: string, name: string) {
    setError(null);
    try {
      await reportsApi.reopen(eventId, code, reason.trim() || undefined);
      setReopening(null);
      setReason('');
      onChanged(t('st.reopened', { name }));
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section class="card" data-testid="reporting-status">
      <h3>{t('st.title')}</h3>
      <dl class="status-counts">
        <div><dt>{t('st.townships')}</dt><dd>{c.townships}</dd></div>
        <div><dt>{t('st.reported')}</dt><dd>{c.reported}</dd></div>
        <div><dt>{t('st.pending')}</dt><dd>{c.pending}</dd></div>
        <div><dt>{t('st.accepted')}</dt><dd>{c.accepted}</dd></div>
        <div class={c.returned ? 'warn-text' : ''}><dt>{t('st.returned')}</dt><dd>{c.returned}</dd></div>
        <div><dt>{t('st.closed')}</dt><dd>{c.closed}</dd></div>
        <div class={c.overdue ? 'bad' : ''}><dt>{t('st.overdue')}</dt><dd>{c.overdue}</dd></div>
      </dl>
      {returned.length > 0 && (
        <>
          <h4>{t('st.returnedList')}</h4>
          <ul class="status-list" data-testid="returned-townships">
            {returned.map((x) => <li><strong>{x.name}</strong> <span class="muted small">{x.countyName}</span> {x.latest && <small class="muted">· {t(`stage.${x.latest.stage}`)} {formatDateTime(x.latest.submittedAt)}</small>}</li>)}
          </ul>
        </>
      )}
      <h4>{t('st.closedList')}</h4>
      {closed.length === 0 ? <p class="muted">{t('st.closedNone')}</p> : (
        <ul class="status-list" data-testid="closed-townships">
          {closed.map((x) => (
            <li data-township={x.regionCode}>
              <strong>{x.name}</strong> <span class="muted small">{x.countyName}</span>
              {x.latest && <small class="muted"> · {t(`stage.${x.latest.stage}`)} {formatDateTime(x.latest.submittedAt)}</small>}
              {canReopen && (reopening === x.regionCode ? (
                <div class="return-row">
                  <input placeholder={t('st.reopenReason')} value={reason} onInput={(e) => setReason(e.currentTarget.value)} maxLength={500} />
                  <button type="button" class="primary" onClick={() => reopen(x.regionCode, x.name)} data-testid={`reopen-confirm-${x.regionCode}`}>{t('st.reopen')}</button>
                </div>
              ) : (
                <button type="button" class="link" onClick={() => { setReopening(x.regionCode); setReason(''); }} data-testid={`reopen-${x.regionCode}`}>{t('st.reopen')}</button>
              ))}
            </li>
          ))}
        </ul>
      )}
      <ErrorBox error={error} />
    </section>
  );
}
