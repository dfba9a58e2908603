// 系统管理员首页: accounts by role, the audit chain, the basemap in use, and the way to each tool.
import { api, type Me } from '../../api/client';
import { t } from '../../i18n/index';
import { resolveBasemap, savedBasemap } from '../../map/basemap';
import { ChainCard } from './auditor';
import { EventsCard } from './officer';
import { Go, HomeCard, useLoad } from './parts';

const ROLES = ['admin', 'officer', 'keeper', 'reporter', 'auditor'] as const;

export function AdminHome({ me }: { me: Me }) {
  const users = useLoad(() => api.users().then((r) => r.users), []);
  const cfg = useLoad(() => api.mapConfig(), []);
  return (
    <div class="home-grid">
      <HomeCard title={t('home.admin.users')} testid="home-users" href="/admin/users" linkLabel={t('nav.users')} state={users}>
        <dl class="figures">
          {ROLES.map((r) => <><dt>{t(`role.${r}`)}</dt><dd>{users.data?.filter((u) => u.role === r && !u.disabled).length ?? 0}</dd></>)}
        </dl>
      </HomeCard>
      <ChainCard />
      <HomeCard title={t('home.admin.basemap')} testid="home-basemap" href="/settings" linkLabel={t('nav.settings')} state={cfg}>
        {cfg.data && (
          <dl class="figures">
            <dt>{t('home.admin.basemapInUse')}</dt><dd data-testid="basemap-in-use">{t(`settings.basemap.${resolveBasemap(savedBasemap(), cfg.data)}`)}</dd>
            <dt>{t('settings.basemap.tianditu')}</dt><dd>{cfg.data.tiandituKey ? t('home.admin.configured') : t('home.admin.notConfigured')}</dd>
            <dt>{t('settings.basemap.xyz')}</dt><dd>{cfg.data.xyzTilesUrl ? t('home.admin.configured') : t('home.admin.notConfigured')}</dd>
            <dt>{t('settings.basemap.pmtiles')}</dt><dd>{cfg.data.pmtiles ?? t('home.admin.notConfigured')}</dd>
          </dl>
        )}
      </HomeCard>
      <HomeCard title={t('home.admin.tools')} testid="home-tools">
        <ul class="home-list">
          <li><Go href="/map">{t('nav.map')}</Go></li>
          <li><Go href="/audit">{t('nav.audit')}</Go></li>
          <li><Go href="/admin/users">{t('nav.users')}</Go></li>
          <li><a href="/api/docs" target="_blank" rel="noopener">{t('nav.apiDocs')}</a></li>
        </ul>
      </HomeCard>
      <EventsCard me={me} />
    </div>
  );
}
