import { describe, expect, it } from 'vitest';
import { polygonArea, radiusArea, sumInside } from '../../web/pages/map/selection-sums';
import { shipmentState } from '../../web/map/layers/shipments';
import { nextDue, isDueToday } from '../../web/pages/home/due';
import { parseByteRange } from '../../api/modules/settings/byte-range';
import { readPmtilesHeader } from '../../api/modules/settings/pmtiles-header';
import { buildDemoPmtiles } from '../../scripts/tiles/demo-pmtiles';
import { fillFigures } from '../../api/modules/reports/schemas';
import type { ReportingStatus } from '../../web/api/reports';

const figures = (over: Partial<ReturnType<typeof fillFigures>>) => ({ ...fillFigures(), ...over });

describe('summing what lies inside a drawn area', () => {
  const towns = [
    { code: 'A', lon: 116.0, lat: 44.0, population: 1000 },
    { code: 'B', lon: 116.3, lat: 44.1, population: 500 },
    { code: 'C', lon: 118.0, lat: 45.0, population: 9999 },
  ];
  const depots = [
    { id: 1, lon: 116.1, lat: 44.0, items: [{ itemId: 7, usable: 300 }, { itemId: 8, usable: 20 }] },
    { id: 2, lon: 116.25, lat: 44.1, items: [{ itemId: 7, usable: 100 }] },
    { id: 3, lon: 119.0, lat: 45.0, items: [{ itemId: 7, usable: 5000 }] },
  ];
  const figs = { A: figures({ relocated: 120, affected: 900 }), C: figures({ relocated: 7 }) };

  it('a polygon counts the townships and depots inside it, their figures and their stock per item', () => {
    const area = polygonArea([[115.5, 43.5], [116.8, 43.5], [116.8, 44.5], [115.5, 44.5]])!;
    const s = sumInside(area, towns, figs, depots);
    expect(s.townships).toEqual(['A', 'B']);
    expect(s.population).toBe(1500);
    expect(s.reportedTownships).toBe(1); // B has no accepted report: no figures, not zeros
    expect(s.figures.relocated).toBe(120);
    expect(s.depots).toEqual([1, 2]);
    expect(Object.fromEntries(s.stock)).toEqual({ 7: 400, 8: 20 });
  });

  it('a 20 km circle around a township holds it and not one 25 km away', () => {
    const s = sumInside(radiusArea([116.0, 44.0], 20), towns, figs, depots);
    expect(s.townships).toEqual(['A']); // B is ~26 km east-north-east
    expect(s.depots).toEqual([1]); // 8 km east; depot 2 is ~23 km away
  });

  it('fewer than three corners make no area', () => {
    expect(polygonArea([[1, 1], [2, 2]])).toBeNull();
  });
});

describe('shipments on the map', () => {
  const now = new Date('2026-12-06T00:00:00Z');
  it('is late only while still on the road after its ETA', () => {
    expect(shipmentState({ status: 'in_transit', etaAt: '2026-12-05T20:00:00Z' }, now)).toBe('late');
    expect(shipmentState({ status: 'in_transit', etaAt: '2026-12-06T02:00:00Z' }, now)).toBe('in_transit');
    expect(shipmentState({ status: 'in_transit', etaAt: null }, now)).toBe('in_transit');
    expect(shipmentState({ status: 'received', etaAt: '2026-12-01T00:00:00Z' }, now)).toBe('delivered');
    expect(shipmentState({ status: 'cancelled', etaAt: null }, now)).toBeNull();
  });
});

describe('what a township owes next', () => {
  const status = (reports: number, over: Partial<ReportingStatus['deadlines']> = {}, closed = false): ReportingStatus => ({
    eventId: 1, regionCode: '152502200', now: '2026-12-06T00:00:00Z',
    deadlines: { initialDue: '2026-12-04T02:00:00Z', updateDue: '2026-12-06T01:00:00Z', lastUpdateDue: null, finalDue: null, ...over },
    counts: {} as ReportingStatus['counts'], overdue: [],
    townships: [{ regionCode: '152502200', name: '宝力根苏木', countyCode: '152502', countyName: null, reports, latest: null, stage: null, reviewState: 'none', counting: null, closed,
      overdue: { initialOverdue: reports === 0, updateOverdue: false, finalOverdue: false }, isOverdue: reports === 0 }],
  });
  it('初报 until one is filed, then the day\'s 续报, then 核报 once a final deadline is set; nothing once closed', () => {
    expect(nextDue(status(0), '152502200')).toEqual({ stage: 'initial', dueAt: '2026-12-04T02:00:00Z', overdue: true });
    expect(nextDue(status(2), '152502200')).toMatchObject({ stage: 'update', dueAt: '2026-12-06T01:00:00Z', overdue: false });
    expect(nextDue(status(3, { finalDue: '2026-12-20T00:00:00Z' }), '152502200')).toMatchObject({ stage: 'final' });
    expect(nextDue(status(3, {}, true), '152502200')).toBeNull();
  });
  it('"today" is the Beijing calendar day: 01:00 UTC on the 6th is due today at 08:00 on the 6th', () => {
    const due = { stage: 'update' as const, dueAt: '2026-12-06T01:00:00Z', overdue: false };
    expect(isDueToday(due, new Date('2026-12-05T17:00:00Z'))).toBe(true); // already the 6th in Beijing
    expect(isDueToday(due, new Date('2026-12-05T15:00:00Z'))).toBe(false); // still the 5th there
  });
});

describe('PMTiles serving helpers', () => {
  it('reads single byte ranges and refuses those past the end', () => {
    expect(parseByteRange(undefined, 100)).toEqual({ kind: 'whole' });
    expect(parseByteRange('bytes=0-9', 100)).toEqual({ kind: 'partial', start: 0, end: 9 });
    expect(parseByteRange('bytes=90-', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseByteRange('bytes=-10', 100)).toEqual({ kind: 'partial', start: 90, end: 99 });
    expect(parseByteRange('bytes=50-500', 100)).toEqual({ kind: 'partial', start: 50, end: 99 });
    expect(parseByteRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseByteRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'whole' });
  });
  it('reads the tile type, zooms and bounds from a v3 header, and nothing from other bytes', () => {
    expect(readPmtilesHeader(buildDemoPmtiles(2))).toMatchObject({ tileType: 'png', minZoom: 0, maxZoom: 2, bounds: [-180, -85, 180, 85] });
    expect(readPmtilesHeader(new Uint8Array(200))).toBeNull();
  });
});
