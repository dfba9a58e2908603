// The crash harness: the real server on a temp database with the demo data; concurrent writers;
// SIGKILL at a random moment; then every acknowledged write must be in the database, every
// registered invariant true and the audit chain intact; restart and repeat on the same database.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDatabaseHealth, type HealthReport } from '../lib/db-health';
import '../lib/register-checks';
import type { HttpClient } from './http';
import { freePort, startServer, type RunningServer } from './server';
import { checkAcks } from './verify';
import { rng, Writers, type Ack, type AckKind, type InFlight, type RoundLog, type World } from './workload';

export interface CrashOptions {
  rounds: number;
  seed: number;
  /** The kill lands uniformly between these many ms after the writers start. */
  killMinMs: number;
  killMaxMs: number;
  /** Acknowledged writes re-sent with their Idempotency-Key after each restart (plus the last few of the round). */
  replaySample: number;
  /** Keep the database here (default: a temp directory, removed afterwards unless keep). */
  databasePath?: string;
  keep?: boolean;
  print?: (line: string) => void;
}

export const DEFAULT_CRASH_OPTIONS: CrashOptions = { rounds: 20, seed: Date.now() % 1_000_000, killMinMs: 200, killMaxMs: 1500, replaySample: 30, keep: false };

const ADMIN_PASSWORD = 'admin-crash-2026';
const TOWNSHIPS = ['152502200', '152502201', '152502203']; // 宝力根苏木 (the demo reporter's), 朝克乌拉苏木, and one more of 锡林浩特市

export interface RoundResult {
  round: number;
  restartMs: number | null;
  killedAfterMs: number;
  acknowledged: number;
  byKind: Record<AckKind, number>;
  survived: number;
  lost: number;
  lostDetail: string[];
  /** Earlier rounds' acknowledged writes found missing now (a later crash undid them). */
  lostEarlier: number;
  retried: { replayed: number; applied: number; refused: number };
  replays: { checked: number; identical: number; mismatches: string[] };
  refused: Record<string, number>;
  errors: string[];
  health: HealthReport;
}

export interface CrashResult {
  ok: boolean;
  seed: number;
  databasePath: string;
  rounds: RoundResult[];
  totals: { acknowledged: number; survived: number; lost: number; replays: number; replayMismatches: number; invariantFailures: number; errors: number };
  finalRestartMs: number;
}

