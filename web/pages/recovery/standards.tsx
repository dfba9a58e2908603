// 救助标准: the standards a region works under — housing rebuild per room by damage class, household
// cap and top-ups for priority groups, transitional aid, winter-spring and condolence amounts, the
// rules and the winter calendar — each with the level that set it and its source document. A
// county (or higher) officer sets its own: the new figures apply to cases approved from then on.
import { useEffect, useState } from 'preact/hooks';
import { DAMAGE_CLASSES, HOUSEHOLD_FLAGS } from '../../../api/modules/recovery/schemas';
import { computeRebuildSubsidy } from '../../../api/modules/recovery/subsidy';
import { api } from '../../api/client';
import { recoveryApi, type EffectiveStandard, type StandardsByKind, type StandardsKind } from '../../api/recovery';
import { formatYuan, t, useLang } from '../../i18n/index';
import { useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { RegionPicker } from '../../ui/region-picker';
import { fenToYuan, RecoveryTabs } from './parts';
import { draftToPut, initialDraft, isProblem, type TopUpDraft } from './standards-draft';

const EDITABLE: StandardsKind[] = ['rebuild', 'transitional', 'winter_spring', 'condolence'];
const ORDER: StandardsKind[] = ['rebuild', 'transitional', 'winter_spring', 'condolence', 'rebuild_rules', 'winter_calendar'];
const canEdit = (me: { role: string; regionCode: string }) => me.role === 'admin' || (me.role === 'officer' && me.regionCode.length <= 6);

function useRegionName(code: string) {
  const [name, setName] = useState(code);
  useEffect(() => {
    if (code === 'national') return setName(t('rec.std.national'));
    api.region(code).then((r) => setName(r.name)).catch(() => setName(code));
  }, [code]);
  return name;
}

export function StandardsPage() {
  useLang();
  const me = useMe()!;
  const [region, setRegion] = useState(me.role === 'admin' ? '' : me.regionCode);
  const [standards, setStandards] = useState<EffectiveStandard[] | null>(null);
  const [editing, setEditing] = useState<StandardsKind | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const regionName = useRegionName(region || '—');
  const load = () => region && recoveryApi.standards(region).then((r) => setStandards(r.standards)).catch(setError);
  useEffect(() => { setStandards(null); void load(); }, [region]);
  const editable = canEdit(me) && !!region && region.length <= 6;

  return (
    <div class="page recovery" data-testid="standards-page">
      <RecoveryTabs role={me.role} />
      <h2>{t('rec.std.title')}</h2>
      <p class="muted">{t('rec.std.intro')}</p>
      {(me.role === 'admin' || (me.role === 'officer' && me.regionCode.length < 6)) && (
        <div class="filters"><label>{t('rec.std.region')}<RegionPicker value={region} onChange={(c) => { setRegion(c); setEditing(null); }} /></label></div>
      )}
      {region && <p><strong data-testid="standards-region">{regionName}</strong> <span class="muted">{region}</span></p>}
      {notice && <p class="ok" role="status" data-testid="standards-notice">{notice}</p>}
      <ErrorBox error={error} />
      <div class="std-grid">
        {standards && ORDER.map((kind) => {
          const s = standards.find((x) => x.kind === kind);
          if (!s) return null;
          return (
            <section class="card std-card" data-kind={kind}>
              <h3>{t(`rec.std.kind.${kind}`)}</h3>
              <FromLine s={s} region={region} />
              {editing === kind
                ? <StandardEditor s={s} region={region} onCancel={() => setEditing(null)}
                    onSaved={(n) => { setEditing(null); setNotice(t('rec.std.saved', { kind: t(`rec.std.kind.${kind}`), region: regionName })); setStandards((xs) => xs!.map((x) => (x.kind === kind ? n : x))); }} />
                : <StandardView s={s} />}
              {editable && EDITABLE.includes(kind) && editing !== kind && (
                <button type="button" data-testid={`edit-${kind}`} onClick={() => { setEditing(kind); setNotice(null); }}>
                  {s.from === region ? t('rec.std.edit') : t('rec.std.setOwn', { region: regionName })}
                </button>
              )}
            </section>
          );
        })}
      </div>
    </div>
  );
}

function FromLine({ s, region }: { s: EffectiveStandard; region: string }) {
  const from = useRegionName(s.from);
  return (
    <p class="muted small std-from">
      {s.from === region ? t('rec.std.own') : t('rec.std.from', { from })}
      {s.source && <><br />{t('rec.std.source')}：{s.source}</>}
    </p>
  );
}

function StandardView({ s }: { s: EffectiveStandard }) {
  switch (s.kind) {
    case 'rebuild': {
      const v = s.value as StandardsByKind['rebuild'];
      return (
        <>
          <table class="table" data-testid="rebuild-rates">
            <thead><tr><th>{t('rec.case.damage')}</th><th class="num">{t('rec.std.perRoom')}</th><th class="num">{t('rec.std.cap')}</th></tr></thead>
            <tbody>{DAMAGE_CLASSES.map((d) => <tr><td>{t(`rec.damage.${d}`)}</td><td class="num">{formatYuan(v.perRoomFen[d])}</td><td class="num">{formatYuan(v.householdCapFen[d])}</td></tr>)}</tbody>
          </table>
          <h4>{t('rec.std.topUps')}</h4>
          <ul class="plain-list">{v.topUps.map((u) => (
            <li>{u.label}：{u.kind === 'fixed' ? formatYuan(u.fen) : `${u.percent}%`} <span class="muted small">（{u.flags.map((f) => t(`rec.flag.${f}`)).join('、')}）</span></li>
          ))}{v.topUps.length === 0 && <li class="muted">{t('rec.std.noTopUps')}</li>}</ul>
        </>
      );
    }
    case 'transitional': {
      const v = s.value as StandardsByKind['transitional'];
      return <dl class="facts"><dt>{t('rec.std.perPersonPerDay')}</dt><dd>{formatYuan(v.perPersonPerDayFen)}</dd><dt>{t('rec.std.maxDays')}</dt><dd>{t('rec.std.days', { n: v.maxDays })}</dd>
        <dt>{t('rec.std.grain')}</dt><dd>{t('rec.std.grainValue', { kg: v.grainKgPerPersonPerDay, levels: v.grainAtNationalLevels.join('、') || '—' })}</dd></dl>;
    }
    case 'winter_spring': {
      const v = s.value as StandardsByKind['winter_spring'];
      return <dl class="facts"><dt>{t('rec.std.perPerson')}</dt><dd>{formatYuan(v.defaultPerPersonFen)}</dd><dt>{t('rec.std.band')}</dt><dd>{formatYuan(v.minPerPersonFen)} – {formatYuan(v.maxPerPersonFen)}</dd></dl>;
    }
    case 'condolence': {
      const v = s.value as StandardsByKind['condolence'];
      return <dl class="facts"><dt>{t('rec.std.perDeceased')}</dt><dd>{formatYuan(v.perDeceasedFen)}</dd></dl>;
    }
    case 'rebuild_rules': {
      const v = s.value as StandardsByKind['rebuild_rules'];
      return <dl class="facts">
        <dt>{t('rec.std.ledger')}</dt><dd>{v.ledgerDeadline.days} {t(`rec.std.unit.${v.ledgerDeadline.unit}`)}</dd>
        <dt>{t('rec.std.noticeMin')}</dt><dd>{t('rec.std.days', { n: v.noticeMinDays })}</dd>
        <dt>{t('rec.std.townshipReview')}</dt><dd>{v.reviewDeadlines.township.days} {t(`rec.std.unit.${v.reviewDeadlines.township.unit}`)}</dd>
        <dt>{t('rec.std.countyReview')}</dt><dd>{v.reviewDeadlines.county.days} {t(`rec.std.unit.${v.reviewDeadlines.county.unit}`)}</dd>
        <dt>{t('rec.std.spotCheck')}</dt><dd>{Math.round(v.spotCheck.rebuildFraction * 100)}% / {Math.round(v.spotCheck.winterRosterFraction * 100)}%</dd>
        <dt>{t('rec.std.priority')}</dt><dd>{v.priorityFlags.map((f) => t(`rec.flag.${f}`)).join('、')}</dd>
      </dl>;
    }
    case 'winter_calendar': {
      const v = s.value as StandardsByKind['winter_calendar'];
      return <dl class="facts">
        <dt>{t('rec.survey.surveyFrom')}</dt><dd>{v.surveyFrom}</dd><dt>{t('rec.roster.due')}</dt><dd>{v.countyReportDue}</dd>
        <dt>{t('rec.survey.prefectureDue')}</dt><dd>{v.prefectureReportDue}</dd><dt>{t('rec.survey.distribution')}</dt><dd>{v.distributionFrom} — {v.distributionTo}</dd>
      </dl>;
    }
  }
  return null;
}

function StandardEditor({ s, region, onSaved, onCancel }: { s: EffectiveStandard; region: string; onSaved: (n: EffectiveStandard) => void; onCancel: () => void }) {
  const [d, setD] = useState(() => initialDraft(s));
  const [topUps, setTopUps] = useState<TopUpDraft[]>(() => s.kind === 'rebuild'
    ? (s.value as StandardsByKind['rebuild']).topUps.map((u) => ({ label: u.label, flags: [...u.flags], kind: u.kind, amount: u.kind === 'fixed' ? fenToYuan(u.fen) : String(u.percent) }))
    : []);
  const [source, setSource] = useState(s.from === region ? s.source ?? '' : '');
  const [error, setError] = useState<unknown>(null);
  const put = draftToPut(s.kind, d, topUps, source);
  const field = (k: string, label: string, mode: 'decimal' | 'numeric' = 'decimal') => (
    <label>{label}<input name={k} inputMode={mode} value={d[k] ?? ''} onInput={(e) => setD({ ...d, [k]: e.currentTarget.value.trim() })} /></label>
  );
  const setUp = (i: number, patch: Partial<TopUpDraft>) => setTopUps(topUps.map((u, j) => (j === i ? { ...u, ...patch } : u)));
  // What a typical priority family would get under the edited figures: a check before saving.
  const problem = isProblem(put) ? t(`rec.std.${put.problem}`, 'field' in put ? { field: t(`rec.std.field.${put.field}`) } : undefined) : null;
  const example = !isProblem(put) && put.kind === 'rebuild'
    ? computeRebuildSubsidy({ damageClass: 'collapsed', rooms: 3 }, ['dibao'], put.value) : null;

  async function submit(e: Event) {
    e.preventDefault();
    if (isProblem(put)) return;
    setError(null);
    try {
      onSaved(await recoveryApi.putStandard(region, put));
    } catch (err) {
      setError(err);
    }
  }
  return (
    <form class="form std-editor" onSubmit={submit} data-testid={`std-form-${s.kind}`}>
      {s.kind === 'rebuild' && (
        <>
          <table class="table std-rates">
            <thead><tr><th>{t('rec.case.damage')}</th><th>{t('rec.std.perRoomYuan')}</th><th>{t('rec.std.capYuan')}</th></tr></thead>
            <tbody>{DAMAGE_CLASSES.map((c) => (
              <tr><td>{t(`rec.damage.${c}`)}</td>
                <td><input name={`perRoom.${c}`} inputMode="decimal" aria-label={`${t(`rec.damage.${c}`)} ${t('rec.std.perRoomYuan')}`} value={d[`perRoom.${c}`]} onInput={(e) => setD({ ...d, [`perRoom.${c}`]: e.currentTarget.value.trim() })} /></td>
                <td><input name={`cap.${c}`} inputMode="decimal" aria-label={`${t(`rec.damage.${c}`)} ${t('rec.std.capYuan')}`} value={d[`cap.${c}`]} onInput={(e) => setD({ ...d, [`cap.${c}`]: e.currentTarget.value.trim() })} /></td></tr>
            ))}</tbody>
          </table>
          <h4>{t('rec.std.topUps')}</h4>
          {topUps.map((u, i) => (
            <fieldset class="topup" data-topup={i}>
              <label>{t('rec.std.topUpLabel')}<input name={`topUp.${i}.label`} value={u.label} onInput={(e) => setUp(i, { label: e.currentTarget.value })} maxLength={50} /></label>
              <div class="topup-flags">{HOUSEHOLD_FLAGS.filter((f) => f !== 'general').map((f) => (
                <label class="radio"><input type="checkbox" checked={u.flags.includes(f)} onChange={(e) => setUp(i, { flags: e.currentTarget.checked ? [...u.flags, f] : u.flags.filter((x) => x !== f) })} /> {t(`rec.flag.${f}`)}</label>
              ))}</div>
              <div class="grid2">
                <label>{t('rec.std.topUpKind')}<select value={u.kind} onChange={(e) => setUp(i, { kind: e.currentTarget.value as 'fixed' })}>
                  <option value="fixed">{t('rec.std.fixed')}</option><option value="percent">{t('rec.std.percent')}</option></select></label>
                <label>{u.kind === 'fixed' ? t('rec.std.amountYuan') : t('rec.std.percentValue')}<input name={`topUp.${i}.amount`} inputMode="decimal" value={u.amount} onInput={(e) => setUp(i, { amount: e.currentTarget.value.trim() })} /></label>
              </div>
              <button type="button" class="link" onClick={() => setTopUps(topUps.filter((_, j) => j !== i))}>{t('rec.std.removeTopUp')}</button>
            </fieldset>
          ))}
          <button type="button" onClick={() => setTopUps([...topUps, { label: '', flags: [], kind: 'fixed', amount: '' }])}>{t('rec.std.addTopUp')}</button>
        </>
      )}
      {s.kind === 'transitional' && <div class="grid2">
        {field('perPersonPerDay', t('rec.std.perPersonPerDayYuan'))}{field('maxDays', t('rec.std.maxDays'), 'numeric')}
        {field('grainKg', t('rec.std.grainKg'))}{field('grainLevels', t('rec.std.grainLevels'))}</div>}
      {s.kind === 'winter_spring' && <div class="inline3">{field('min', t('rec.std.minYuan'))}{field('default', t('rec.std.defaultYuan'))}{field('max', t('rec.std.maxYuan'))}</div>}
      {s.kind === 'condolence' && field('perDeceased', t('rec.std.perDeceasedYuan'))}
      <label>{t('rec.std.source')}<textarea name="source" rows={2} value={source} maxLength={500} placeholder={t('rec.std.sourceHint')} onInput={(e) => setSource(e.currentTarget.value)} required /></label>
      {example && <p class="estimate small" data-testid="std-example">{t('rec.std.example', { amount: formatYuan(example.amountFen) })}（{example.breakdown.map((l) => l.description).join('；')}）</p>}
      {problem && <p class="warn small" data-testid="std-problem">{problem}</p>}
      <ErrorBox error={error} />
      <div class="row-actions">
        <button type="button" onClick={onCancel}>{t('tw.cancel')}</button>
        <button type="submit" class="primary" disabled={isProblem(put)} data-testid={`std-save-${s.kind}`}>{t('rec.std.save')}</button>
      </div>
    </form>
  );
}
