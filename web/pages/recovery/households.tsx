// 受灾户: the households in the user's area, priority groups first, numbers masked unless the
// user is a county officer.
import { useEffect, useState } from 'preact/hooks';
import { recoveryApi, type HouseholdView } from '../../api/recovery';
import { t, useLang } from '../../i18n/index';
import { can, useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { Flags, Link, RecoveryTabs } from './parts';

export function HouseholdsPage() {
  useLang();
  const me = useMe()!;
  const [q, setQ] = useState('');
  const [list, setList] = useState<{ households: HouseholdView[]; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const timer = setTimeout(() => recoveryApi.households({ q: q.trim() || undefined, limit: 500 }).then(setList).catch(setError), 200);
    return () => clearTimeout(timer);
  }, [q]);

  return (
    <div class="page recovery">
      <RecoveryTabs role={me.role} />
      <h2>{t('rec.hh.title')}</h2>
      <div class="filters">
        {can(me, 'write') && <Link href="/recovery/households/new" testid="new-household"><span class="button primary">{t('rec.hh.new')}</span></Link>}
        <input type="search" placeholder={t('rec.hh.search')} value={q} onInput={(e) => setQ(e.currentTarget.value)} />
      </div>
      <ErrorBox error={error} />
      {list && <p class="muted">{t('rec.hh.count', { n: list.total })}</p>}
      {list && (
        <ul class="cards" data-testid="households">
          {list.households.map((h) => (
            <li class="card compact" data-household={h.id}>
              <strong>{h.headName}</strong> <Flags flags={h.flags} />
              {h.duplicateStatus === 'flagged' && <span class="tag overdue">{t('rec.hh.dupFlag')}</span>}
              <div class="muted">{h.townshipName} {h.villageName} · {t('rec.hh.size')} {h.size}</div>
              <div class="mono">{h.idNumber}{h.idNumberMasked && <span class="muted small"> （{t('rec.hh.masked')}）</span>}</div>
              {h.bankCard && <div class="mono muted">{t('rec.hh.bankCard')} {h.bankCard}</div>}
              <div class="row-actions">
                <Link href={`/recovery/households/${h.id}`} testid={`household-${h.id}`}>{can(me, 'write') ? t('rec.hhEdit.open') : t('rec.hhEdit.view')}</Link>
                <Link href={`/recovery/cases?householdId=${h.id}`}>{t('nav.recoveryCases')}</Link>
                <Link href={`/recovery/aid?householdId=${h.id}`}>{t('nav.aid')}</Link>
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
