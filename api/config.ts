/** Runtime configuration from the environment (api.md "Running"), with the documented defaults. */
export interface AppConfig {
  port: number;
  databasePath: string;
  demoData: boolean;
  sessionHours: number;
  /** Dispatch: road km = great-circle km × roadFactor; hours = km / speedKmh. */
  roadFactor: number;
  speedKmh: number;
  /** Optional basemap tiles (Tianditu key, any XYZ template, or a PMTiles archive served at /api/tiles). */
  tiandituKey: string | null;
  xyzTilesUrl: string | null;
  /** Folder whose `<name>.pmtiles` archives are served with HTTP range requests at /api/tiles/<name>.pmtiles. */
  tilesDir: string;
  /** The archive in tilesDir used as a basemap (name without .pmtiles), if any. */
  pmtilesBasemap: string | null;
  /** The basemap users get until they choose one in settings: offline | tianditu | xyz | pmtiles. */
  basemap: 'offline' | 'tianditu' | 'xyz' | 'pmtiles';
  logRequests: boolean;
}

const num = (v: string | undefined, d: number) => (v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : d);

export function readConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: num(env.PORT, 8787),
    databasePath: env.DATABASE_PATH || 'data/relief.db',
    demoData: (env.DEMO_DATA ?? '1') !== '0',
    sessionHours: num(env.SESSION_HOURS, 12),
    roadFactor: num(env.ROAD_FACTOR, 1.3),
    speedKmh: num(env.SPEED_KMH, 60),
    tiandituKey: env.TIANDITU_KEY || null,
    xyzTilesUrl: env.XYZ_TILES_URL || null,
    tilesDir: env.TILES_DIR || 'data/tiles',
    pmtilesBasemap: env.PMTILES_BASEMAP || null,
    basemap: (['tianditu', 'xyz', 'pmtiles'] as const).find((b) => b === env.BASEMAP) ?? 'offline',
    logRequests: env.LOG_REQUESTS !== '0' && env.NODE_ENV !== 'test',
  };
}
