// What the crash harness's writers do: keepers receive, issue and transfer stock at their depots
// and book arriving shipments; township staff send damage reports; an officer reviews them. Every
// POST carries an Idempotency-Key; every 2xx answer is recorded as an acknowledged write.
import type { HttpAnswer, HttpClient } from './http';

export type AckKind = 'movement' | 'receive' | 'report' | 'review';

/** A write the server acknowledged (2xx, body read in full) — it must survive any crash after. */
export interface Ack {
  round: number;
  kind: AckKind;
  user: string;
  token: string;
  key: string;
  path: string;
  body: string;
  status: number;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- checked field by field in verify.ts
}

/** A write sent but not answered when the server died: it may or may not have committed. */
export interface InFlight { round: number; kind: AckKind; user: string; token: string; key: string; path: string; body: string }

export interface Actor { username: string; token: string }
export interface World {
  runId: string;
  eventId: number;
  itemIds: number[];
  xl: number;
  abg: number;
  keeper: Actor;
  keeperAbg: Actor;
  officer: Actor;
  reporters: (Actor & { township: string })[];
}

export interface RoundLog {
  acks: Ack[];
  inFlight: InFlight[];
  refused: Record<string, number>;   // non-2xx answers by status (409 not enough stock etc.): not writes
  errors: string[];                  // answers that should never happen (5xx, unexpected 4xx)
}

/** Deterministic PRNG (mulberry32) so a failing run can be repeated with --seed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}

class ServerGone extends Error {}

/** Refusals a writer expects in normal operation (e.g. not enough stock for an issue). */
const EXPECTED_REFUSALS = new Set(['INSUFFICIENT_STOCK', 'INVALID_TRANSITION', 'STAGE_CONFLICT']);

export class Writers {
  private seq = 0;
  stopped = false;
  constructor(private http: HttpClient, private world: World, private round: number, private random: ReturnType<typeof rng>, readonly log: RoundLog) {}

  private async post(kind: AckKind, who: Actor, path: string, payload: unknown): Promise<HttpAnswer | null> {
    if (this.stopped) throw new ServerGone();
    const key = `crash-${this.world.runId}-r${this.round}-${++this.seq}`;
    const body = JSON.stringify(payload);
    let res: HttpAnswer;
    try {
      res = await this.http.request('POST', path, { token: who.token, body, headers: { 'idempotency-key': key } });
    } catch {
      this.log.inFlight.push({ round: this.round, kind, user: who.username, token: who.token, key, path, body });
      throw new ServerGone();
    }
    if (res.status >= 200 && res.status < 300) {
      this.log.acks.push({ round: this.round, kind, user: who.username, token: who.token, key, path, body, status: res.status, text: res.text, json: res.json });
      return res;
    }
    this.log.refused[res.status] = (this.log.refused[res.status] ?? 0) + 1;
    const code = res.json?.error?.code;
    if (res.status >= 500 || !EXPECTED_REFUSALS.has(code)) this.log.errors.push(`${who.username} POST ${path} → ${res.status} ${res.text.slice(0, 300)}`);
    return res;
  }

  private async get(who: Actor, path: string): Promise<HttpAnswer> {
    if (this.stopped) throw new ServerGone();
    try {
      const res = await this.http.request('GET', path, { token: who.token });
      if (res.status !== 200) this.log.errors.push(`${who.username} GET ${path} → ${res.status} ${res.text.slice(0, 300)}`);
      return res;
    } catch {
      throw new ServerGone();
    }
  }

  private async keeper(who: Actor, depotId: number, toDepotId: number | null) {
    const r = this.random;
    for (;;) {
      const itemId = r.pick(this.world.itemIds);
      const roll = r.next();
      if (roll < 0.5 || (toDepotId === null && roll < 0.7)) {
        const k = r.int(0, 2);
        await this.post('movement', who, '/api/stock/movements', {
          kind: 'receipt', depotId, itemId, quantity: r.int(1, 40), batchNo: `CRASH-${itemId}-${k}`, expiresOn: `203${k}-12-31`, source: 'purchase',
        });
      } else if (roll < 0.8 || toDepotId === null) {
        await this.post('movement', who, '/api/stock/movements', { kind: 'issue', depotId, itemId, quantity: r.int(1, 12), toRegionCode: '152502' });
      } else {
        await this.post('movement', who, '/api/stock/movements', { kind: 'transfer', depotId, itemId, quantity: r.int(1, 10), toDepotId, note: 'crash harness transfer' });
      }
    }
  }

  private async receiver(who: Actor, depotId: number) {
    const r = this.random;
    for (;;) {
      const list = await this.get(who, `/api/shipments?status=in_transit`);
      const mine = ((list.json?.shipments ?? []) as { id: number; toDepotId: number | null; quantity: number }[]).filter((s) => s.toDepotId === depotId);
      if (!mine.length) {
        await this.post('movement', who, '/api/stock/movements', { kind: 'receipt', depotId, itemId: r.pick(this.world.itemIds), quantity: r.int(1, 20), batchNo: 'CRASH-ABG', expiresOn: '2032-06-30' });
        continue;
      }
      const s = r.pick(mine);
      const damaged = s.quantity > 2 && r.next() < 0.3 ? 1 : 0;
      const short = s.quantity > 3 && r.next() < 0.2 ? 1 : 0;
      await this.post('receive', who, `/api/shipments/${s.id}/receive`, {
        receivedQuantity: s.quantity - damaged - short, damagedQuantity: damaged, ...(damaged || short ? { lossReason: '运输途中损坏 crash harness' } : {}),
      });
    }
  }

  private async reporter(who: Actor & { township: string }) {
    const r = this.random;
    let stage: 'initial' | 'update' = 'initial';
    for (;;) {
      const n = r.int(0, 400);
      const res = await this.post('report', who, `/api/events/${this.world.eventId}/reports`, {
        regionCode: who.township, stage, explanation: '压力测试 核实更新',
        figures: { affected: 2 * n + 10, relocated: n, relocatedCentralized: n, deaths: n % 5, collapsedRooms: n % 11, collapsedHouseholds: n % 7 > n % 11 ? n % 11 : n % 7 },
      });
      if (res && (res.status < 300 || res.json?.error?.code === 'STAGE_CONFLICT')) stage = 'update';
    }
  }

  private async reviewer(who: Actor) {
    const r = this.random;
    for (;;) {
      const list = await this.get(who, `/api/events/${this.world.eventId}/reports?status=submitted`);
      const pending = (list.json?.reports ?? []) as { id: number }[];
      if (!pending.length) { await new Promise((res) => setTimeout(res, 20)); continue; }
      const rep = r.pick(pending);
      await this.post('review', who, `/api/reports/${rep.id}/review`, r.next() < 0.8 ? { decision: 'accept' } : { decision: 'return', note: '请核实后重报 crash harness' });
    }
  }

  /** Starts every writer loop; resolves when all have stopped (the server died under them). */
  run(): Promise<void> {
    const w = this.world;
    const loops = [
      () => this.keeper(w.keeper, w.xl, w.abg),
      () => this.keeper(w.keeper, w.xl, w.abg),
      () => this.keeper(w.keeperAbg, w.abg, null),
      () => this.receiver(w.keeperAbg, w.abg),
      ...w.reporters.map((rep) => () => this.reporter(rep)),
      () => this.reviewer(w.officer),
    ];
    return Promise.all(loops.map(async (loop) => {
      try {
        await loop();
      } catch (e) {
        if (!(e instanceof ServerGone)) this.log.errors.push(`writer crashed: ${(e as Error).stack}`);
      }
    })).then(() => undefined);
  }
}
