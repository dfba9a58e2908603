import { buildDispatchNetwork } from './api/modules/dispatch/dispatch-network';
import { solveMinCostFlow } from './api/modules/dispatch/network-simplex';
let seed = 42; const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
for (const [m, n] of [[100,1000],[300,3000],[300,3000],[300,3000]]) {
  const demands = Array.from({ length: n }, (_, j) => ({ regionCode: 'R' + j, lon: 97.2 + rnd() * 28.9, lat: 37.4 + rnd() * 16, quantity: 10 + Math.floor(rnd() * 500), priority: (1 + Math.floor(rnd() * 5)) as 1 }));
  const total = demands.reduce((s, d) => s + d.quantity, 0);
  const depots = Array.from({ length: m }, (_, i) => ({ id: i + 1, lon: 97.2 + rnd() * 28.9, lat: 37.4 + rnd() * 16, stock: Math.floor(rnd() * 2 * 0.7 * total / m) }));
  let best = 1e9, bb = 1e9, r: any;
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    const net = buildDispatchNetwork(depots, demands, {});
    const t1 = performance.now();
    r = solveMinCostFlow(net.problem);
    const t2 = performance.now();
    best = Math.min(best, t2 - t1); bb = Math.min(bb, t1 - t0);
  }
  console.log(m, n, 'build', bb.toFixed(1), 'solve', best.toFixed(1), 'pivots', r.pivots, 'priced', r.pricedArcs);
}
