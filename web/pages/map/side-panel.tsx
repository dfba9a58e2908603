// The side panel: the figures of what was clicked (or of the drawn area) and the actions the
// user's role may take there, as links into the pages where they are handled.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Me, type RegionWithPath } from '../../api/client';
import { reportsApi, type AssessmentOut, type EventOut } from '../../api/reports';
import type { Item } from '../../api/stock';
import type { MapTownship, MapVillage } from '../../api/recovery';
import type { Figures } from '../../../api/modules/reports/schemas';
import { formatCount, formatDateTime, formatYuanShort, getLang, t } from '../../i18n/index';
import { navigate } from '../../router';
import type { DepotInfo, ShipmentInfo, Township } from './map-data';
import { indicatorName, KEY_FIGURES } from './indicators';
import type { SelectionSums } from './selection-sums';

export type Pick =
  | { kind: 'county'; code: string; name: string }
  | { kind: 'township'; code: string; name: string }
  | { kind: 'depot'; id: number }
  | { kind: 'shipment'; id: number }
  | { kind: 'village'; code: string }
  | { kind: 'winter'; code: string };

export interface PanelContext {
  me: Me;
  event: EventOut | null;
  figures: Record<string, Figures>;
  depots: DepotInfo[];
  townships: Township[];
  shipments: ShipmentInfo[];
  villages: MapVillage[];
  winter: MapTownship[];
  items: Map<number, Item>;
}

const go = (href: string) => (e: Event) => {
  e.preventDefault();
  navigate(href);
};
const Action = ({ href, children, testid }: { href: string; children: ComponentChildren; testid?: string }) => (
  <li><a class="action-link" href={href} onClick={go(href)} data-testid={testid}>{children}</a></li>
);

function FiguresList({ f }: { f: Partial<Figures> | undefined }) {
  if (!f) return <p class="muted">{t('map.panel.noFigures')}</p>;
  const lang = getLang();
  return (
    <dl class="figures" data-testid="panel-figures">
      {KEY_FIGURES.map((k) => (
        <>
          <dt>{indicatorName(k, lang)}</dt>
          <dd>{k === 'directLossYuan' ? formatYuanShort((f[k] ?? 0) * 100) : formatCount(f[k] ?? 0)}</dd>
        </>
      ))}
    </dl>
  );
}

const isOfficer = (me: Me) => me.role === 'officer' || me.role === 'admin';

function RegionBody({ pick, ctx }: { pick: Extract<Pick, { kind: 'county' | 'township' }>; ctx: PanelContext }) {
  const [region, setRegion] = useState<RegionWithPath | null>(null);
  const [assessment, setAssessment] = useState<AssessmentOut | null>(null);
  useEffect(() => {
    setRegion(null);
    setAssessment(null);
    api.region(pick.code).then(setRegion).catch(() => undefined);
    if (ctx.event && pick.kind === 'county') reportsApi.assessment(ctx.event.id, pick.code).then(setAssessment).catch(() => undefined);
  }, [pick.code, ctx.event?.id]);
  const ev = ctx.event;
  const f = ctx.figures[pick.code];
  const officer = isOfficer(ctx.me);
  return (
    <>
      <p class="muted">{region?.path.map((p) => p.name).join(' / ') ?? pick.code}</p>
      <dl class="figures">
        <dt>{t('region.population')}</dt><dd>{formatCount(region?.population)}</dd>
        <dt>{t('region.code')}</dt><dd>{pick.code}</dd>
      </dl>
      {ev && <h4>{ev.name}</h4>}
      {ev && <FiguresList f={f} />}
      {assessment && (
        <p class="assessment-line" data-testid="panel-assessment">
          {t('map.panel.level')}: <strong>{assessment.level ? t(`level.${assessment.level}`) : t('map.panel.levelNone')}</strong>
          {assessment.suggestion && <> · {getLang() === 'en' ? assessment.suggestion.text.en : assessment.suggestion.text.zh}</>}
        </p>
      )}
      <h4>{t('map.panel.actions')}</h4>
      <ul class="actions-list" data-testid="panel-actions">
        {ev && officer && <Action href={`/events/${ev.id}`} testid="act-review">{t('map.act.review')}</Action>}
        {ev && officer && pick.kind === 'county' && <Action href={`/events/${ev.id}`} testid="act-respond">{t('map.act.respond')}</Action>}
        {ev && !officer && <Action href={`/events/${ev.id}`}>{t('map.act.viewEvent')}</Action>}
        {officer && <Action href={`/dispatch?${new URLSearchParams({ ...(ev ? { event: String(ev.id) } : {}), regionCode: pick.code })}`} testid="act-dispatch">{t('map.act.dispatchTo')}</Action>}
        <Action href={`/recovery/cases?regionCode=${pick.code}`} testid="act-rebuild">{officer ? t('map.act.rebuild') : t('map.act.viewCases')}</Action>
      </ul>
    </>
  );
}

