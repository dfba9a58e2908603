// Everything the planning map draws, fetched through the existing typed clients and shaped for the
// layers. Region scope: the user's own region, or `?region=15,62` (several, for a national view).
import { api } from '../../api/client';
import { lookups, stockApi, type Depot, type Item, type Shipment } from '../../api/stock';
import type { DepotOnMap } from '../../map/layers/depots';
import { shipmentState, type ShipmentOnMap } from '../../map/layers/shipments';
import type { TownPoint } from '../../map/layers/boundaries';

export interface Township extends TownPoint { county: string; population: number | null }
export interface DepotInfo extends DepotOnMap {
  code: string;
  regionCode: string;
  items: { itemId: number; usable: number; expired: number }[];
  gaps: { itemId: number; target: number; onHand: number; gap: number; coverage: number | null }[];
}
export interface ShipmentInfo extends ShipmentOnMap { shipment: Shipment; fromName: string; toName: string; itemName: string; unit: string }

export interface BaseData {
  scope: { code: string; name: string }[];
  counties: GeoJSON.Feature[];
  items: Map<number, Item>;
  depots: DepotInfo[];
}

/** The regions the map covers: each must be inside the user's area (the server checks too). */
export async function loadBase(scopeCodes: string[]): Promise<BaseData> {
  const [regions, boundaries, look, stock, adequacy] = await Promise.all([
    Promise.all(scopeCodes.map((c) => api.region(c))),
    Promise.all(scopeCodes.map((c) => api.boundaries(c, 'county'))),
    lookups(),
    stockApi.stock({}).catch(() => ({ balances: [] })),
    Promise.all(scopeCodes.map((c) => stockApi.adequacy(c).catch(() => null))),
  ]);
  const counties = boundaries.flatMap((fc) => fc.features as GeoJSON.Feature[]);
  const byDepot = new Map<number, DepotInfo['items']>();
  for (const b of stock.balances) {
    const list = byDepot.get(b.depotId) ?? [];
    list.push({ itemId: b.itemId, usable: b.usable, expired: b.expired });
    byDepot.set(b.depotId, list);
  }
  const gaps = new Map<number, DepotInfo['gaps']>();
  for (const row of adequacy.flatMap((a) => a?.depots ?? [])) {
    const list = gaps.get(row.depotId) ?? [];
    if (!list.some((g) => g.itemId === row.itemId)) list.push({ itemId: row.itemId, target: row.target, onHand: row.onHand, gap: row.gap, coverage: row.coverage });
    gaps.set(row.depotId, list);
  }
  const inScope = (d: Depot) => scopeCodes.some((c) => d.regionCode.startsWith(c)) || byDepot.has(d.id);
  const depots = look.depots.filter(inScope).map((d): DepotInfo => {
    const items = byDepot.get(d.id) ?? [];
    const g = gaps.get(d.id) ?? [];
    const coverages = g.map((x) => x.coverage).filter((c): c is number => c !== null);
    return {
      id: d.id, code: d.code, name: d.name, tier: d.tier, regionCode: d.regionCode, lon: d.lon, lat: d.lat,
      usable: items.reduce((s, i) => s + i.usable, 0), worstCoverage: coverages.length ? Math.min(...coverages) : null, items, gaps: g,
    };
  });
  return { scope: regions.map((r) => ({ code: r.code, name: r.name })), counties, items: look.item, depots };
}

/** Township points of every scope region: one request each (the API answers a whole province at once). */
export async function loadTownships(scopeCodes: string[], onProgress?: (done: number, total: number) => void): Promise<Township[]> {
  let done = 0;
  const parts = await Promise.all(scopeCodes.map(async (code) => {
    const { townships } = await api.townships(code);
    onProgress?.(++done, scopeCodes.length);
    return townships.map((r) => ({ code: r.code, name: r.name, lon: r.lon, lat: r.lat, county: r.county, population: r.population }));
  }));
  return parts.flat();
}

/** Shipments in transit and recently delivered, drawn from their depot to where they go. */
export async function loadShipments(base: BaseData, townships: Township[], now = new Date()): Promise<ShipmentInfo[]> {
  const [moving, delivered] = await Promise.all([stockApi.shipments({ status: 'in_transit' }), stockApi.shipments({ status: 'received' })]);
  const depots = new Map(base.depots.map((d) => [d.id, d]));
  const allDepots = (await lookups()).depot;
  const towns = new Map(townships.map((t) => [t.code, t]));
  const regionPoint = async (code: string): Promise<{ lon: number; lat: number; name: string } | null> => {
    const t = towns.get(code);
    if (t) return t;
    const r = await api.region(code).catch(() => null);
    return r && r.lon != null && r.lat != null ? { lon: r.lon, lat: r.lat, name: r.name } : null;
  };
  const out: ShipmentInfo[] = [];
  for (const s of [...moving.shipments, ...delivered.shipments]) {
    const state = shipmentState(s, now);
    const from = depots.get(s.fromDepotId) ?? allDepots.get(s.fromDepotId);
    const to = s.toDepotId ? (depots.get(s.toDepotId) ?? allDepots.get(s.toDepotId)) : s.toRegionCode ? await regionPoint(s.toRegionCode) : null;
    if (!state || !from || !to) continue;
    const item = base.items.get(s.itemId);
    out.push({
      id: s.id, from: [from.lon, from.lat], to: [to.lon, to.lat], state, quantity: s.quantity, shipment: s,
      label: item?.name ?? String(s.itemId), fromName: from.name, toName: to.name, itemName: item?.name ?? `#${s.itemId}`, unit: item?.unit ?? '',
    });
  }
  return out;
}
