import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshApp } from '../support/fresh-app';

type Point = { code: string; name: string; county: string; lon: number; lat: number };
let f: Awaited<ReturnType<typeof freshApp>>;
beforeAll(async () => { f = await freshApp(); });
afterAll(() => f.close());

describe('township points for the map, one request per region', () => {
  it('gives every township of the league with its county, the same set as asking county by county', async () => {
    const officer = await f.login('officer');
    const all = (await officer.get('/api/regions/1525/townships')).body.townships as Point[];
    const counties = (await officer.get('/api/regions?parent=1525')).body.regions as { code: string }[];
    const oneByOne: string[] = [];
    for (const c of counties) {
      const kids = (await officer.get(`/api/regions?parent=${c.code}`)).body.regions as { code: string; level: string; lon: number | null }[];
      for (const k of kids) if (k.level === 'township' && k.lon != null) oneByOne.push(`${k.code}@${c.code}`);
    }
    expect(all.length).toBeGreaterThan(50);
    expect(all.map((t) => `${t.code}@${t.county}`).sort()).toEqual(oneByOne.sort());
    for (const t of all) expect(t.lon).toBeGreaterThan(110), expect(t.lat).toBeGreaterThan(41);
  });

  it('answers 404 for an unknown region and 400 for a malformed code', async () => {
    const officer = await f.login('officer');
    expect((await officer.get('/api/regions/159999/townships')).status).toBe(404);
    expect((await officer.get('/api/regions/15x/townships')).status).toBe(400);
  });
});
