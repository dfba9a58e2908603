// 冬春救助花名册 editor: one row per household, 户报 → 村评 (after the village notice) → 乡审 → 县定,
// with duplicate warnings across counties shown on the row, and money paid once 县定.
import { useEffect, useState } from 'preact/hooks';
import { recoveryApi, type Allocation, type Campaign, type DuplicateWarning, type RosterRow } from '../../api/recovery';
import { formatCount, formatDateTime, formatYuan, t, useLang } from '../../i18n/index';
import { can, useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { RosterAddForm } from './roster-add';
import { Flags, RecoveryTabs } from './parts';

const NEXT: Record<string, 'village_reviewed' | 'township_checked' | 'county_decided' | undefined> = { reported: 'village_reviewed', village_reviewed: 'township_checked', township_checked: 'county_decided' };
const isCountyOfficer = (me: { role: string; regionCode: string }) => me.role === 'admin' || (me.role === 'officer' && me.regionCode.length <= 6);

/** From September, this winter's season ('2026-2027'); before it, last winter's. */
function thisSeason(d = new Date()) {
  const y = d.getFullYear();
  return d.getMonth() >= 8 ? `${y}-${y + 1}` : `${y - 1}-${y}`;
}

function Warnings({ ws }: { ws: DuplicateWarning[] }) {
  return <>{ws.map((w) => (
    <div class="warn small" role="note">⚠ {t(`rec.roster.warning.${w.kind}`, { counties: w.countyCodes.join('、') })} · {w.idNumberMasked}</div>
  ))}</>;
}

export function RosterPage() {
  useLang();
  const me = useMe()!;
  const [campaigns, setCampaigns] = useState<Campaign[] | null>(null);
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const [rows, setRows] = useState<RosterRow[]>([]);
  const [allocations, setAllocations] = useState<Allocation[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const campaign = campaigns?.find((c) => c.id === campaignId) ?? null;

  const loadCampaigns = () => recoveryApi.campaigns().then((r) => {
    setCampaigns(r.campaigns);
    setCampaignId((id) => id ?? r.campaigns[r.campaigns.length - 1]?.id ?? null);
  }).catch(setError);
  const loadRows = () => campaignId && recoveryApi.roster(campaignId).then((r) => setRows(r.rows)).catch(setError);
  useEffect(() => void loadCampaigns(), []);
  useEffect(() => void loadRows(), [campaignId]);
  useEffect(() => {
    if (campaign && me.role !== 'auditor') {
      recoveryApi.allocations(campaign.countyCode).then((r) => setAllocations(r.allocations.filter((a) => a.category === 'winter_spring' && a.balanceFen > 0))).catch(() => setAllocations([]));
    }
  }, [campaign?.id]);
  const refresh = () => { loadRows(); loadCampaigns(); };
  const act = async (fn: () => Promise<unknown>, done?: string) => {
    setError(null);
    try {
      await fn();
      if (done) setNotice(done);
      refresh();
    } catch (e) {
      setError(e);
    }
  };
  // Villages whose reported rows are not on a notice yet: the village posts the roster first (村评).
  const toPost = [...new Set(rows.filter((r) => r.step === 'reported' && !r.noticeId).map((r) => r.villageCode))];

  return (
    <div class="page recovery" data-testid="roster-page">
      <RecoveryTabs role={me.role} />
      <h2>{t('rec.roster.title')}</h2>
      <ErrorBox error={error} />
      {notice && <p class="ok" role="status">{notice}</p>}
      {campaigns && campaigns.length === 0 && <p class="muted">{t('rec.roster.noCampaign')}</p>}
      {campaigns && me.role === 'officer' && me.regionCode.length === 6 && !campaigns.some((c) => c.countyCode === me.regionCode && c.season === thisSeason()) && (
        <button type="button" class="primary" data-testid="open-campaign"
          onClick={() => act(async () => setCampaignId((await recoveryApi.openCampaign({ countyCode: me.regionCode, season: thisSeason() })).id))}>
          {t('rec.roster.open')} {thisSeason()}
        </button>
      )}
      {campaigns && campaigns.length > 0 && (
        <div class="filters">
          <label>{t('rec.roster.campaign')}
            <select value={campaignId ?? ''} onChange={(e) => setCampaignId(Number(e.currentTarget.value))}>
              {campaigns.map((c) => <option value={c.id}>{c.countyName} {c.season}</option>)}
            </select>
          </label>
        </div>
      )}
      {campaign && (
        <section class="card">
          <p>{t('rec.roster.totals', { households: formatCount(campaign.roster.households), people: formatCount(campaign.roster.people),
            money: formatYuan(campaign.roster.moneyFen), paid: formatYuan(campaign.roster.moneyDistributedFen) })}</p>
          <p class="muted">{t('rec.roster.due')}：{formatDateTime(campaign.report.due)} ·{' '}
            {campaign.report.reportedAt ? `${t('rec.roster.reported')} ${formatDateTime(campaign.report.reportedAt)}` : ''}
            {campaign.report.late && <span class="tag overdue">{t('rec.roster.late')}</span>}</p>
        </section>
      )}
      {campaign && can(me, 'write') && toPost.length > 0 && (
        <div class="filters">
          {toPost.map((v) => (
            <button type="button" onClick={() => act(() => recoveryApi.postNotice({ kind: 'winter_spring', villageCode: v, campaignId: campaign.id,
              noticeStart: new Date().toISOString(), noticeEnd: new Date(Date.now() + 7 * 86_400_000).toISOString() }), t('rec.roster.postNotice'))}>
              {t('rec.roster.postNotice')}：{rows.find((r) => r.villageCode === v)?.villageName}
            </button>
          ))}
        </div>
      )}
      {campaign && rows.length === 0 && <p class="muted">{t('rec.roster.empty')}</p>}
      {rows.length > 0 && (
        <div class="table-wrap card">
          <table class="table roster" data-testid="roster-table">
            <thead><tr>
              <th>{t('rec.roster.household')}</th><th>{t('rec.case.village')}</th><th class="num">{t('rec.roster.people')}</th><th>{t('rec.roster.needs')}</th>
              <th class="num">{t('rec.roster.money')}</th><th>{t('rec.roster.goods')}</th><th>{t('rec.roster.step')}</th><th />
            </tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr data-row={r.id} class={`${r.duplicateStatus === 'flagged' ? 'flagged' : ''} ${r.step === 'removed' ? 'disabled' : ''}`}>
                  <td><strong>{r.household.headName}</strong> <Flags flags={r.household.flags} /><div class="mono small">{r.household.idNumber}</div><Warnings ws={r.warnings} /></td>
                  <td>{r.villageName}</td>
                  <td class="num">{r.peopleNeedingAid}</td>
                  <td>{r.needs.map((n) => t(`rec.need.${n}`)).join('、')}</td>
                  <td class="num">{formatYuan(r.moneyFen)}</td>
                  <td>{r.goods.map((g) => `${g.item}×${g.quantity}`).join('、')}</td>
                  <td><span class="tag">{t(`rec.step.${r.step}`)}</span>{r.distributions.some((d) => d.kind === 'money') && <span class="tag done">{t('rec.roster.paid')}</span>}</td>
                  <td class="actions">
                    <RowActions r={r} me={me} allocations={allocations} act={act} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {campaign && can(me, 'write') && <RosterAddForm campaign={campaign} onAdded={(msg) => { setNotice(msg); refresh(); }} />}
    </div>
  );
}

function RowActions({ r, me, allocations, act }: { r: RosterRow; me: { role: string; regionCode: string }; allocations: Allocation[];
  act: (fn: () => Promise<unknown>, done?: string) => void }) {
  const [note, setNote] = useState('');
  if (me.role === 'auditor' || r.step === 'removed') return null;
  const next = NEXT[r.step];
  const county = isCountyOfficer(me);
  const paid = r.distributions.some((d) => d.kind === 'money');
  return (
    <div class="row-actions">
      {next && (next !== 'county_decided' || county) && (
        <button type="button" onClick={() => act(() => recoveryApi.patchRosterRow(r.id, { step: next }))}>{t('rec.roster.next', { step: t(`rec.step.${next}`) })}</button>
      )}
      {r.duplicateStatus === 'flagged' && county && (
        <span class="review">
          <input placeholder={t('rec.roster.reviewNote')} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
          <button type="button" disabled={!note.trim()} onClick={() => act(() => recoveryApi.patchRosterRow(r.id, { duplicateReview: { decision: 'cleared', note } }))}>{t('rec.roster.clear')}</button>
          <button type="button" disabled={!note.trim()} onClick={() => act(() => recoveryApi.patchRosterRow(r.id, { duplicateReview: { decision: 'removed', note } }))}>{t('rec.roster.remove')}</button>
        </span>
      )}
      {r.step === 'county_decided' && !paid && r.moneyFen > 0 && allocations[0] && (
        <button type="button" class="primary" onClick={() => act(() => recoveryApi.distribute({ kind: 'money', rosterRowId: r.id, allocationId: allocations[0].id, paidAt: new Date().toISOString() }), t('rec.roster.paid'))}>
          {t('rec.roster.payMoney')}
        </button>
      )}
    </div>
  );
}
