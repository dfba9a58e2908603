// 审计监督首页: is the audit chain intact, what was written lately, and the export.
import { useState } from 'preact/hooks';
import type { Me } from '../../api/client';
import { formatDateTime, t } from '../../i18n/index';
import '../../i18n/audit';
import { auditApi } from '../audit/audit-api';
import { ChainStatus } from '../audit/chain-status';
import { EventsCard } from './officer';
import { Go, HomeCard, useLoad } from './parts';

export function ChainCard() {
  const check = useLoad(() => auditApi.verify().then((result) => ({ result, at: new Date().toISOString() })), []);
  return (
    <HomeCard title={t('home.audit.chain')} testid="home-chain" href="/audit" linkLabel={t('nav.audit')} state={check}>
      <ChainStatus check={check.data?.result ?? null} at={check.data?.at ?? null} />
      <button type="button" onClick={check.reload} data-testid="home-verify">{t('audit.verifyAgain')}</button>
    </HomeCard>
  );
}

export function AuditorHome({ me }: { me: Me }) {
  const recent = useLoad(() => auditApi.entries({ limit: 12 }), [me.id]);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const exportAll = async () => {
    setExporting(true);
    try {
      await auditApi.exportCsv();
      setExported(true);
    } catch (e) {
      setError(e);
    } finally {
      setExporting(false);
    }
  };
  return (
    <div class="home-grid">
      <ChainCard />
      <HomeCard title={t('home.audit.export')} testid="home-export" state={{ loading: false, error }}>
        <p class="small">{t('home.audit.exportNote')}</p>
        <button type="button" class="primary" onClick={exportAll} disabled={exporting} data-testid="home-export-csv">{exporting ? t('audit.exporting') : t('audit.export')}</button>
        {exported && <p class="ok" role="status">{t('audit.exported')}</p>}
      </HomeCard>
      <HomeCard title={t('home.audit.recent')} testid="home-audit-recent" href="/audit" state={recent}>
        <ul class="home-list">
          {recent.data?.entries.map((e) => (
            <li><code>{e.action}</code> · {e.username ?? '—'}<div class="muted small">{formatDateTime(e.at)} · {e.entity}{e.entityId ? ` #${e.entityId}` : ''}</div></li>
          ))}
        </ul>
        <p class="small"><Go href="/audit">{t('home.audit.all')}</Go></p>
      </HomeCard>
      <EventsCard me={me} />
    </div>
  );
}
