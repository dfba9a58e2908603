import { solveWithHighs, solveWithHighsModel } from './test/unit/planner-reference-lp';
import { planItem } from './api/modules/dispatch/planner';
const highs = await (await import('highs')).default();
let seed = 42; const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
for (const [m, n] of [[10,100],[30,300],[100,1000],[300,3000]]) {
  const demands = Array.from({ length: n }, (_, j) => ({ regionCode: 'R' + j, lon: 97.2 + rnd() * 28.9, lat: 37.4 + rnd() * 16, quantity: 10 + Math.floor(rnd() * 500), priority: (1 + Math.floor(rnd() * 5)) as 1 }));
  const total = demands.reduce((s, d) => s + d.quantity, 0);
  const depots = Array.from({ length: m }, (_, i) => ({ id: i + 1, lon: 97.2 + rnd() * 28.9, lat: 37.4 + rnd() * 16, stock: Math.floor(rnd() * 2 * 0.7 * total / m) }));
  const t0 = performance.now();
  const h = solveWithHighsModel(highs, depots, demands, {});
  const t1 = performance.now();
  const p = planItem(depots, demands, {});
  console.log(m, n, 'highs', (t1 - t0).toFixed(0), h.cost, JSON.stringify(h.metByPriority), 'planner', p.cost, JSON.stringify(p.metByPriority));
}
