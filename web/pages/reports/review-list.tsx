import { useState } from 'preact/hooks';
import { reportsApi, type ReportOut } from '../../api/reports';
import { FIGURE_FIELDS, type FigureKey } from '../../../api/modules/reports/schemas';
import { formatCount, formatDateTime, getLang, t } from '../../i18n/index';
import '../../i18n/reports';
import { ErrorBox } from '../../ui/error-box';

const SHOWN: FigureKey[] = ['affected', 'deaths', 'missing', 'relocated', 'needEmergencyAid', 'collapsedRooms', 'severeRooms', 'livestockDeaths'];
const label = (k: FigureKey) => (getLang() === 'en' ? FIGURE_FIELDS[k].en : FIGURE_FIELDS[k].zh);

/** 审核: the reports waiting for this officer, with the figures that drive the response level. */
export function ReviewList({ reports, canReview, onChanged }: { reports: ReportOut[]; canReview: boolean; onChanged: (message: string) => void }) {
  const [error, setError] = useState<unknown>(null);
  const [returning, setReturning] = useState<number | null>(null);
  const [note, setNote] = useState('');

  async function review(r: ReportOut, decision: 'accept' | 'return') {
    setError(null);
    try {
      await reportsApi.review(r.id, decision === 'accept' ? { decision } : { decision, note });
      setReturning(null);
      setNote('');
      onChanged(decision === 'accept' ? t('dash.accepted', { name: r.regionName ?? r.regionCode, stage: t(`stage.${r.stage}`) }) : '');
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section class="card" data-testid="pending-reports">
      <h3>{t('dash.pending')} <span class="tag">{reports.length}</span></h3>
      {reports.length === 0 && <p class="muted">{t('dash.pendingNone')}</p>}
      <ul class="review-list">
        {reports.map((r) => (
          <li data-report={r.id}>
            <div><strong>{r.regionName}</strong> <span class="tag">{t(`stage.${r.stage}`)}</span> <small class="muted">{formatDateTime(r.submittedAt)} · {t('dash.reportedBy')} {r.submittedBy}</small></div>
            <div class="figs">{SHOWN.map((k) => `${label(k)} ${formatCount(r.figures[k])}`).join(' · ')}</div>
            {r.explanation && <div class="muted">{t('dash.explanation')}：{r.explanation}</div>}
            {canReview && (
              returning === r.id ? (
                <div class="return-row">
                  <input placeholder={t('dash.returnNote')} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
                  <button type="button" disabled={!note.trim()} onClick={() => review(r, 'return')}>{t('dash.return')}</button>
                </div>
              ) : (
                <div class="actions">
                  <button type="button" class="primary" data-testid={`accept-${r.id}`} onClick={() => review(r, 'accept')}>{t('dash.accept')}</button>
                  <button type="button" onClick={() => { setReturning(r.id); setNote(''); }}>{t('dash.return')}</button>
                </div>
              )
            )}
          </li>
        ))}
      </ul>
      <ErrorBox error={error} />
    </section>
  );
}