function DepotBody({ d, ctx }: { d: DepotInfo; ctx: PanelContext }) {
  const officer = isOfficer(ctx.me);
  const name = (id: number) => ctx.items.get(id)?.name ?? `#${id}`;
  const unit = (id: number) => ctx.items.get(id)?.unit ?? '';
  const items = [...d.items].sort((a, b) => b.usable - a.usable);
  const gaps = d.gaps.filter((g) => g.gap > 0);
  const incoming = ctx.shipments.filter((s) => s.shipment.toDepotId === d.id && s.state !== 'delivered');
  return (
    <>
      <p class="muted">{d.code} · {t(`stock.tier.${d.tier}`)}</p>
      <dl class="figures">
        <dt>{t('map.depot.usable')}</dt><dd data-testid="panel-usable">{formatCount(d.usable ?? 0)}</dd>
        <dt>{t('map.depot.coverage')}</dt><dd>{d.worstCoverage === null ? t('map.depot.noTarget') : `${Math.round(d.worstCoverage * 100)}%`}</dd>
      </dl>
      {items.length > 0 && (
        <table class="table compact">
          <thead><tr><th>{t('map.depot.item')}</th><th class="num">{t('map.depot.usable')}</th></tr></thead>
          <tbody>{items.slice(0, 8).map((i) => <tr><td>{name(i.itemId)}</td><td class="num">{formatCount(i.usable)} {unit(i.itemId)}</td></tr>)}</tbody>
        </table>
      )}
      {gaps.length > 0 && (
        <>
          <h4>{t('map.depot.gaps')}</h4>
          <ul class="plain">{gaps.map((g) => <li>{name(g.itemId)}：{t('map.depot.gapLine', { gap: formatCount(g.gap), target: formatCount(g.target), unit: unit(g.itemId) })}</li>)}</ul>
        </>
      )}
      {incoming.length > 0 && <p>{t('map.depot.incoming', { n: incoming.length })}</p>}
      <h4>{t('map.panel.actions')}</h4>
      <ul class="actions-list" data-testid="panel-actions">
        <Action href={`/stock/depots/${d.id}`} testid="act-depot">{t('map.act.openDepot')}</Action>
        {officer && <Action href={`/dispatch?${new URLSearchParams({ ...(ctx.event ? { event: String(ctx.event.id) } : {}), fromDepotId: String(d.id) })}`} testid="act-dispatch">{t('map.act.dispatchFrom')}</Action>}
        {incoming.length > 0 && ctx.me.role !== 'auditor' && <Action href={`/stock/depots/${d.id}`} testid="act-receive">{t('map.act.receive')}</Action>}
        {officer && <Action href="/stock/adequacy">{t('map.act.gaps')}</Action>}
      </ul>
    </>
  );
}

