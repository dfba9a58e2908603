// 公示: the village posts who is proposed for aid; this page lists the notices and posts new ones.
// The printable notice itself is notice-print.tsx.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Region } from '../../../api/modules/regions/schemas';
import { recoveryApi, type Campaign, type Notice } from '../../api/recovery';
import { formatDateTime, formatYuan, t, useLang } from '../../i18n/index';
import { navigate } from '../../router';
import { can, useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { RegionPicker } from '../../ui/region-picker';
import { Link, fromLocalInput, localInput, RecoveryTabs } from './parts';

type NoticeRow = Omit<Notice, 'entries'> & { entryCount: number };

export function NoticesPage() {
  useLang();
  const me = useMe()!;
  const [notices, setNotices] = useState<NoticeRow[]>([]);
  const [villages, setVillages] = useState<Region[]>([]);
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const now = new Date();
  const [f, setF] = useState({ kind: 'rebuild', villageCode: '', campaignId: '', noticeStart: localInput(now), noticeEnd: localInput(new Date(now.getTime() + 7 * 86_400_000)) });
  const [error, setError] = useState<unknown>(null);
  const reload = () => recoveryApi.notices().then((r) => setNotices(r.notices)).catch(setError);
  useEffect(() => {
    reload();
    if (me.regionCode.length === 9) api.childRegions(me.regionCode).then((r) => setVillages(r.regions)).catch(() => setVillages([]));
    recoveryApi.campaigns().then((r) => setCampaigns(r.campaigns)).catch(() => setCampaigns([]));
  }, []);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });

  async function submit(e: Event) {
    e.preventDefault();
    setError(null);
    const period = { villageCode: f.villageCode, noticeStart: fromLocalInput(f.noticeStart), noticeEnd: fromLocalInput(f.noticeEnd) };
    try {
      const n = f.kind === 'rebuild' ? await recoveryApi.postNotice({ kind: 'rebuild', ...period })
        : await recoveryApi.postNotice({ kind: 'winter_spring', ...period, campaignId: Number(f.campaignId) });
      navigate(`/recovery/notices/${n.id}`);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div class="page recovery">
      <RecoveryTabs role={me.role} />
      <h2>{t('rec.notice.title')}</h2>
      <ErrorBox error={error} />
      {can(me, 'write') && (
        <form class="card form" onSubmit={submit} data-testid="notice-form">
          <h3>{t('rec.notice.new')}</h3>
          <label>{t('rec.notice.title')}<select name="kind" value={f.kind} onChange={set('kind')}>
            <option value="rebuild">{t('rec.notice.kind.rebuild')}</option><option value="winter_spring">{t('rec.notice.kind.winter_spring')}</option></select></label>
          <label>{t('rec.notice.village')}
            {villages.length > 0 ? (
              <select name="villageCode" value={f.villageCode} onChange={set('villageCode')} required>
                <option value="" />{villages.map((v) => <option value={v.code}>{v.name}</option>)}</select>
            ) : <RegionPicker level="village" value={f.villageCode} onChange={(villageCode) => setF({ ...f, villageCode })} />}
          </label>
          {f.kind === 'winter_spring' && (
            <label>{t('rec.roster.campaign')}<select name="campaignId" value={f.campaignId} onChange={set('campaignId')} required>
              <option value="" />{campaigns.map((c) => <option value={c.id}>{c.countyName} {c.season}</option>)}</select></label>
          )}
          <label>{t('rec.case.noticeStart')}<input type="datetime-local" name="noticeStart" value={f.noticeStart} onInput={set('noticeStart')} required /></label>
          <label>{t('rec.case.noticeEnd')}<input type="datetime-local" name="noticeEnd" value={f.noticeEnd} onInput={set('noticeEnd')} required /></label>
          <button class="primary" type="submit" disabled={!f.villageCode}>{t('rec.notice.new')}</button>
        </form>
      )}
      <table class="table card" data-testid="notices-table">
        <thead><tr><th>{t('rec.notice.title')}</th><th>{t('rec.notice.period')}</th><th class="num">{t('rec.notice.entries')}</th><th class="num">{t('rec.notice.total')}</th></tr></thead>
        <tbody>{notices.map((n) => (
          <tr>
            <td><Link href={`/recovery/notices/${n.id}`}>{n.title}</Link></td>
            <td>{formatDateTime(n.noticeStart)} — {formatDateTime(n.noticeEnd)}（{t('rec.notice.days', { n: n.days })}）</td>
            <td class="num">{n.entryCount}</td><td class="num">{formatYuan(n.totalFen)}</td>
          </tr>
        ))}</tbody>
      </table>
    </div>
  );
}
