// 抽查: the league draws a reproducible sample of a county's ledger or winter roster, then records
// what the home visits found. The seed and population are shown so anyone can redraw it.
import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';
import type { Region } from '../../../api/modules/regions/schemas';
import { recoveryApi, type Campaign, type SpotCheck } from '../../api/recovery';
import { formatDateTime, t, useLang } from '../../i18n/index';
import { useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { Link, RecoveryTabs } from './parts';

export function SpotChecksPage() {
  useLang();
  const me = useMe()!;
  const [checks, setChecks] = useState<SpotCheck[]>([]);
  const [counties, setCounties] = useState<Region[]>([]);
  const [campaigns, setCampaigns] = useState<Campaign[]>([]);
  const [f, setF] = useState({ kind: 'rebuild', countyCode: '', campaignId: '', seed: '' });
  const [error, setError] = useState<unknown>(null);
  const reload = () => recoveryApi.spotChecks().then((r) => setChecks(r.spotChecks)).catch(setError);
  useEffect(() => {
    reload();
    if (me.role !== 'auditor' && me.regionCode.length <= 4) {
      api.childRegions(me.regionCode).then((r) => setCounties(r.regions.filter((x) => x.level === 'county'))).catch(() => setCounties([]));
      recoveryApi.campaigns().then((r) => setCampaigns(r.campaigns)).catch(() => setCampaigns([]));
    }
  }, []);
  const set = (k: keyof typeof f) => (e: Event) => setF({ ...f, [k]: (e.currentTarget as HTMLInputElement).value });

  async function draw(e: Event) {
    e.preventDefault();
    setError(null);
    try {
      await recoveryApi.drawSpotCheck({ kind: f.kind as 'rebuild', countyCode: f.countyCode, seed: f.seed.trim() || undefined,
        campaignId: f.kind === 'winter_roster' ? Number(f.campaignId) : undefined });
      reload();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <div class="page recovery">
      <RecoveryTabs role={me.role} />
      <h2>{t('rec.spot.title')}</h2>
      <ErrorBox error={error} />
      {counties.length > 0 && (
        <form class="card form inline-form" onSubmit={draw} data-testid="draw-form">
          <label>{t('rec.spot.draw')}<select value={f.kind} onChange={set('kind')}>
            <option value="rebuild">{t('rec.spot.kind.rebuild')}</option><option value="winter_roster">{t('rec.spot.kind.winter_roster')}</option></select></label>
          <label>{t('rec.roster.county')}<select value={f.countyCode} onChange={set('countyCode')} required>
            <option value="" />{counties.map((c) => <option value={c.code}>{c.name}</option>)}</select></label>
          {f.kind === 'winter_roster' && (
            <label>{t('rec.roster.campaign')}<select value={f.campaignId} onChange={set('campaignId')} required>
              <option value="" />{campaigns.filter((c) => c.countyCode === f.countyCode).map((c) => <option value={c.id}>{c.season}</option>)}</select></label>
          )}
          <label>{t('rec.spot.seed')}<input value={f.seed} onInput={set('seed')} maxLength={100} /></label>
          <button class="primary" type="submit">{t('rec.spot.draw')}</button>
        </form>
      )}
      <table class="table card">
        <thead><tr><th>#</th><th>{t('rec.roster.county')}</th><th /><th>{t('rec.spot.seedShown')}</th><th class="num">{t('rec.spot.sample')}</th><th /></tr></thead>
        <tbody>{checks.map((c) => (
          <tr>
            <td><Link href={`/recovery/spot-checks/${c.id}`}>{c.id}</Link></td><td>{c.countyName}</td><td>{t(`rec.spot.kind.${c.kind}`)}</td>
            <td class="mono">{c.seed}</td><td class="num">{c.sampleSize} / {c.populationSize}</td>
            <td>{t('rec.spot.result.discrepancy')} {c.summary.discrepancy} · {t('rec.spot.result.pending')} {c.summary.pending}</td>
          </tr>
        ))}</tbody>
      </table>
    </div>
  );
}

export function SpotCheckPage({ params }: { params: Record<string, string> }) {
  useLang();
  const me = useMe()!;
  const [c, setC] = useState<SpotCheck | null>(null);
  const [notes, setNotes] = useState<Record<number, string>>({});
  const [error, setError] = useState<unknown>(null);
  useEffect(() => void recoveryApi.spotCheck(Number(params.id)).then(setC).catch(setError), [params.id]);
  if (!c) return <div class="page"><ErrorBox error={error} /></div>;
  const record = (itemId: number, result: 'confirmed' | 'discrepancy') =>
    recoveryApi.spotCheckResult(c.id, itemId, { result, note: notes[itemId]?.trim() || undefined }).then(setC).catch(setError);
  const writer = me.role === 'officer' || me.role === 'admin';

  return (
    <div class="page recovery narrow" data-testid="spot-check">
      <p><Link href="/recovery/spot-checks">← {t('rec.spot.title')}</Link></p>
      <h2>{c.countyName} · {t(`rec.spot.kind.${c.kind}`)}</h2>
      <p>{t('rec.spot.seedShown')}：<code>{c.seed}</code> · {Math.round(c.fraction * 100)}% · {t('rec.spot.sample')} {c.sampleSize} / {t('rec.spot.population')} {c.populationSize} · {formatDateTime(c.drawnAt)}</p>
      <p class={c.reproducible ? 'ok' : 'error'}>{t(c.reproducible ? 'rec.spot.reproducible' : 'rec.spot.notReproducible')}</p>
      <ErrorBox error={error} />
      <ul class="cards">{c.items.map((i) => (
        <li class={`card compact result-${i.result}`}>
          <strong>{i.household.headName}</strong> <span class="muted">{i.household.villageName} · {t('rec.spot.subject')} {i.subjectId}</span>
          <div class="mono small">{i.household.idNumber}</div>
          <div><span class="tag">{t(`rec.spot.result.${i.result}`)}</span> {i.note}</div>
          {writer && (
            <div class="row-actions">
              <input placeholder={t('rec.spot.note')} value={notes[i.id] ?? ''} onInput={(e) => setNotes({ ...notes, [i.id]: e.currentTarget.value })} />
              <button type="button" onClick={() => record(i.id, 'confirmed')}>{t('rec.spot.confirm')}</button>
              <button type="button" disabled={!notes[i.id]?.trim()} onClick={() => record(i.id, 'discrepancy')}>{t('rec.spot.flag')}</button>
            </div>
          )}
        </li>
      ))}</ul>
    </div>
  );
}
