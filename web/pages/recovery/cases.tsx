// 倒损住房户台账: every case in the user's area, priority groups first, overdue steps flagged.
import { useEffect, useState } from 'preact/hooks';
import { REBUILD_STATUSES } from '../../../api/modules/recovery/rebuild-steps';
import { recoveryApi, type RebuildCaseView } from '../../api/recovery';
import { formatYuan, t, useLang } from '../../i18n/index';
import { useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { Flags, Link, OverdueTags, StatusTag, RecoveryTabs } from './parts';

export function RebuildCasesPage() {
  useLang();
  const me = useMe()!;
  const search = new URLSearchParams(location.search);
  const regionCode = search.get('regionCode') ?? me.regionCode;
  const householdId = Number(search.get('householdId')) || undefined;
  const [status, setStatus] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [cases, setCases] = useState<RebuildCaseView[] | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    recoveryApi.cases({ regionCode, householdId, status: status || undefined, overdue: overdue ? 'true' : undefined, limit: 1000 })
      .then((r) => setCases(r.cases)).catch(setError);
  }, [regionCode, householdId, status, overdue]);

  return (
    <div class="page recovery">
      <RecoveryTabs role={me.role} />
      <h2>{t('rec.cases.title')}</h2>
      <div class="filters no-print">
        <select value={status} onChange={(e) => setStatus(e.currentTarget.value)} aria-label={t('rec.case.status')}>
          <option value="">{t('rec.cases.filter.all')}</option>
          {REBUILD_STATUSES.map((s) => <option value={s}>{t(`rec.status.${s}`)}</option>)}
        </select>
        <label class="radio"><input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.currentTarget.checked)} /> {t('rec.cases.filter.overdue')}</label>
      </div>
      <ErrorBox error={error} />
      {cases && cases.length === 0 && <p class="muted">{t('rec.cases.empty')}</p>}
      {cases && cases.length > 0 && (
        <div class="table-wrap card">
          <table class="table cases" data-testid="cases-table">
            <thead><tr>
              <th>{t('rec.case.household')}</th><th>{t('rec.case.village')}</th><th>{t('rec.case.damage')}</th><th class="num">{t('rec.case.rooms')}</th>
              <th>{t('rec.case.status')}</th><th class="num">{t('rec.case.subsidy')}</th><th class="num">{t('rec.case.paid')}</th><th />
            </tr></thead>
            <tbody>
              {cases.map((c) => (
                <tr data-case={c.id}>
                  <td><Link href={`/recovery/cases/${c.id}`}>{c.household.headName}</Link> <Flags flags={c.household.flags} /></td>
                  <td>{c.household.villageName}</td>
                  <td>{t(`rec.damage.${c.damageClass}`)}</td>
                  <td class="num">{c.rooms}</td>
                  <td><StatusTag status={c.status} /></td>
                  <td class="num">{formatYuan(c.subsidyFen)}</td>
                  <td class="num">{formatYuan(c.paidFen)}</td>
                  <td><OverdueTags overdue={c.overdue} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
