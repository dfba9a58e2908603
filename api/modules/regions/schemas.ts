import { z } from 'zod';

export const RegionCode = z.string().regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/, 'a 2-, 4-, 6-, 9- or 12-digit division code');
export const RegionLevel = z.enum(['province', 'prefecture', 'county', 'township', 'village']);
const Lon = z.number().min(73).max(136);
const Lat = z.number().min(3).max(54);
const Population = z.number().int().min(0).max(2_000_000_000);

export const RegionInput = z.object({
  code: RegionCode,
  name: z.string().trim().min(1).max(64),
  level: RegionLevel,
  parentCode: RegionCode.nullable().optional(),
  lon: Lon.nullable().optional(),
  lat: Lat.nullable().optional(),
  population: Population.nullable().optional(),
  agriPopulation: Population.nullable().optional(),
});
export type RegionInput = z.infer<typeof RegionInput>;

export const RegionPatch = z
  .object({
    name: z.string().trim().min(1).max(64),
    lon: Lon,
    lat: Lat,
    population: Population.nullable(),
    agriPopulation: Population.nullable(),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change')
  .refine((p) => (p.lon === undefined) === (p.lat === undefined), 'lon and lat are corrected together');
export type RegionPatch = z.infer<typeof RegionPatch>;

export const RegionListQuery = z.object({
  parent: RegionCode.optional(),
  q: z.string().trim().min(1).max(32).optional(),
  level: RegionLevel.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const GeoJsonQuery = z.object({ level: z.enum(['province', 'prefecture', 'county']).default('county') });

export interface Region {
  code: string;
  name: string;
  level: z.infer<typeof RegionLevel>;
  parentCode: string | null;
  lon: number | null;
  lat: number | null;
  approximate: boolean;
  statCode: string | null;
  population: number | null;
  agriPopulation: number | null;
  populationSource: string | null;
}
