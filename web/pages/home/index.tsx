// 首页: one home per role, each card leading to the page where its work is done.
import { t, useLang } from '../../i18n/index';
import '../../i18n/home';
import '../../i18n/map';
import { useMe } from '../../session';
import { AdminHome } from './admin';
import { AuditorHome } from './auditor';
import { KeeperHome } from './keeper';
import { OfficerHome } from './officer';
import { TownshipHome } from './township';

export function HomePage() {
  useLang();
  const me = useMe()!;
  const Home = { officer: OfficerHome, keeper: KeeperHome, reporter: TownshipHome, auditor: AuditorHome, admin: AdminHome }[me.role];
  return (
    <div class={`page home home-${me.role}`} data-testid="home">
      <h2>{t('home.welcome', { name: me.username })} <span class="role-tag">{t(`role.${me.role}`)}</span></h2>
      <Home me={me} />
    </div>
  );
}
