// 响应等级启动标准: the table that governs a region — its own, an ancestor's, or the national plan —
// with the source of every number, and (for an officer above the region, or an admin) the editor
// for the region's own table. Errors from the server are shown at the cell they belong to.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { INDICATORS, RESPONSE_INDICATORS, RESPONSE_LEVELS, type ResponseIndicator, type ResponseLevel, type ResponseThreshold } from '../../../api/modules/reports/schemas';
import { api, ApiError, type RegionWithPath } from '../../api/client';
import { reportsApi, type EffectiveRules, type RuleSet } from '../../api/reports';
import { formatDateTime, getLang, t, useLang } from '../../i18n/index';
import '../../i18n/reports';
import { navigate } from '../../router';
import { useMe } from '../../session';
import { ErrorBox } from '../../ui/error-box';
import { RegionPicker } from '../../ui/region-picker';

type Band = { lower: number; upper: number | null; source?: string };
type Cell = `${ResponseLevel}:${ResponseIndicator}`;
const cellOf = (level: number, indicator: string) => `${level}:${indicator}` as Cell;
const num = (n: number) => n.toLocaleString(getLang() === 'en' ? 'en' : 'zh-CN');
const unitOf = (i: ResponseIndicator) => (getLang() === 'en' ? INDICATORS[i].unitEn : INDICATORS[i].unit);
const indicatorName = (i: ResponseIndicator) => (getLang() === 'en' ? INDICATORS[i].en : INDICATORS[i].zh);
const bandText = (b: Band | undefined, i: ResponseIndicator) =>
  (b ? `${t('rules.band', { lower: num(b.lower), upper: b.upper === null ? '' : t('rules.bandUpper', { upper: num(b.upper) }) })} ${unitOf(i)}` : t('rules.noBand'));
const bands = (r: RuleSet | null) => new Map((r?.thresholds ?? []).map((x) => [cellOf(x.level, x.indicator), x as Band]));

export function ResponseRulesPage({ params }: { params: Record<string, string> }) {
  useLang();
  const me = useMe()!;
  const code = params.code || (me.role === 'admin' && !me.regionCode ? '15' : me.regionCode);
  const [rules, setRules] = useState<EffectiveRules | null>(null);
  const [sets, setSets] = useState<RuleSet[]>([]);
  const [region, setRegion] = useState<RegionWithPath | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    setRules(null);
    setError(null);
    Promise.all([reportsApi.rules(code), reportsApi.ruleSets(), api.region(code)])
      .then(([r, s, g]) => live && (setRules(r), setSets(s.ruleSets), setRegion(g)))
      .catch((e) => live && setError(e));
    return () => void (live = false);
  }, [code, version]);

  // The table this region would follow without its own: the nearest ancestor's, else the national one.
  const above = useMemo(() => {
    if (!region) return null;
    const line = region.path.map((p) => p.code).filter((c) => c !== code).reverse();
    for (const c of line) {
      const s = sets.find((x) => x.regionCode === c);
      if (s) return s;
    }
    return sets.find((x) => x.regionCode === null) ?? null;
  }, [region, sets, code]);
  const nameOf = (c: string | null) => (c === null ? '' : region?.path.find((p) => p.code === c)?.name ?? c);
  const canEdit = me.role === 'admin' || (me.role === 'officer' && code !== me.regionCode && code.startsWith(me.regionCode));
  const own = rules !== null && !rules.inherited;

  async function remove() {
    if (!confirm(t('rules.deleteConfirm'))) return;
    try {
      await reportsApi.deleteRules(code);
      setNotice(t('rules.deleted'));
      setVersion((v) => v + 1);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <div class="page rules-page">
      <h2>{t('rules.title')}</h2>
      <div class="filter"><label for="rules-region">{t('rules.region')}</label>
        <RegionPicker id="rules-region" value={code} onChange={(c) => { setEditing(false); setNotice(''); navigate(`/response-rules/${c}`); }} />
      </div>
      <ErrorBox error={error} />
      {notice && <p class="ok" role="status" data-testid="rules-notice">{notice}</p>}
      {rules && (
        <section class="card" data-testid="rules">
          <header class="rules-head">
            <div>
              <h3>{rules.name} {rules.demo && <span class="tag demo">{t('rules.demo')}</span>}</h3>
              <p data-testid="rules-origin">
                <span class={`tag origin ${own ? 'own' : 'inherited'}`}>
                  {own ? t('rules.own') : rules.definedAt ? t('rules.inherited', { name: nameOf(rules.definedAt), code: rules.definedAt }) : t('rules.national')}
                </span>
                {region && <span class="muted"> · {region.path.map((p) => p.name).join(' / ')}</span>}
              </p>
              <p class="muted small">{t('rules.source')}：{rules.source ?? '—'} · {t('rules.updatedAt')} {formatDateTime(rules.updatedAt)}</p>
            </div>
            {canEdit && !editing && (
              <div class="head-actions">
                <button type="button" class="primary" onClick={() => { setEditing(true); setNotice(''); }} data-testid="rules-edit">{own ? t('rules.editOwn') : t('rules.edit')}</button>
                {own && <button type="button" onClick={remove} data-testid="rules-delete">{t('rules.delete')}</button>}
              </div>
            )}
          </header>
          {!canEdit && <p class="muted small">{t('rules.readOnly')}</p>}
          {editing
            ? <RulesEditor code={code} regionName={region?.name ?? code} rules={rules} onCancel={() => setEditing(false)}
                onSaved={() => { setEditing(false); setNotice(t('rules.saved')); setVersion((v) => v + 1); }} />
            : <RulesTable rules={rules} above={own ? above : null} />}
        </section>
      )}
    </div>
  );
}