function ShipmentBody({ s, ctx }: { s: ShipmentInfo; ctx: PanelContext }) {
  const sh = s.shipment;
  const receiveHref = sh.toDepotId ? `/stock/depots/${sh.toDepotId}` : '/stock/deliveries';
  return (
    <>
      <p><span class={`state-chip ${s.state}`}>{t(`map.ship.${s.state}`)}</span></p>
      <dl class="figures">
        <dt>{t('map.ship.item')}</dt><dd>{s.itemName}</dd>
        <dt>{t('map.ship.quantity')}</dt><dd>{formatCount(s.quantity)} {s.unit}</dd>
        <dt>{t('map.ship.from')}</dt><dd>{s.fromName}</dd>
        <dt>{t('map.ship.to')}</dt><dd>{s.toName}</dd>
        <dt>{t('map.ship.sent')}</dt><dd>{formatDateTime(sh.sentAt)}</dd>
        <dt>{t('map.ship.eta')}</dt><dd>{formatDateTime(sh.etaAt)}</dd>
        {sh.receivedAt && <><dt>{t('map.ship.received')}</dt><dd>{formatDateTime(sh.receivedAt)} · {formatCount(sh.receivedQuantity)}{sh.damagedQuantity ? ` (${t('map.ship.damaged', { n: sh.damagedQuantity })})` : ''}</dd></>}
      </dl>
      <h4>{t('map.panel.actions')}</h4>
      <ul class="actions-list" data-testid="panel-actions">
        {s.state !== 'delivered' && ctx.me.role !== 'auditor' && <Action href={receiveHref} testid="act-receive">{t('map.act.receive')}</Action>}
        {sh.planId && <Action href={`/dispatch/plans/${sh.planId}`}>{t('map.act.plan')}</Action>}
        <Action href={`/stock/depots/${sh.fromDepotId}`}>{t('map.act.fromDepot')}</Action>
      </ul>
    </>
  );
}

function SelectionBody({ sums, ctx, onClear }: { sums: SelectionSums; ctx: PanelContext; onClear: () => void }) {
  const officer = isOfficer(ctx.me);
  const stock = [...sums.stock.entries()].filter(([, q]) => q > 0).sort((a, b) => b[1] - a[1]);
  const counties = [...new Set(ctx.townships.filter((x) => sums.townships.includes(x.code)).map((x) => x.county))];
  return (
    <div data-testid="selection-sums">
      <p>{t('map.sel.inside', { townships: sums.townships.length, depots: sums.depots.length })}</p>
      <dl class="figures">
        <dt>{t('region.population')}</dt><dd>{formatCount(sums.population)}</dd>
        {ctx.event && <><dt>{t('map.sel.reported')}</dt><dd data-testid="sel-reported">{sums.reportedTownships}</dd></>}
      </dl>
      {ctx.event && <><h4>{ctx.event.name}</h4><FiguresList f={sums.figures} /></>}
      <h4>{t('map.sel.stock')}</h4>
      {stock.length ? (
        <table class="table compact" data-testid="selection-stock">
          <tbody>{stock.slice(0, 10).map(([id, q]) => <tr><td>{ctx.items.get(id)?.name ?? `#${id}`}</td><td class="num">{formatCount(q)} {ctx.items.get(id)?.unit ?? ''}</td></tr>)}</tbody>
        </table>
      ) : <p class="muted">{t('map.sel.noStock')}</p>}
      <ul class="actions-list" data-testid="panel-actions">
        {officer && counties.length > 0 && (
          <Action href={`/dispatch?${new URLSearchParams({ ...(ctx.event ? { event: String(ctx.event.id) } : {}), regionCodes: counties.join(',') })}`} testid="act-dispatch">{t('map.act.dispatchArea')}</Action>
        )}
      </ul>
      <button type="button" onClick={onClear}>{t('map.sel.clear')}</button>
    </div>
  );
}

