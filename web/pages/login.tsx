import { useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import { setLang, t, useLang } from '../i18n/index';
import { signIn } from '../session';

export function LoginPage() {
  const lang = useLang();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'RATE_LIMITED') {
        setError(t('login.rateLimited', { seconds: (err.details as { retryAfterSeconds?: number })?.retryAfterSeconds ?? 60 }));
      } else if (err instanceof ApiError && err.code === 'NETWORK') setError(t('error.NETWORK'));
      else setError(t('login.failed'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="login-wrap">
      <form class="login card" onSubmit={submit}>
        <div class="login-head">
          <span class="brand-mark big" aria-hidden="true">救</span>
          <h1>{t('app.title')}</h1>
        </div>
        <label>{t('login.username')}<input name="username" autocomplete="username" value={username} onInput={(e) => setUsername(e.currentTarget.value)} required autofocus /></label>
        <label>{t('login.password')}<input name="password" type="password" autocomplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} required /></label>
        {error && <p class="error" role="alert">{error}</p>}
        <button type="submit" class="primary" disabled={busy}>{busy ? t('common.loading') : t('login.submit')}</button>
        <div class="login-foot">
          <span class="muted">{t('login.demoHint')}</span>
          <button type="button" class="link" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>{t('lang.switch')}</button>
        </div>
      </form>
    </div>
  );
}
