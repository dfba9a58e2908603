// Dispatch planner benchmark: the planner against HiGHS and javascript-lp-solver, each solving the
// same lexicographic problem (most demand met by priority 5…1, then least Σ quantity × km).
//   npx tsx scripts/bench/dispatch.ts            all sizes (HiGHS at 300×3000 takes minutes)
//   npx tsx scripts/bench/dispatch.ts --quick    up to 100×1000
// Exits 1 if any solver's objective disagrees with the planner's (met per priority exactly,
// cost within 1e-6 relative). The planner runs in a child process so its peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import solver from 'javascript-lp-solver';
import { planItem, type PlanDemand, type PlanDepot, type Priority } from '../../api/modules/dispatch/planner';
import { solveWithHighsModel, solveWithJsLp, type LexOutcome } from '../../test/unit/planner-reference-lp';

const SIZES: [number, number][] = [[10, 100], [30, 300], [100, 1000], [300, 3000]];
const JSLP_MAX_DEPOTS = 100;     // beyond this its dense tableau needs tens of GB: not attempted
const JSLP_TIMEOUT_MS = 60_000;
const SEED = 2024;

/** Seeded instance in Inner Mongolia's bounding box; stock ≈ 70 % of demand, mixed priorities. */
function instance(depotCount: number, townshipCount: number, seed: number): { depots: PlanDepot[]; demands: PlanDemand[] } {
  let s = seed >>> 0;
  const rnd = () => { // mulberry32
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const point = () => ({ lon: 97.2 + rnd() * (126.1 - 97.2), lat: 37.4 + rnd() * (53.4 - 37.4) });
  const demands = Array.from({ length: townshipCount }, (_, j): PlanDemand => ({
    regionCode: `15${String(j).padStart(7, '0')}`, ...point(),
    quantity: 10 + Math.floor(rnd() * 491), priority: (1 + Math.floor(rnd() * 5)) as Priority,
  }));
  const weights = Array.from({ length: depotCount }, () => 0.2 + rnd());
  const total = demands.reduce((t, d) => t + d.quantity, 0);
  const wsum = weights.reduce((a, b) => a + b, 0);
  const depots = weights.map((w, i): PlanDepot => ({ id: i + 1, ...point(), stock: Math.floor((0.7 * total * w) / wsum) }));
  return { depots, demands };
}

interface Run extends LexOutcome { ms: number; maxRssMb?: number; warmMs?: number }

// ---- child processes: the planner (for its own peak memory) and javascript-lp-solver (for a timeout)
async function child(kind: string, m: number, n: number): Promise<void> {
  const { depots, demands } = instance(m, n, SEED + m);
  if (kind === 'baseline') {
    console.log(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024 }));
    return;
  }
  if (kind === 'planner') {
    const t0 = performance.now();
    const plan = planItem(depots, demands, {});
    const ms = performance.now() - t0;
    const maxRssMb = process.resourceUsage().maxRSS / 1024;
    const warm: number[] = [];
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      planItem(depots, demands, {});
      warm.push(performance.now() - t);
    }
    warm.sort((a, b) => a - b);
    console.log(JSON.stringify({ ms, warmMs: warm[1], maxRssMb, cost: plan.cost, metByPriority: plan.metByPriority }));
    return;
  }
  const t0 = performance.now();
  const r = solveWithJsLp(solver as never, depots, demands, {});
  console.log(JSON.stringify({ ...r, ms: performance.now() - t0 }));
}

function inChild(kind: string, m: number, n: number, timeout?: number): Run | 'timeout' {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', kind, String(m), String(n)],
    { encoding: 'utf8', timeout, killSignal: 'SIGKILL', maxBuffer: 1 << 20 });
  if (r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return 'timeout';
  if (r.status !== 0) throw new Error(`${kind} child failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

function agree(a: LexOutcome, b: LexOutcome): boolean {
  const met = ([5, 4, 3, 2, 1] as Priority[]).every((p) => a.metByPriority[p] === b.metByPriority[p]);
  return met && Math.abs(a.cost - b.cost) <= 1e-6 * Math.max(1, Math.abs(b.cost));
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const highs = await (await import('highs')).default();
  const baseline = inChild('baseline', 1, 1) as Run;
  const rows: string[][] = [];
  let disagreements = 0;
  let targets = '';
  for (const [m, n] of SIZES.filter(([m]) => !quick || m <= 100)) {
    const planner = inChild('planner', m, n) as Run;
    const { depots, demands } = instance(m, n, SEED + m);
    const t0 = performance.now();
    const hi: Run = { ...solveWithHighsModel(highs, depots, demands, {}), ms: 0 };
    hi.ms = performance.now() - t0;
    const js = m <= JSLP_MAX_DEPOTS ? inChild('jslp', m, n, JSLP_TIMEOUT_MS) : 'skipped';
    const hiOk = agree(planner, hi);
    const jsOk = typeof js === 'object' ? agree(planner, js) : true;
    if (!hiOk || !jsOk) disagreements++;
    const met = ([5, 4, 3, 2, 1] as Priority[]).map((p) => planner.metByPriority[p]).join('/');
    const demand = demands.reduce((t, d) => t + d.quantity, 0);
    const jsCell = typeof js === 'object' ? js.ms.toFixed(0) : js === 'timeout' ? `> ${JSLP_TIMEOUT_MS / 1000} s` : 'not run';
    rows.push([`${m}×${n}`, planner.ms.toFixed(1), planner.warmMs!.toFixed(1), hi.ms.toFixed(0), jsCell,
      planner.cost.toFixed(3), hi.cost.toFixed(3), typeof js === 'object' ? js.cost.toFixed(3) : '—',
      `${met} of ${demand}`, `${hiOk ? 'yes' : 'NO'}${typeof js === 'object' ? (jsOk ? ' / yes' : ' / NO') : ''}`,
      `${(hi.ms / planner.ms).toFixed(0)}×`, planner.maxRssMb!.toFixed(0)]);
    console.error(`done ${m}×${n}`);
    if (m === 300) {
      const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');
      targets = `targets at 300×3000: under 1 s: ${planner.ms.toFixed(0)} ms (${mark(planner.ms < 1000)}); ` +
        `≥ 20× faster than HiGHS: ${(hi.ms / planner.ms).toFixed(0)}× (${mark(hi.ms / planner.ms >= 20)}); ` +
        `peak RSS < 300 MB: ${planner.maxRssMb!.toFixed(0)} MB (${mark(planner.maxRssMb! < 300)}); ` +
        `objectives agree: ${hiOk ? 'yes' : 'NO'}`;
    }
  }
  const head = ['depots×townships', 'planner ms (cold)', 'planner ms (warm)', 'HiGHS ms', 'jsLP ms', 'cost planner',
    'cost HiGHS', 'cost jsLP', 'met p5/p4/p3/p2/p1 of demand', 'agree HiGHS / jsLP', 'speed-up vs HiGHS', 'planner peak RSS MB'];
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(`\nplanner peak RSS includes node + tsx (idle child: ${baseline.maxRssMb!.toFixed(0)} MB). ` +
    'Cold = first call in a fresh process (includes JIT warm-up); warm = median of 3 more. ' +
    'HiGHS: one persistent model, warm-started across the 6 sequential LPs.');
  if (targets) console.log(targets);
  if (disagreements > 0) {
    console.log(`${disagreements} size(s) with disagreeing objectives`);
    process.exit(1);
  }
}

const at = process.argv.indexOf('--child');
if (at >= 0) await child(process.argv[at + 1], Number(process.argv[at + 2]), Number(process.argv[at + 3]));
else await main();