/** Shows the picked object if there is one, else the sums of the drawn area. */
export function SidePanel({ pick, sums, ctx, onClose, onClearSelection, onCircle }: {
  pick: Pick | null; sums: SelectionSums | null; ctx: PanelContext; onClose: () => void; onClearSelection: () => void; onCircle: (centre: [number, number], km: number) => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [km, setKm] = useState(50);
  // Keyboard users land in the panel when it opens, and Escape (handled by the page) brings them back.
  useEffect(() => heading.current?.focus(), [pick, sums]);
  if (!pick && !sums) return null;

  let title = '', body: ComponentChildren = null, centre: [number, number] | null = null;
  if (!pick && sums) {
    title = t('map.sel.title');
    body = <SelectionBody sums={sums} ctx={ctx} onClear={onClearSelection} />;
  } else if (pick?.kind === 'county' || pick?.kind === 'township') {
    title = pick.name;
    const tw = ctx.townships.find((x) => x.code === pick.code);
    if (tw) centre = [tw.lon, tw.lat];
    body = <RegionBody pick={pick} ctx={ctx} />;
  } else if (pick?.kind === 'depot') {
    const d = ctx.depots.find((x) => x.id === pick.id);
    if (d) {
      title = d.name;
      centre = [d.lon, d.lat];
      body = <DepotBody d={d} ctx={ctx} />;
    }
  } else if (pick?.kind === 'shipment') {
    const s = ctx.shipments.find((x) => x.id === pick.id);
    if (s) {
      title = t('map.ship.title', { id: s.id });
      body = <ShipmentBody s={s} ctx={ctx} />;
    }
  } else if (pick?.kind === 'village') {
    const v = ctx.villages.find((x) => x.code === pick.code);
    if (v) {
      title = v.name;
      centre = [v.lon, v.lat];
      body = (
        <>
          <p>{t(`rec.map.stage.${v.stage}`)}</p>
          <dl class="figures"><dt>{t('map.rec.cases')}</dt><dd>{v.cases}</dd><dt>{t('map.rec.households')}</dt><dd>{v.households}</dd></dl>
          <ul class="actions-list" data-testid="panel-actions">
            <Action href={`/recovery/cases?regionCode=${v.code}`} testid="act-rebuild">{isOfficer(ctx.me) ? t('map.act.rebuild') : t('map.act.viewCases')}</Action>
            <Action href={`/recovery/households?regionCode=${v.code}`}>{t('map.act.households')}</Action>
          </ul>
        </>
      );
    }
  } else if (pick?.kind === 'winter') {
    const w = ctx.winter.find((x) => x.code === pick.code);
    if (w) {
      title = w.name;
      centre = [w.lon, w.lat];
      body = (
        <>
          <p>{t('rec.map.coverage', { paid: w.paidHouseholds, total: w.rosterHouseholds })}</p>
          <ul class="actions-list" data-testid="panel-actions"><Action href="/recovery/roster">{t('map.act.roster')}</Action></ul>
        </>
      );
    }
  }
  if (!body) return null;

  return (
    <section class="map-side" aria-labelledby="map-side-title" data-testid="map-side-panel">
      <header>
        <h3 id="map-side-title" tabIndex={-1} ref={heading}>{title}</h3>
        <button type="button" class="icon" onClick={pick ? onClose : onClearSelection} aria-label={t('common.close')} data-testid="panel-close">×</button>
      </header>
      {body}
      {centre && (
        <form class="radius-form" onSubmit={(e) => { e.preventDefault(); onCircle(centre!, km); }}>
          <label>{t('map.sel.around')}
            <span class="inline"><input type="number" min={1} max={500} value={km} onInput={(e) => setKm(Number(e.currentTarget.value) || 1)} aria-label={t('map.sel.km')} /> km</span>
          </label>
          <button type="submit" data-testid="circle-around">{t('map.sel.sum')}</button>
        </form>
      )}
      <p class="muted small">{t('map.panel.escHint')}</p>
    </section>
  );
}
