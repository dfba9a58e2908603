import { useEffect } from 'preact/hooks';
import { PAGES } from './nav';
import { startQueue } from './offline/queue';
import { match, navigate, usePath } from './router';
import { can, signOut, useMe } from './session';
import { setLang, t, useLang } from './i18n/index';
import { LoginPage } from './pages/login';
import { publicPage } from './pages/public/pages';

export function App() {
  const me = useMe();
  const lang = useLang();
  const path = usePath();
  // Writes queued offline are sent once the network returns, whichever page the user reloads onto.
  useEffect(() => { if (me) void startQueue(me.username); }, [me?.username]);
  const Public = publicPage(path);
  if (Public) return <Public />;
  if (!me) return <LoginPage />;

  const visible = PAGES.filter((p) => p.roles === 'all' || p.roles.includes(me.role));
  const current = visible.map((p) => ({ p, params: match(p.path, path) })).find((x) => x.params);
  const Page = current?.p.component ?? visible[0].component;

  return (
    <div class="shell">
      <header class="topbar">
        <a class="brand" href="/" onClick={(e) => { e.preventDefault(); navigate('/'); }}>
          <span class="brand-mark" aria-hidden="true">救</span>
          <span class="brand-name">{t('app.title')}</span>
        </a>
        <nav class="menu" aria-label="main">
          {visible.filter((p) => !p.hidden).map((p) => (
            <a href={p.path} class={current?.p === p ? 'active' : ''} aria-current={current?.p === p ? 'page' : undefined}
              onClick={(e) => { e.preventDefault(); navigate(p.path); }}>{t(p.label)}</a>
          ))}
          {can(me, 'admin') || me.role === 'auditor' ? <a href="/api/docs" target="_blank" rel="noopener">{t('nav.apiDocs')}</a> : null}
        </nav>
        <div class="who">
          <span class="role-badge">{t(`role.${me.role}`)}</span>
          <span class="username">{me.username}</span>
          <button type="button" class="link" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>{t('lang.switch')}</button>
          <button type="button" class="link" onClick={() => signOut()}>{t('nav.logout')}</button>
        </div>
      </header>
      <main class="content">
        <Page params={current?.params ?? {}} />
      </main>
    </div>
  );
}
