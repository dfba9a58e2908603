// One damaged house: where it stands, what happened when, the objections and payments, and the
// steps this user may take next (the server's state machine still decides).
import { useEffect, useState } from 'preact/hooks';
import type { RebuildAdvanceInput } from '../../../api/modules/recovery/schemas';
import { recoveryApi, type RebuildCaseDetail } from '../../api/recovery';
import type { RebuildAction } from '../../../api/modules/recovery/views';
import { formatDateTime, formatYuan, t, useLang } from '../../i18n/index';
import { ErrorBox } from '../../ui/error-box';
import { CasePaymentForm } from './case-payment';
import { Flags, Link, OverdueTags, StatusTag, dayOnly, fromLocalInput, localInput } from './parts';

export function RebuildCasePage({ params }: { params: Record<string, string> }) {
  useLang();
  const id = Number(params.id);
  const [c, setCase] = useState<RebuildCaseDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const reload = () => recoveryApi.case(id).then(setCase).catch(setError);
  useEffect(() => void reload(), [id]);
  if (!c) return <div class="page recovery"><ErrorBox error={error} /></div>;

  return (
    <div class="page recovery narrow" data-testid="case-detail" data-status={c.status}>
      <p class="no-print"><Link href="/recovery/cases">← {t('rec.cases.title')}</Link></p>
      <h2>{c.household.headName} <Flags flags={c.household.flags} /> <StatusTag status={c.status} /></h2>
      <OverdueTags overdue={c.overdue} />
      {done && <p class="ok" role="status">{done}</p>}
      <section class="card">
        <dl class="facts">
          <dt>{t('rec.case.title', { id: c.id })}</dt><dd>{c.countyName} · {c.household.villageName}</dd>
          <dt>{t('rec.hh.idNumber')}</dt><dd>{c.household.idNumber}</dd>
          <dt>{t('rec.case.damage')}</dt><dd>{t(`rec.damage.${c.damageClass}`)} · {c.rooms} {t('rec.case.rooms')}</dd>
          <dt>{t('rec.case.disasterAt')}</dt><dd>{dayOnly(c.disasterAt)}</dd>
          <dt>{t('rec.case.inspectedAt')}</dt><dd>{dayOnly(c.inspectedAt)}</dd>
          {c.noticeStart && <><dt>{t('rec.case.notice')}</dt><dd>{formatDateTime(c.noticeStart)} — {formatDateTime(c.noticeEnd)}
            {c.noticeId && <> · <Link href={`/recovery/notices/${c.noticeId}`}>{t('rec.case.noticeLink')}</Link></>}</dd></>}
          <dt>{t('rec.case.subsidy')}</dt><dd data-testid="subsidy">{formatYuan(c.subsidyFen)}{c.subsidyFen !== null && <> · {t('rec.case.paid')} {formatYuan(c.paidFen)}</>}</dd>
          {c.rejectionReason && <><dt>{t('rec.status.rejected')}</dt><dd>{c.rejectionReason}</dd></>}
        </dl>
        {(c.subsidyBreakdown ?? c.subsidyEstimate?.breakdown) && (
          <details>
            <summary>{c.subsidyBreakdown ? t('rec.case.breakdown') : `${t('rec.case.estimate')}：${formatYuan(c.subsidyEstimate!.amountFen)}`}</summary>
            <ul class="plain-list">{(c.subsidyBreakdown ?? c.subsidyEstimate!.breakdown).map((l) => <li>{l.description}：{formatYuan(l.amountFen)}</li>)}</ul>
          </details>
        )}
      </section>

      <section class="card no-print" data-testid="next-actions">
        <h3>{t('rec.case.next')}</h3>
        {c.nextActions.length === 0 ? <p class="muted">{t('rec.case.noActions')}</p>
          : <NextStep c={c} onDone={(a) => { setDone(t('rec.case.done', { action: t(`rec.action.${a}`) })); reload(); }} />}
      </section>
      <CasePaymentForm c={c} onPaid={reload} />

      {c.objections.length > 0 && (
        <section class="card">
          <h3>{t('rec.case.objections')}</h3>
          <ol class="plain-list">{c.objections.map((o) => (
            <li>{formatDateTime(o.raisedAt)} {o.text} — {o.resolvedAt ? `${t('rec.case.resolved')}：${o.resolution}` : <strong class="bad">{t('rec.case.open')}</strong>}</li>
          ))}</ol>
        </section>
      )}
      {c.payments.length > 0 && (
        <section class="card">
          <h3>{t('rec.case.payments')}</h3>
          <table class="table"><tbody>{c.payments.map((p) => (
            <tr class={p.reversedAt ? 'disabled' : ''}><td>{p.stage && t(`rec.stage.${p.stage}`)}</td><td class="num">{formatYuan(p.amountFen)}</td><td>{formatDateTime(p.paidAt)}</td></tr>
          ))}</tbody></table>
        </section>
      )}
      <section class="card">
        <h3>{t('rec.case.history')}</h3>
        <ol class="rec-timeline" data-testid="case-history">{c.history.map((h) => (
          <li><strong>{t(`rec.action.${h.action}`)}</strong> <span class="muted">{formatDateTime(h.at)} · {h.username}</span>{h.note && <div>{h.note}</div>}</li>
        ))}</ol>
      </section>
    </div>
  );
}

