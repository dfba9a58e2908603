// npm run crash [-- --rounds 20 --seed 123 --kill-min 200 --kill-max 1500 --replays 30 --db path --keep]
// Exits 0 only when no acknowledged write was lost, every invariant held and every replay matched.
import { DEFAULT_CRASH_OPTIONS, runCrash, type CrashOptions } from './harness';

function parseArgs(argv: string[]): Partial<CrashOptions> {
  const o: Partial<CrashOptions> = {};
  const num = (i: number, name: string) => {
    const v = Number(argv[i + 1]);
    if (!Number.isInteger(v) || v < 0) throw new Error(`${name} needs a non-negative integer`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    switch (argv[i]) {
      case '--rounds': o.rounds = num(i, '--rounds'); i++; break;
      case '--seed': o.seed = num(i, '--seed'); i++; break;
      case '--kill-min': o.killMinMs = num(i, '--kill-min'); i++; break;
      case '--kill-max': o.killMaxMs = num(i, '--kill-max'); i++; break;
      case '--replays': o.replaySample = num(i, '--replays'); i++; break;
      case '--db': o.databasePath = argv[++i]; break;
      case '--keep': o.keep = true; break;
      case '--help':
        console.log('usage: npm run crash -- [--rounds N (20)] [--seed S] [--kill-min MS (200)] [--kill-max MS (1500)] [--replays N (30)] [--db PATH] [--keep]');
        process.exit(0);
        break;
      default: throw new Error(`unknown argument ${argv[i]} (try --help)`);
    }
  }
  return o;
}

const opts = { ...DEFAULT_CRASH_OPTIONS, ...parseArgs(process.argv.slice(2)) };
if (opts.killMaxMs < opts.killMinMs) throw new Error('--kill-max must be at least --kill-min');
const t0 = Date.now();
const result = await runCrash(opts);
console.log(`(${((Date.now() - t0) / 1000).toFixed(1)} s; repeat with --seed ${result.seed})`);
process.exit(result.ok ? 0 : 1);
