import type { EventOut, ResponseOut, TownshipStatus } from '../../api/reports';
import { formatDateTime, t } from '../../i18n/index';
import '../../i18n/reports';

/** 逾期未报: townships late with a report, with what they owe and what they last sent. */
export function OverdueList({ overdue }: { overdue: TownshipStatus[] }) {
  return (
    <section class="card" data-testid="overdue">
      <h3>{t('dash.overdue')} <span class="tag">{overdue.length}</span></h3>
      {overdue.length === 0 && <p class="muted">{t('dash.overdueNone')}</p>}
      <ul class="overdue-list">
        {overdue.slice(0, 60).map((o) => (
          <li>
            <strong>{o.name}</strong> <span class="muted">{o.countyName}</span>{' '}
            {o.overdue.initialOverdue && <span class="tag late">{t('dash.overdue.initial')}</span>}
            {o.overdue.updateOverdue && <span class="tag late">{t('dash.overdue.update')}</span>}
            {o.overdue.finalOverdue && <span class="tag late">{t('dash.overdue.final')}</span>}
            {o.latest && <small class="muted"> · {t(`stage.${o.latest.stage}`)} {formatDateTime(o.latest.submittedAt)}</small>}
          </li>
        ))}
      </ul>
      {overdue.length > 60 && <p class="muted">… +{overdue.length - 60}</p>}
    </section>
  );
}

/** 响应记录: each decision with who, when, why, and the level the assessment showed then. */
export function ResponseTimeline({ event, responses }: { event: EventOut; responses: ResponseOut[] }) {
  return (
    <section class="card" data-testid="timeline">
      <h3>{t('dash.timeline')}</h3>
      <ol class="timeline">
        <li><time>{formatDateTime(event.startedAt)}</time> {t('dash.eventStarted')}：{event.name}</li>
        {responses.map((r) => (
          <li class={`act-${r.action}`}>
            <time>{formatDateTime(r.at)}</time>{' '}
            <strong>{r.regionName} {t(`action.${r.action}`)}{r.level ? ` ${t(`level.${r.level}`)}` : ''}</strong>
            <span class="muted"> · {r.actor}</span>
            <div>{r.note}</div>
            <small class="muted">{t('dash.frozen', { level: r.assessment.level ? t(`level.${r.assessment.level}`) : t('dash.levelNone') })}</small>
          </li>
        ))}
        {event.stabilisedAt && <li><time>{formatDateTime(event.stabilisedAt)}</time> {t('eventStatus.stabilised')}</li>}
      </ol>
      {responses.length === 0 && <p class="muted">{t('dash.timelineNone')}</p>}
    </section>
  );
}
