// 捐赠公示: the public report of donations received and used. Viewable without signing in; shows
// only what /api/public/donations publishes (published names, totals), never contacts.
import { useEffect, useState } from 'preact/hooks';
import { stockApi, type PublicDonationReport } from '../../api/stock';
import { formatCount, formatDateTime, formatYuan, setLang, t, useLang } from '../../i18n/index';
import '../../i18n/stock';
import { navigate } from '../../router';
import { ErrorBox } from '../../ui/error-box';

export function PublicDonationsPage() {
  const lang = useLang();
  const [report, setReport] = useState<PublicDonationReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void stockApi.publicDonations().then(setReport).catch(setError), []);

  return (
    <div class="public-page">
      <header class="public-head">
        <span class="brand-mark" aria-hidden="true">救</span>
        <h1>{t('pub.don.title')}</h1>
        <span class="spacer" />
        <button type="button" class="link" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>{t('lang.switch')}</button>
        <a href="/" onClick={(e) => { e.preventDefault(); navigate('/'); }}>{t('pub.don.signIn')}</a>
      </header>
      <main class="public-body">
        <p class="muted">{t('pub.don.intro')}</p>
        <ErrorBox error={error} />
        {report && (
          <>
            <p class="muted small">{t('pub.don.generatedAt')} {formatDateTime(report.generatedAt)}</p>
            <div class="public-totals">
              <section class="card stat" data-testid="public-money-total">
                <small class="muted">{t('pub.don.moneyTotal')}</small>
                <strong>{formatYuan(report.totals.moneyFen)}</strong>
              </section>
              <section class="card">
                <h3>{t('pub.don.goodsTotal')}</h3>
                {report.totals.goods.length === 0 ? <p class="muted">{t('pub.don.none')}</p> : (
                  <table class="table" data-testid="public-goods">
                    <thead><tr><th>{t('pub.don.item')}</th><th class="num">{t('pub.don.received')}</th><th class="num">{t('pub.don.used')}</th><th class="num">{t('pub.don.remaining')}</th></tr></thead>
                    <tbody>
                      {report.totals.goods.map((g) => (
                        <tr><td>{g.item}</td><td class="num">{formatCount(g.received)} {g.unit}</td><td class="num">{formatCount(g.used)} {g.unit}</td><td class="num">{formatCount(g.received - g.used)} {g.unit}</td></tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </section>
            </div>
            <section class="card">
              <h3>{t('pub.don.donors')}</h3>
              {report.donors.length === 0 ? <p class="muted">{t('pub.don.none')}</p> : (
                <div class="table-scroll">
                  <table class="table" data-testid="public-donors">
                    <thead><tr><th>{t('stock.don.name')}</th><th class="nowrap">{t('stock.don.kind')}</th><th class="num">{t('pub.don.money')}</th><th>{t('pub.don.goods')}</th></tr></thead>
                    <tbody>
                      {report.donors.map((d) => (
                        <tr>
                          <td>{d.name}</td>
                          <td class="nowrap">{t(`stock.don.kind.${d.kind}`)}</td>
                          <td class="num nowrap">{d.moneyFen > 0 ? formatYuan(d.moneyFen) : '—'}</td>
                          <td>{d.goods.length === 0 ? '—' : d.goods.map((g) => `${g.item} ${formatCount(g.received)}${g.unit}（${t('stock.don.usedOf', { used: formatCount(g.used) })}）`).join('；')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </>
        )}
      </main>
    </div>
  );
}
