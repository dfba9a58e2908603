import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client';
import { setLang, t, useLang } from '../i18n/index';
import { resolveBasemap, saveBasemap, savedBasemap, type BasemapConfig, type BasemapPreference } from '../map/basemap';

export function SettingsPage() {
  const lang = useLang();
  const [basemap, setBasemap] = useState<BasemapPreference>(savedBasemap());
  const [cfg, setCfg] = useState<BasemapConfig | null>(null);
  useEffect(() => void api.mapConfig().then(setCfg).catch(() => setCfg(null)), []);

  const choose = (b: BasemapPreference) => {
    setBasemap(b);
    saveBasemap(b);
  };
  return (
    <div class="page narrow">
      <h2>{t('settings.title')}</h2>
      <section class="card">
        <h3>{t('settings.language')}</h3>
        <label class="radio"><input type="radio" name="lang" checked={lang === 'zh-CN'} onChange={() => setLang('zh-CN')} /> 中文（简体）</label>
        <label class="radio"><input type="radio" name="lang" checked={lang === 'en'} onChange={() => setLang('en')} /> English</label>
      </section>
      <section class="card">
        <h3>{t('settings.basemap')}</h3>
        <label class="radio"><input type="radio" name="basemap" checked={basemap === 'server'} onChange={() => choose('server')} /> {t('settings.basemap.server')} {cfg && <span class="muted">（{t(`settings.basemap.${resolveBasemap('server', cfg)}`)}）</span>}</label>
        <label class="radio"><input type="radio" name="basemap" checked={basemap === 'offline'} onChange={() => choose('offline')} /> {t('settings.basemap.offline')}</label>
        <label class="radio"><input type="radio" name="basemap" checked={basemap === 'tianditu'} disabled={!cfg?.tiandituKey} onChange={() => choose('tianditu')} /> {t('settings.basemap.tianditu')}</label>
        <label class="radio"><input type="radio" name="basemap" checked={basemap === 'xyz'} disabled={!cfg?.xyzTilesUrl} onChange={() => choose('xyz')} /> {t('settings.basemap.xyz')} {cfg?.xyzTilesUrl && <code>{cfg.xyzTilesUrl}</code>}</label>
        <label class="radio"><input type="radio" name="basemap" value="pmtiles" checked={basemap === 'pmtiles'} disabled={!cfg?.pmtiles} onChange={() => choose('pmtiles')} /> {t('settings.basemap.pmtiles')} {cfg?.pmtiles && <code>{cfg.pmtiles}</code>}</label>
        <p class="muted">{t('settings.basemap.note')}</p>
      </section>
    </div>
  );
}
