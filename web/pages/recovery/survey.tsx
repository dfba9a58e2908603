// 冬春救助需求调查: each township reports how many people need food, clothing and heating aid (a
// resubmission replaces its line); the county sees the lines and totals against the due dates
// (county 15 October, prefecture 20 October — data, per the winter calendar) and reports once.
import { useEffect, useState } from 'preact/hooks';
import type { Region } from '../../../api/modules/regions/schemas';
import { api } from '../../api/client';
import { recoveryApi, type Campaign } from '../../api/recovery';
import { formatCount, formatDateTime, t, useLang } from '../../i18n/index';
import { can, useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { RecoveryTabs } from './parts';

const isCountyOfficer = (me: { role: string; regionCode: string }) => me.role === 'admin' || (me.role === 'officer' && me.regionCode.length <= 6);
const NEEDS = [['foodPeople', 'food'], ['clothingPeople', 'clothing'], ['heatingPeople', 'heating']] as const;

export function SurveyPage() {
  useLang();
  const me = useMe()!;
  const [campaigns, setCampaigns] = useState<Campaign[] | null>(null);
  const [campaignId, setCampaignId] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const campaign = campaigns?.find((c) => c.id === campaignId) ?? null;
  const load = () => recoveryApi.campaigns().then((r) => {
    setCampaigns(r.campaigns);
    setCampaignId((id) => id ?? r.campaigns.at(-1)?.id ?? null);
  }).catch(setError);
  useEffect(() => void load(), []);
  const replace = (c: Campaign, msg: string) => {
    setCampaigns((cs) => cs?.map((x) => (x.id === c.id ? c : x)) ?? null);
    setNotice(msg);
    setError(null);
  };

  async function report() {
    if (!campaign) return;
    setError(null);
    try {
      const c = await recoveryApi.reportCampaign(campaign.id);
      replace(c, c.report.late ? t('rec.survey.reportedLate') : t('rec.survey.reportedOk'));
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div class="page recovery" data-testid="survey-page">
      <RecoveryTabs role={me.role} />
      <h2>{t('rec.survey.title')}</h2>
      <ErrorBox error={error} />
      {notice && <p class="ok" role="status" data-testid="survey-notice">{notice}</p>}
      {campaigns && campaigns.length === 0 && <p class="muted">{t('rec.roster.noCampaign')}</p>}
      {campaigns && campaigns.length > 1 && (
        <div class="filters">
          <label>{t('rec.roster.campaign')}
            <select name="campaign" value={campaignId ?? ''} onChange={(e) => setCampaignId(Number(e.currentTarget.value))}>
              {campaigns.map((c) => <option value={c.id}>{c.countyName} {c.season}</option>)}
            </select>
          </label>
        </div>
      )}
      {campaign && (
        <>
          <section class="card" data-testid="campaign-report">
            <h3>{campaign.countyName} {campaign.season}</h3>
            <dl class="facts">
              <dt>{t('rec.survey.surveyFrom')}</dt><dd>{campaign.surveyFrom}</dd>
              <dt>{t('rec.roster.due')}</dt><dd>{formatDateTime(campaign.report.due)}
                {campaign.report.late && <span class="tag overdue">{t('rec.roster.late')}</span>}</dd>
              <dt>{t('rec.survey.prefectureDue')}</dt><dd>{formatDateTime(campaign.report.prefectureDue)}</dd>
              <dt>{t('rec.survey.distribution')}</dt><dd>{campaign.distributionFrom} — {campaign.distributionTo}</dd>
              <dt>{t('rec.survey.status')}</dt><dd data-testid="report-status">{campaign.report.reportedAt
                ? `${t('rec.roster.reported')} ${formatDateTime(campaign.report.reportedAt)}`
                : t('rec.survey.notReported')}</dd>
            </dl>
            {isCountyOfficer(me) && !campaign.report.reportedAt && (
              <button type="button" class="primary" disabled={campaign.surveys.length === 0} onClick={report} data-testid="report-campaign">
                {t('rec.survey.report', { townships: campaign.surveys.length })}
              </button>
            )}
            {isCountyOfficer(me) && !campaign.report.reportedAt && campaign.surveys.length === 0 && <p class="muted small">{t('rec.survey.nothingYet')}</p>}
          </section>
          <div class="table-wrap card">
            <table class="table survey-table" data-testid="survey-table">
              <thead><tr><th>{t('rec.survey.township')}</th>{NEEDS.map(([, n]) => <th class="num">{t(`rec.need.${n}`)}</th>)}<th>{t('rec.survey.submittedAt')}</th></tr></thead>
              <tbody>{campaign.surveys.map((s) => (
                <tr data-township={s.townshipCode}><td>{s.townshipName}</td>{NEEDS.map(([k]) => <td class="num">{formatCount(s[k])}</td>)}<td>{formatDateTime(s.submittedAt)}</td></tr>
              ))}</tbody>
              <tfoot><tr class="total"><th>{t('rec.board.total.row')}</th>{NEEDS.map(([k]) => <td class="num">{formatCount(campaign.totalNeeds[k])}</td>)}<td /></tr></tfoot>
            </table>
            {campaign.surveys.length === 0 && <p class="muted pad">{t('rec.survey.nothingYet')}</p>}
          </div>
          {can(me, 'write') && <SurveyForm campaign={campaign} me={me} onSaved={(c, name) => replace(c, t('rec.survey.saved', { township: name }))} />}
          {campaign.report.reportedAt && <p class="muted">{t('rec.survey.closed')}</p>}
        </>
      )}
    </div>
  );
}

function SurveyForm({ campaign, me, onSaved }: { campaign: Campaign; me: { regionCode: string }; onSaved: (c: Campaign, township: string) => void }) {
  const [townships, setTownships] = useState<Region[]>([]);
  const own = me.regionCode.length === 9 ? me.regionCode : '';
  const [f, setF] = useState({ townshipCode: own, foodPeople: '', clothingPeople: '', heatingPeople: '' });
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!own) api.childRegions(campaign.countyCode).then((r) => setTownships(r.regions.filter((x) => x.level === 'township'))).catch(setError);
  }, [campaign.countyCode]);
  // Editing a township already in shows its figures.
  useEffect(() => {
    const line = campaign.surveys.find((s) => s.townshipCode === f.townshipCode);
    setF((x) => ({ ...x, foodPeople: line ? String(line.foodPeople) : '', clothingPeople: line ? String(line.clothingPeople) : '', heatingPeople: line ? String(line.heatingPeople) : '' }));
  }, [f.townshipCode, campaign.id]);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value.trim() });
  const nums = NEEDS.map(([k]) => f[k]);
  const valid = !!f.townshipCode && nums.every((v) => /^\d+$/.test(v));
  const name = townships.find((x) => x.code === f.townshipCode)?.name ?? campaign.surveys.find((s) => s.townshipCode === f.townshipCode)?.townshipName ?? f.townshipCode;

  async function submit(e: Event) {
    e.preventDefault();
    if (!valid) return;
    setError(null);
    try {
      const c = await recoveryApi.survey({ campaignId: campaign.id, lines: [{ townshipCode: f.townshipCode, foodPeople: Number(f.foodPeople),
        clothingPeople: Number(f.clothingPeople), heatingPeople: Number(f.heatingPeople) }] });
      onSaved(c, name);
    } catch (err) {
      setError(err);
    }
  }
  const again = campaign.surveys.some((s) => s.townshipCode === f.townshipCode);
  return (
    <form class="card form phone-form survey-form" onSubmit={submit} data-testid="survey-form">
      <h3>{t('rec.survey.enter')}</h3>
      {!own && (
        <label>{t('rec.survey.township')}<select name="townshipCode" value={f.townshipCode} onChange={set('townshipCode')} required>
          <option value="" />
          {townships.map((x) => <option value={x.code}>{x.name}</option>)}</select></label>
      )}
      {own && <p class="muted">{t('rec.survey.township')}：{name}</p>}
      <div class="inline3 needs">
        {NEEDS.map(([k, n]) => (
          <label>{t(`rec.need.${n}`)}<small class="muted">（{t('rec.survey.people')}）</small>
            <input name={k} inputMode="numeric" pattern="[0-9]*" value={f[k]} onInput={set(k)} required placeholder="0" /></label>
        ))}
      </div>
      {again && <p class="muted small">{t('rec.survey.replaces')}</p>}
      <ErrorBox error={error} />
      <button type="submit" class="primary wide" disabled={!valid}>{t('rec.survey.save')}</button>
    </form>
  );
}
