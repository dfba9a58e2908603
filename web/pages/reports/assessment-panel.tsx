import { useEffect, useState } from 'preact/hooks';
import { RESPONSE_ACTIONS, RESPONSE_LEVELS, type ResponseActionKind, type ResponseLevel } from '../../../api/modules/reports/schemas';
import { reportsApi, type AssessmentOut } from '../../api/reports';
import { formatDateTime, t } from '../../i18n/index';
import '../../i18n/reports';
import { navigate } from '../../router';
import { ErrorBox } from '../../ui/error-box';

const levelName = (l: number | null) => (l ? t(`level.${l}`) : '—');

/** What the figures call for in one region, why, and the officer's decision (启动/提升…). */
export function AssessmentPanel({ eventId, a, canAct, onChanged }: { eventId: number; a: AssessmentOut; canAct: boolean; onChanged: () => void }) {
  const [note, setNote] = useState('');
  const [manual, setManual] = useState<{ action: ResponseActionKind; level: number }>({ action: 'activate', level: 4 });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setNote(a.suggestion ? a.suggestion.text.zh : ''), [a.suggestion?.text.zh]);

  async function act(action: ResponseActionKind, level: number | null) {
    setBusy(true);
    setError(null);
    try {
      await reportsApi.respond(eventId, { regionCode: a.regionCode, action, ...(action === 'terminate' ? {} : { level: level as ResponseLevel }), note: note.trim() || t(`action.${action}`) });
      setNote('');
      onChanged();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card assessment" data-testid="assessment">
      <h3>{t('dash.assessment')} <span class="muted">{a.regionName}</span></h3>
      <div class="level-row">
        <div><small class="muted">{t('dash.level')}</small><div class={`level-badge l${a.level ?? 0}`} data-testid="assessed-level">{a.level ? levelName(a.level) : t('dash.levelNone')}</div></div>
        <div><small class="muted">{t('dash.activeLevel')}</small><div class="level-now" data-testid="active-level">{a.activeLevel ? levelName(a.activeLevel) : t('dash.noneActive')}</div></div>
      </div>
      {a.reasons.length > 0 && (
        <ul class="reasons">
          {a.reasons.map((r) => <li><span class={`tag l${r.level}`}>{levelName(r.level)}</span> {r.text.zh}{r.upper !== null ? `（< ${r.upper.toLocaleString('zh-CN')}）` : ''}</li>)}
        </ul>
      )}
      <p class="muted rules">{t('dash.rules')}：<a href={`/response-rules/${a.regionCode}`} onClick={(e) => { e.preventDefault(); navigate(`/response-rules/${a.regionCode}`); }}>{a.rules.name}</a>{a.rules.demo && <span class="tag demo">{t('events.demo')}</span>}
        {a.updatedAt && <> · {t('dash.updatedAt')} {formatDateTime(a.updatedAt)}</>}</p>

      {a.suggestion && (
        <div class="suggestion" data-testid="suggestion">
          <strong>{a.suggestion.text.zh}</strong>
          {canAct && (
            <>
              <label>{t('dash.note')}<textarea rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} /></label>
              <button type="button" class="primary" disabled={busy} data-testid="act-suggested"
                onClick={() => act(a.suggestion!.action!, a.suggestion!.level)}>
                {t(a.suggestion.action === 'raise' ? 'dash.suggest.raise' : 'dash.suggest.activate', { level: levelName(a.suggestion.level) })}
              </button>
            </>
          )}
        </div>
      )}
      {canAct && (
        <details class="manual">
          <summary>{t('dash.manual')}</summary>
          <div class="manual-row">
            <select value={manual.action} onChange={(e) => setManual({ ...manual, action: e.currentTarget.value as ResponseActionKind })}>
              {RESPONSE_ACTIONS.map((x) => <option value={x}>{t(`action.${x}`)}</option>)}
            </select>
            {manual.action !== 'terminate' && (
              <select value={manual.level} onChange={(e) => setManual({ ...manual, level: Number(e.currentTarget.value) })}>
                {RESPONSE_LEVELS.map((l) => <option value={l}>{levelName(l)}</option>)}
              </select>
            )}
          </div>
          <label>{t('dash.note')}<textarea rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} /></label>
          <button type="button" disabled={busy} onClick={() => act(manual.action, manual.level)}>{t('dash.record')}</button>
        </details>
      )}
      <ErrorBox error={error} />
    </section>
  );
}