/** The bands, with a numbered source note on every number and, for an own table, what it replaces. */
function RulesTable({ rules, above }: { rules: RuleSet; above: RuleSet | null }) {
  const mine = bands(rules);
  const theirs = bands(above);
  const sources = [...new Set(rules.thresholds.map((x) => x.source ?? rules.source ?? '—'))];
  const note = (b: Band) => sources.indexOf(b.source ?? rules.source ?? '—') + 1;
  return (
    <>
      <div class="table-scroll">
        <table class="table rules-table">
          <thead><tr><th>{t('rules.indicator')}</th>{RESPONSE_LEVELS.map((l) => <th>{t(`level.${l}`)}</th>)}</tr></thead>
          <tbody>
            {RESPONSE_INDICATORS.map((i) => (
              <tr data-indicator={i}>
                <th scope="row">{indicatorName(i)} <span class="muted small">（{unitOf(i)}）</span></th>
                {RESPONSE_LEVELS.map((l) => {
                  const b = mine.get(cellOf(l, i));
                  const parent = theirs.get(cellOf(l, i));
                  const differs = above !== null && (b?.lower !== parent?.lower || (b?.upper ?? null) !== (parent?.upper ?? null));
                  return (
                    <td data-cell={cellOf(l, i)} class={differs ? 'differs' : ''}>
                      {bandText(b, i)}{b && <sup class="src-ref" title={b.source ?? rules.source ?? ''}>[{note(b)}]</sup>}
                      {differs && <div class="muted small">{t('rules.parentValue', { value: bandText(parent, i) })}</div>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ol class="src-notes small" data-testid="rules-sources">
        {sources.map((s) => <li>{t('rules.cellSource', { source: s })}</li>)}
      </ol>
      {rules.note && <p class="muted small">{rules.note}</p>}
    </>
  );
}

type Draft = Record<Cell, { lower: string; upper: string; source?: string; orig?: Band }>;

/** Where a server complaint belongs: a cell, an indicator's row, the name or source, or the table. */
function placeErrors(details: unknown, sent: { cell: Cell }[]) {
  const cells = new Map<string, string[]>();
  const push = (k: string, m: string) => cells.set(k, [...(cells.get(k) ?? []), m]);
  for (const d of Array.isArray(details) ? (details as { path?: string; message?: string }[]) : []) {
    const path = d.path ?? '';
    const msg = translate(d.message ?? '');
    const byIndex = /^thresholds\.(\d+)(?:\.(\w+))?$/.exec(path);
    const byIndicator = /^thresholds\.([a-zA-Z]+)$/.exec(path);
    if (byIndex && sent[Number(byIndex[1])]) push(`${sent[Number(byIndex[1])].cell}:${byIndex[2] ?? 'lower'}`, msg);
    else if (byIndicator && (RESPONSE_INDICATORS as readonly string[]).includes(byIndicator[1])) push(`row:${byIndicator[1]}`, msg);
    else if (path === 'name' || path === 'source') push(path, msg);
    else push('table', msg);
  }
  return cells;
}

/** The server's rule texts are English; the common ones read in the user's language here. */
function translate(message: string) {
  if (getLang() === 'en') return message;
  if (message === 'upper must exceed lower') return '上限须大于下限';
  if (message === 'one band per level and indicator') return '同一级别同一指标只能有一个区间';
  let m = /^level (\d) starts at ([\d.]+), not above level (\d)'s ([\d.]+)$/.exec(message);
  if (m) return `${t(`level.${m[1]}`)}下限 ${m[2]} 须高于${t(`level.${m[3]}`)}下限 ${m[4]}`;
  m = /^level (\d) \(([\d.]+)–([\d.∞]+)\) overlaps level (\d) from ([\d.]+)$/.exec(message);
  if (m) return `${t(`level.${m[1]}`)}区间 ${m[2]}–${m[3]} 与${t(`level.${m[4]}`)}（自 ${m[5]} 起）重叠：低一级的上限应等于高一级的下限`;
  if (/expected number/i.test(message) || /Invalid input/i.test(message)) return '须填写数字';
  if (/Too small/i.test(message) || />=0/.test(message)) return '不能为负数';
  return message;
}

function RulesEditor({ code, regionName, rules, onCancel, onSaved }: { code: string; regionName: string; rules: EffectiveRules; onCancel: () => void; onSaved: () => void }) {
  const own = !rules.inherited;
  const [name, setName] = useState(own ? rules.name : `${regionName}自然灾害救助应急预案`);
  const [source, setSource] = useState(own ? rules.source ?? '' : '');
  const [draft, setDraft] = useState<Draft>(() => {
    const d = {} as Draft;
    const b = bands(rules);
    for (const l of RESPONSE_LEVELS) for (const i of RESPONSE_INDICATORS) {
      const x = b.get(cellOf(l, i));
      d[cellOf(l, i)] = { lower: x ? String(x.lower) : '', upper: x?.upper != null ? String(x.upper) : '', orig: x };
    }
    return d;
  });
  const [errors, setErrors] = useState<Map<string, string[]>>(new Map());
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (c: Cell, k: 'lower' | 'upper') => (e: Event) => setDraft({ ...draft, [c]: { ...draft[c], [k]: (e.currentTarget as HTMLInputElement).value } });
  const changed = (c: Cell) => {
    const x = draft[c];
    return String(x.orig?.lower ?? '') !== x.lower.trim() || String(x.orig?.upper ?? '') !== x.upper.trim();
  };

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setErrors(new Map());
    const sent: { cell: Cell; t: ResponseThreshold }[] = [];
    for (const l of RESPONSE_LEVELS) for (const i of RESPONSE_INDICATORS) {
      const c = cellOf(l, i);
      const x = draft[c];
      if (x.lower.trim() === '' && x.upper.trim() === '') continue;
      sent.push({
        cell: c,
        t: {
          level: l, indicator: i, lower: x.lower.trim() === '' ? Number.NaN : Number(x.lower), upper: x.upper.trim() === '' ? null : Number(x.upper),
          unit: INDICATORS[i].unit,
          // An untouched number keeps where it came from; a changed one takes this table's source.
          ...(!changed(c) && x.orig?.source ? { source: x.orig.source } : {}),
        },
      });
    }
    // Every number is data with a source: a changed one takes this table's, so the table must name one.
    if (!source.trim() && sent.some((x) => changed(x.cell))) {
      setErrors(new Map([['source', [t('rules.sourceRequired')]]]));
      setBusy(false);
      return;
    }
    try {
      await reportsApi.putRules(code, { name: name.trim(), ...(source.trim() ? { source: source.trim() } : {}), thresholds: sent.map((s) => s.t) });
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VALIDATION_FAILED') {
        const placed = placeErrors(err.details, sent);
        setErrors(placed);
        if (placed.size === 0) setError(err);
      } else setError(err);
    } finally {
      setBusy(false);
    }
  }

  const fieldErr = (k: string) => errors.get(k)?.map((m) => <div class="field-error">{m}</div>);
  return (
    <form class="form rules-editor" onSubmit={save} data-testid="rules-editor" noValidate>
      <p class="muted small">{t('rules.editHint')}</p>
      <div class="grid2">
        <label class={errors.has('name') ? 'invalid' : ''}>{t('rules.name')}<input name="name" value={name} onInput={(e) => setName(e.currentTarget.value)} maxLength={200} />{fieldErr('name')}</label>
        <label class={errors.has('source') ? 'invalid' : ''}>{t('rules.sourceInput')}<input name="source" value={source} onInput={(e) => setSource(e.currentTarget.value)} maxLength={500} />{fieldErr('source')}</label>
      </div>
      {errors.size > 0 && <p class="error" role="alert" data-testid="rules-errors">{t('rules.errors')}{errors.has('table') && <>：{errors.get('table')!.join('；')}</>}</p>}
      <div class="table-scroll">
        <table class="table rules-table editing">
          <thead><tr><th>{t('rules.indicator')}</th>{RESPONSE_LEVELS.map((l) => <th>{t(`level.${l}`)}</th>)}</tr></thead>
          <tbody>
            {RESPONSE_INDICATORS.map((i) => (
              <tr data-indicator={i} class={errors.has(`row:${i}`) ? 'invalid-row' : ''}>
                <th scope="row">{indicatorName(i)} <span class="muted small">（{unitOf(i)}）</span>{fieldErr(`row:${i}`)}</th>
                {RESPONSE_LEVELS.map((l) => {
                  const c = cellOf(l, i);
                  const bad = errors.has(`${c}:lower`) || errors.has(`${c}:upper`);
                  return (
                    <td data-cell={c} class={`${bad ? 'invalid' : ''} ${changed(c) ? 'differs' : ''}`}>
                      <div class="band-inputs">
                        <input name={`${c}:lower`} aria-label={`${indicatorName(i)} ${t(`level.${l}`)} ${t('rules.lower')}`} placeholder={t('rules.lower')}
                          inputMode="decimal" value={draft[c].lower} onInput={set(c, 'lower')} aria-invalid={errors.has(`${c}:lower`)} />
                        <input name={`${c}:upper`} aria-label={`${indicatorName(i)} ${t(`level.${l}`)} ${t('rules.upper')}`} placeholder={t('rules.upper')}
                          inputMode="decimal" value={draft[c].upper} onInput={set(c, 'upper')} aria-invalid={errors.has(`${c}:upper`)} />
                      </div>
                      {fieldErr(`${c}:lower`)}{fieldErr(`${c}:upper`)}
                      {changed(c) ? <small class="muted">{t('rules.changed')}</small> : draft[c].orig?.source && <small class="muted src-ref" title={draft[c].orig!.source}>{t('rules.cellSource', { source: draft[c].orig!.source! })}</small>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ErrorBox error={error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy} data-testid="rules-save">{t('rules.save')}</button>
        <button type="button" onClick={onCancel}>{t('rules.cancel')}</button>
      </div>
    </form>
  );
}
