// 救灾资金监管: what each county received per category against what it has paid, the allocations
// themselves, and the auditors' spreadsheet.
import { useEffect, useState } from 'preact/hooks';
import { RELIEF_CATEGORIES } from '../../../api/modules/recovery/schemas';
import { download, recoveryApi, type Allocation, type FundsSummaryRow } from '../../api/recovery';
import { formatYuan, t, useLang } from '../../i18n/index';
import { useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { yuanToFen, RecoveryTabs } from './parts';

export function FundsPage() {
  useLang();
  const me = useMe()!;
  const [summary, setSummary] = useState<{ rows: FundsSummaryRow[]; totals: { allocatedFen: number; disbursedFen: number; balanceFen: number } } | null>(null);
  const [allocations, setAllocations] = useState<Allocation[]>([]);
  const [error, setError] = useState<unknown>(null);
  const reload = () => Promise.all([recoveryApi.summary(), recoveryApi.allocations()])
    .then(([s, a]) => { setSummary(s); setAllocations(a.allocations); }).catch(setError);
  useEffect(() => void reload(), []);

  return (
    <div class="page recovery" data-testid="funds-page">
      <RecoveryTabs role={me.role} />
      <h2>{t('rec.funds.title')}</h2>
      <div class="filters no-print">
        <button type="button" onClick={() => download('/api/funds/export', `资金监管-${me.regionCode}.xlsx`).catch(setError)} data-testid="funds-export">{t('rec.funds.export')}</button>
      </div>
      <ErrorBox error={error} />
      {summary && (
        <div class="table-wrap card">
          <table class="table" data-testid="funds-summary">
            <thead><tr><th>{t('rec.board.county')}</th><th>{t('rec.funds.category')}</th><th class="num">{t('rec.funds.allocated')}</th>
              <th class="num">{t('rec.funds.disbursed')}</th><th class="num">{t('rec.funds.balance')}</th><th class="num">{t('rec.funds.payments')}</th><th class="num">{t('rec.funds.households')}</th></tr></thead>
            <tbody>{summary.rows.map((r) => (
              <tr class={r.balanceFen < 0 ? 'bad' : ''}><td>{r.countyName}</td><td>{t(`rec.category.${r.category}`)}</td><td class="num">{formatYuan(r.allocatedFen)}</td>
                <td class="num">{formatYuan(r.disbursedFen)}</td><td class="num">{formatYuan(r.balanceFen)}</td><td class="num">{r.payments}</td><td class="num">{r.households}</td></tr>
            ))}</tbody>
            <tfoot><tr class="total"><th colSpan={2}>{t('rec.board.total.row')}</th><td class="num">{formatYuan(summary.totals.allocatedFen)}</td>
              <td class="num">{formatYuan(summary.totals.disbursedFen)}</td><td class="num">{formatYuan(summary.totals.balanceFen)}</td><td colSpan={2} /></tr></tfoot>
          </table>
        </div>
      )}
      <section class="card">
        <h3>{t('rec.funds.allocations')}</h3>
        <table class="table">
          <thead><tr><th>{t('rec.funds.document')}</th><th>{t('rec.funds.category')}</th><th>{t('rec.funds.source')}</th><th>{t('rec.funds.receivedAt')}</th>
            <th class="num">{t('rec.funds.allocated')}</th><th class="num">{t('rec.funds.balance')}</th></tr></thead>
          <tbody>{allocations.map((a) => (
            <tr><td>{a.documentNo}</td><td>{t(`rec.category.${a.category}`)}</td><td>{t(`rec.source.${a.sourceLevel}`)}</td><td>{a.receivedAt}</td>
              <td class="num">{formatYuan(a.amountFen)}</td><td class="num">{formatYuan(a.balanceFen)}</td></tr>
          ))}</tbody>
        </table>
      </section>
      {me.role === 'officer' && me.regionCode.length === 6 && <AllocationForm countyCode={me.regionCode} onSaved={reload} />}
    </div>
  );
}

function AllocationForm({ countyCode, onSaved }: { countyCode: string; onSaved: () => void }) {
  const [f, setF] = useState({ category: 'rebuild', sourceLevel: 'central', amount: '', documentNo: '', receivedAt: new Date().toISOString().slice(0, 10) });
  const [error, setError] = useState<unknown>(null);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });
  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      await recoveryApi.addAllocation({ countyCode, category: f.category as 'rebuild', sourceLevel: f.sourceLevel as 'central',
        amountFen: yuanToFen(f.amount) ?? 0, documentNo: f.documentNo, receivedAt: f.receivedAt });
      setF({ ...f, amount: '', documentNo: '' });
      onSaved();
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form class="card form" onSubmit={submit}>
      <h3>{t('rec.funds.add')}</h3>
      <label>{t('rec.funds.category')}<select value={f.category} onChange={set('category')}>{RELIEF_CATEGORIES.map((c) => <option value={c}>{t(`rec.category.${c}`)}</option>)}</select></label>
      <label>{t('rec.funds.source')}<select value={f.sourceLevel} onChange={set('sourceLevel')}>{['central', 'province', 'prefecture', 'county'].map((s) => <option value={s}>{t(`rec.source.${s}`)}</option>)}</select></label>
      <label>{t('rec.funds.amount')}<input inputMode="decimal" value={f.amount} onInput={set('amount')} required /></label>
      <label>{t('rec.funds.document')}<input value={f.documentNo} onInput={set('documentNo')} required maxLength={100} /></label>
      <label>{t('rec.funds.receivedAt')}<input type="date" value={f.receivedAt} onInput={set('receivedAt')} required /></label>
      <ErrorBox error={error} />
      <button class="primary" type="submit">{t('rec.funds.add')}</button>
    </form>
  );
}