async function login(http: HttpClient, username: string, password: string) {
  const res = await http.request('POST', '/api/auth/login', { body: JSON.stringify({ username, password }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${res.text}`);
  return { username, token: res.json.token as string };
}

async function must(p: Promise<{ status: number; text: string; json: any }>, what: string, status = 201) { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await p;
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.text}`);
  return res.json;
}

/** Users, an event and the depots the writers use, made through the API on the first server. */
async function setUp(http: HttpClient, runId: string): Promise<World> {
  const admin = await login(http, 'admin', ADMIN_PASSWORD);
  const officer = await login(http, 'officer', 'officer-demo-2026');
  const keeper = await login(http, 'keeper', 'keeper-demo-2026');
  const keeperAbg = await login(http, 'keeper_abg', 'keeper-demo-2026');
  const reporters = [];
  for (const township of TOWNSHIPS) {
    const username = `crash_${runId}_${township}`;
    await must(http.request('POST', '/api/users', { token: admin.token, body: JSON.stringify({ username, password: 'reporter-demo-2026', role: 'reporter', regionCode: township }) }), `create ${username}`);
    reporters.push({ ...(await login(http, username, 'reporter-demo-2026')), township });
  }
  const event = await must(http.request('POST', '/api/events', {
    token: officer.token,
    body: JSON.stringify({ name: `崩溃测试 crash harness ${runId}`, hazard: 'snow', startedAt: new Date(Date.now() - 3600_000).toISOString(), regionCode: '152502' }),
  }), 'create event');
  const depots = (await must(http.request('GET', '/api/depots', { token: admin.token }), 'depots', 200)).depots as { id: number; code: string }[];
  const items = (await must(http.request('GET', '/api/items', { token: admin.token }), 'items', 200)).items as { id: number }[];
  return {
    runId, eventId: event.id, itemIds: items.slice(0, 3).map((i) => i.id),
    xl: depots.find((d) => d.code === 'XL-01')!.id, abg: depots.find((d) => d.code === 'ABG-01')!.id,
    keeper, keeperAbg, officer, reporters,
  };
}

/** A client retrying what it never got an answer to, with the same key: replayed if it committed, applied if not. */
async function retryInFlight(http: HttpClient, inFlight: InFlight[], round: number, acks: Ack[]) {
  const out = { replayed: 0, applied: 0, refused: 0 };
  for (const f of inFlight) {
    const res = await http.request('POST', f.path, { token: f.token, body: f.body, headers: { 'idempotency-key': f.key } });
    if (res.status >= 200 && res.status < 300) {
      if (res.headers['idempotent-replay'] === 'true') out.replayed += 1;
      else out.applied += 1;
      acks.push({ round, kind: f.kind, user: f.user, token: f.token, key: f.key, path: f.path, body: f.body, status: res.status, text: res.text, json: res.json });
    } else out.refused += 1;
  }
  return out;
}

/** Re-sends acknowledged writes with their keys: each must come back as the identical stored answer. */
async function replayAcks(http: HttpClient, sample: Ack[]) {
  const mismatches: string[] = [];
  for (const a of sample) {
    const res = await http.request('POST', a.path, { token: a.token, body: a.body, headers: { 'idempotency-key': a.key } });
    if (res.status !== a.status || res.text !== a.text || res.headers['idempotent-replay'] !== 'true') {
      mismatches.push(`key ${a.key} ${a.path}: first ${a.status} ${a.text.slice(0, 120)}; after restart ${res.status} replay=${res.headers['idempotent-replay'] ?? 'no'} ${res.text.slice(0, 120)}`);
    }
  }
  return { checked: sample.length, identical: sample.length - mismatches.length, mismatches };
}

function pickSample<T>(xs: T[], n: number, r: ReturnType<typeof rng>): T[] {
  if (xs.length <= n) return [...xs];
  const picked = new Set<number>();
  while (picked.size < n) picked.add(r.int(0, xs.length - 1));
  return [...picked].map((i) => xs[i]);
}

export async function runCrash(partial: Partial<CrashOptions> = {}): Promise<CrashResult> {
  const o = { ...DEFAULT_CRASH_OPTIONS, ...partial };
  const print = o.print ?? ((line: string) => console.log(line));
  const dir = mkdtempSync(join(tmpdir(), 'relief-crash-'));
  const databasePath = o.databasePath ?? join(dir, 'crash.db');
  const port = await freePort();
  const random = rng(o.seed);
  const runId = `${o.seed.toString(36)}${process.pid.toString(36)}`;
  const env = { ADMIN_PASSWORD };
  const rounds: RoundResult[] = [];
  const allAcks: Ack[] = [];
  let server: RunningServer | null = null;
  let finalRestartMs = 0;

  print(`crash harness: ${o.rounds} rounds on ${databasePath} (seed ${o.seed}; kill ${o.killMinMs}–${o.killMaxMs} ms after the writers start)`);
  try {
    let t0 = Date.now();
    server = await startServer({ databasePath, port, env });
    print(`server ${server.pid} up in ${Date.now() - t0} ms (new database seeded with demo data)`);
    const world = await setUp(server.http, runId);
    let pendingInFlight: InFlight[] = [];

    for (let round = 1; round <= o.rounds; round++) {
      let restartMs: number | null = null;
      const log: RoundLog = { acks: [], inFlight: [], refused: {}, errors: [] };
      let retried = { replayed: 0, applied: 0, refused: 0 };
      let replays = { checked: 0, identical: 0, mismatches: [] as string[] };
      if (!server) {
        t0 = Date.now();
        server = await startServer({ databasePath, port, env });
        restartMs = Date.now() - t0;
        retried = await retryInFlight(server.http, pendingInFlight, round, log.acks);
        const previous = rounds[rounds.length - 1];
        const lastOfRound = allAcks.filter((a) => a.round === previous.round).slice(-5);
        replays = await replayAcks(server.http, [...new Set([...lastOfRound, ...pickSample(allAcks, o.replaySample, random)])]);
      }

      const writers = new Writers(server.http, world, round, random, log);
      const running = writers.run();
      const killAfter = o.killMinMs + Math.floor(random.next() * (o.killMaxMs - o.killMinMs + 1));
      await new Promise((r) => setTimeout(r, killAfter));
      const out = server.output();
      await server.kill();
      writers.stopped = true;
      await running;
      server = null;
      if (/unhandled error/.test(out)) log.errors.push(`server logged an unhandled error:\n${out.split('\n').filter((l) => /unhandled error/.test(l)).slice(0, 3).join('\n')}`);

      // Opened read-write on purpose: this is the recovery the restarted server will also do.
      const sqlite = new Database(databasePath);
      let check, earlier, health;
      try {
        check = checkAcks(sqlite, log.acks);
        earlier = checkAcks(sqlite, allAcks);
        health = checkDatabaseHealth(sqlite);
      } finally {
        sqlite.close();
      }
      allAcks.push(...log.acks);
      pendingInFlight = log.inFlight;

      const byKind = { movement: 0, receive: 0, report: 0, review: 0 } as Record<AckKind, number>;
      for (const a of log.acks) byKind[a.kind] += 1;
      const result: RoundResult = {
        round, restartMs, killedAfterMs: killAfter, acknowledged: log.acks.length, byKind,
        survived: check.survived, lost: check.lost.length, lostDetail: check.lost.map((l) => `${l.ack.kind} ${l.ack.path} key ${l.ack.key}: ${l.why}`),
        lostEarlier: earlier.lost.length, retried, replays, refused: log.refused, errors: log.errors, health,
      };
      rounds.push(result);
      print(formatRound(result, o.rounds));
      for (const line of [...result.lostDetail, ...earlier.lost.map((l) => `earlier ${l.ack.kind} key ${l.ack.key}: ${l.why}`), ...replays.mismatches, ...log.errors, ...(health.ledger?.violations ?? [])].slice(0, 20)) print(`    ! ${line}`);
    }

    // The last crash must be recoverable by the server itself, and its writes replayable.
    t0 = Date.now();
    server = await startServer({ databasePath, port, env });
    finalRestartMs = Date.now() - t0;
    const lastAcks: Ack[] = [];
    const retried = await retryInFlight(server.http, pendingInFlight, o.rounds + 1, lastAcks);
    const replays = await replayAcks(server.http, allAcks.filter((a) => a.round === o.rounds).slice(-10));
    const verify = await server.http.request('GET', '/api/audit/verify', { token: (await login(server.http, 'admin', ADMIN_PASSWORD)).token });
    await server.stop();
    server = null;
    print(`final restart in ${finalRestartMs} ms: in-flight retried ${retried.replayed + retried.applied + retried.refused} (replayed ${retried.replayed}, applied ${retried.applied}); replays ${replays.identical}/${replays.checked} identical; GET /api/audit/verify → ${verify.status} ${verify.text}`);
    if (replays.mismatches.length) rounds[rounds.length - 1].replays.mismatches.push(...replays.mismatches);
    if (verify.status !== 200 || verify.json?.ok !== true) rounds[rounds.length - 1].errors.push(`audit verify after the last restart: ${verify.status} ${verify.text}`);
  } finally {
    if (server) await server.kill();
    if (!o.keep && !o.databasePath) rmSync(dir, { recursive: true, force: true });
  }

  const totals = {
    acknowledged: rounds.reduce((s, r) => s + r.acknowledged, 0),
    survived: rounds.reduce((s, r) => s + r.survived, 0),
    lost: rounds.reduce((s, r) => s + r.lost + r.lostEarlier, 0),
    replays: rounds.reduce((s, r) => s + r.replays.checked, 0),
    replayMismatches: rounds.reduce((s, r) => s + r.replays.mismatches.length, 0),
    invariantFailures: rounds.filter((r) => !r.health.ok).length,
    errors: rounds.reduce((s, r) => s + r.errors.length, 0),
  };
  const ok = rounds.length === o.rounds && totals.lost === 0 && totals.replayMismatches === 0 && totals.invariantFailures === 0 && totals.errors === 0;
  print(`total: ${o.rounds} crashes, ${totals.acknowledged} acknowledged writes, ${totals.survived} survived, ${totals.lost} lost; ${totals.replays} idempotent replays, ${totals.replayMismatches} mismatched; invariant failures ${totals.invariantFailures}; unexpected errors ${totals.errors} → ${ok ? 'PASS' : 'FAIL'}`);
  return { ok, seed: o.seed, databasePath, rounds, totals, finalRestartMs };
}

function formatRound(r: RoundResult, of: number) {
  const k = r.byKind;
  const health = r.health.ok ? `invariants ok (audit ${r.health.audit.checked} rows${r.health.ledger ? `, ${r.health.ledger.violations.length} ledger violations` : ''})`
    : `INVARIANTS FAILED (integrity ${r.health.integrity}, audit ${r.health.audit.ok ? 'ok' : `broken at ${r.health.audit.firstBrokenId}`}, ledger ${r.health.ledger?.violations.length ?? 0} violations)`;
  return `round ${String(r.round).padStart(2)}/${of}: ${r.restartMs === null ? 'first start' : `restart ${r.restartMs} ms`}, killed after ${r.killedAfterMs} ms; `
    + `acknowledged ${r.acknowledged} (movements ${k.movement}, receipts of shipments ${k.receive}, reports ${k.report}, reviews ${k.review}); survived ${r.survived}, lost ${r.lost}`
    + `${r.lostEarlier ? `, EARLIER LOST ${r.lostEarlier}` : ''}; in-flight retried ${r.retried.replayed + r.retried.applied + r.retried.refused} (replayed ${r.retried.replayed}, applied ${r.retried.applied}, refused ${r.retried.refused}); `
    + `replays ${r.replays.identical}/${r.replays.checked} identical; ${health}${r.errors.length ? `; ${r.errors.length} ERRORS` : ''}`;
}
