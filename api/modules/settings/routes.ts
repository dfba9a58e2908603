import { newRouter, route } from '../../http/router';

export function settingsRoutes() {
  const r = newRouter();
  r.openapi(route({ method: 'get', path: '/map', tags: ['settings'], summary: 'Basemap configuration (from the environment)' }), (c) => {
    const { tiandituKey, xyzTilesUrl, pmtilesPath } = c.var.deps.config;
    return c.json({ tiandituKey, xyzTilesUrl, pmtiles: pmtilesPath ? '/api/tiles/basemap.pmtiles' : null }, 200);
  });
  return r;
}
