// Paying a rebuild instalment (county officers): stage, amount and which allocation it draws on.
import { useEffect, useState } from 'preact/hooks';
import { recoveryApi, type Allocation, type RebuildCaseDetail } from '../../api/recovery';
import { formatYuan, t } from '../../i18n/index';
import { can, useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { fenToYuan, fromLocalInput, localInput, yuanToFen } from './parts';

const PAYABLE = ['county_approved', 'started', 'completed', 'moved_in'];
// Each instalment follows the work it pays for (the server enforces the same).
const STAGE_FROM: Record<string, string[]> = { start: PAYABLE, progress: PAYABLE.slice(1), completion: PAYABLE.slice(2) };

export function CasePaymentForm({ c, onPaid }: { c: RebuildCaseDetail; onPaid: () => void }) {
  const me = useMe()!;
  const [allocations, setAllocations] = useState<Allocation[]>([]);
  const paid = new Set(c.payments.filter((p) => !p.reversedAt).map((p) => p.stage));
  const stages = (['start', 'progress', 'completion'] as const).filter((s) => !paid.has(s) && STAGE_FROM[s].includes(c.status));
  const left = (c.subsidyFen ?? 0) - c.paidFen;
  const [f, setF] = useState({ stage: stages[0] ?? 'start', amount: '', allocationId: '', paidAt: localInput(new Date()) });
  const [error, setError] = useState<unknown>(null);
  const show = can(me, 'review') && me.regionCode.length <= 6 && PAYABLE.includes(c.status) && left > 0 && stages.length > 0;
  useEffect(() => {
    if (stages.length && !stages.includes(f.stage as never)) setF((x) => ({ ...x, stage: stages[0] }));
  }, [stages.join()]);
  useEffect(() => {
    if (!show) return;
    recoveryApi.allocations(c.countyCode).then((r) => {
      const usable = r.allocations.filter((a) => a.category === 'rebuild' && a.countyCode === c.countyCode && a.balanceFen > 0);
      setAllocations(usable);
      setF((x) => ({ ...x, allocationId: usable.some((a) => String(a.id) === x.allocationId) ? x.allocationId : String(usable[0]?.id ?? ''), amount: x.amount || fenToYuan(left) }));
    }).catch(setError);
  }, [show, c.id, c.paidFen]);
  if (!show) return null;
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    const amountFen = yuanToFen(f.amount);
    if (!amountFen) return setError(new Error(t('rec.case.amount')));
    try {
      await recoveryApi.payCase(c.id, { stage: f.stage as 'start', amountFen, allocationId: Number(f.allocationId), paidAt: fromLocalInput(f.paidAt) });
      setF({ ...f, amount: '' });
      onPaid();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <form class="card form no-print" onSubmit={submit} data-testid="pay-form">
      <h3>{t('rec.case.pay')}</h3>
      <label>{t('rec.case.stage')}<select value={f.stage} onChange={set('stage')}>{stages.map((s) => <option value={s}>{t(`rec.stage.${s}`)}</option>)}</select></label>
      <label>{t('rec.case.amount')}<input inputMode="decimal" value={f.amount} onInput={set('amount')} required /></label>
      <label>{t('rec.case.allocation')}<select value={f.allocationId} onChange={set('allocationId')} required>
        {allocations.map((a) => <option value={a.id}>{a.documentNo} · {formatYuan(a.balanceFen)}</option>)}</select></label>
      <label>{t('rec.case.paidAt')}<input type="datetime-local" value={f.paidAt} onInput={set('paidAt')} required /></label>
      <ErrorBox error={error} />
      <button class="primary" type="submit">{t('rec.case.pay')}</button>
    </form>
  );
}