function NextStep({ c, onDone }: { c: RebuildCaseDetail; onDone: (a: RebuildAction) => void }) {
  const [action, setAction] = useState<RebuildAction>(c.nextActions[0]);
  const now = new Date();
  const [f, setF] = useState({ at: '', noticeStart: localInput(now), noticeEnd: localInput(new Date(now.getTime() + 7 * 86_400_000)), text: '', objectionIndex: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => setAction(c.nextActions[0]), [c.status, c.nextActions.join()]);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  const open = c.objections.filter((o) => !o.resolvedAt);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const at = f.at ? fromLocalInput(f.at) : undefined;
    const body = (action === 'post_notice' ? { action, at, noticeStart: fromLocalInput(f.noticeStart), noticeEnd: fromLocalInput(f.noticeEnd) }
      : action === 'record_objection' ? { action, at, objection: f.text }
        : action === 'resolve_objection' ? { action, at, objectionIndex: Number(f.objectionIndex || open[0]?.idx), resolution: f.text }
          : action === 'reject' ? { action, at, reason: f.text }
            : { action, at }) as RebuildAdvanceInput;
    try {
      await recoveryApi.advance(c.id, body);
      setF({ ...f, text: '', at: '' });
      onDone(action);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="form" onSubmit={submit} data-testid="advance-form">
      <div class="choices" role="radiogroup">
        {c.nextActions.map((a) => (
          <label class="radio choice"><input type="radio" name="action" value={a} checked={action === a} onChange={() => setAction(a)} /> {t(`rec.action.${a}`)}</label>
        ))}
      </div>
      {action === 'post_notice' && <>
        <label>{t('rec.case.noticeStart')}<input type="datetime-local" name="noticeStart" value={f.noticeStart} onInput={set('noticeStart')} required /></label>
        <label>{t('rec.case.noticeEnd')}<input type="datetime-local" name="noticeEnd" value={f.noticeEnd} onInput={set('noticeEnd')} required /></label>
      </>}
      {action === 'resolve_objection' && (
        <label>{t('rec.case.objection')}<select name="objectionIndex" value={f.objectionIndex} onChange={set('objectionIndex')}>
          {open.map((o) => <option value={o.idx}>{o.text}</option>)}</select></label>
      )}
      {(action === 'record_objection' || action === 'resolve_objection' || action === 'reject') && (
        <label>{t(action === 'reject' ? 'rec.case.reason' : action === 'record_objection' ? 'rec.case.objection' : 'rec.case.resolution')}
          <textarea name="text" value={f.text} onInput={set('text')} required maxLength={500} /></label>
      )}
      <label>{t('rec.case.at')}<input type="datetime-local" name="at" value={f.at} onInput={set('at')} /></label>
      <ErrorBox error={error} />
      <button class="primary" type="submit" disabled={busy} data-testid="advance-submit">{t('rec.case.submit')}：{t(`rec.action.${action}`)}</button>
    </form>
  );
}
