// The village notice as it is posted on the board: title, period, one line per household (masked ID
// numbers), total and the objection route. The print stylesheet drops the app's chrome.
import { useEffect, useState } from 'preact/hooks';
import { download, recoveryApi, type Notice } from '../../api/recovery';
import { formatDateTime, formatYuan, t, useLang } from '../../i18n/index';
import { ErrorBox } from '../../ui/error-box';
import { Link } from './parts';

export function NoticePrintPage({ params }: { params: Record<string, string> }) {
  useLang();
  const [n, setN] = useState<Notice | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void recoveryApi.notice(Number(params.id)).then(setN).catch(setError), [params.id]);
  if (!n) return <div class="page"><ErrorBox error={error} /></div>;

  return (
    <div class="page notice-page">
      <div class="no-print filters">
        <Link href="/recovery/notices">← {t('rec.notice.title')}</Link>
        <button type="button" class="primary" onClick={() => print()} data-testid="print">{t('rec.notice.print')}</button>
        <button type="button" onClick={() => download(`/api/public-notices/${n.id}/xlsx`, `公示-${n.villageName}-${n.id}.xlsx`).catch(setError)}>{t('rec.notice.xlsx')}</button>
      </div>
      <ErrorBox error={error} />
      <article class="notice-sheet" data-testid="notice-sheet">
        <h1>{n.title}</h1>
        <p class="notice-meta">{n.place} · {t('rec.notice.period')}：{formatDateTime(n.noticeStart)} {t('rec.notice.from')} {formatDateTime(n.noticeEnd)}（{t('rec.notice.days', { n: n.days })}）</p>
        <table class="notice-table">
          <thead><tr><th>{t('rec.notice.no')}</th><th>{t('rec.notice.name')}</th><th>{t('rec.notice.id')}</th><th class="num">{t('rec.notice.amount')}</th><th>{t('rec.notice.reason')}</th></tr></thead>
          <tbody>{n.entries.map((e, i) => (
            <tr><td>{i + 1}</td><td>{e.name}</td><td class="mono">{e.idNumberMasked}</td><td class="num">{formatYuan(e.amountFen)}</td><td>{e.reason}</td></tr>
          ))}</tbody>
          <tfoot><tr><td /><td>{t('rec.notice.total')}</td><td>{t('rec.notice.households', { n: n.entries.length })}</td><td class="num">{formatYuan(n.totalFen)}</td><td /></tr></tfoot>
        </table>
        <p>{t('rec.notice.footer')}</p>
        <p class="signature">{t('rec.notice.signature', { village: n.villageName })}<br />{formatDateTime(n.createdAt).slice(0, 10)}</p>
      </article>
    </div>
  );
}
