/** Runtime configuration from the environment (api.md "Running"), with the documented defaults. */
export interface AppConfig {
  port: number;
  databasePath: string;
  demoData: boolean;
  sessionHours: number;
  /** Dispatch: road km = great-circle km × roadFactor; hours = km / speedKmh. */
  roadFactor: number;
  speedKmh: number;
  /** Optional basemap tiles (Tianditu key, any XYZ template, or a PMTiles file served at /tiles). */
  tiandituKey: string | null;
  xyzTilesUrl: string | null;
  pmtilesPath: string | null;
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
    pmtilesPath: env.PMTILES_PATH || null,
    logRequests: env.LOG_REQUESTS !== '0' && env.NODE_ENV !== 'test',
  };
}
