import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshApp, type Client } from '../support/fresh-app';
import { newEvent, userAt } from '../support/reports';
import { rollUpLatestAccepted, type TownshipReport } from '../../api/modules/reports/rollup';

const TOWNS = ['152502200', '152502201', '152502203'];
let f: ReturnType<typeof freshApp>;
let officer: Client;
const reporters: Client[] = [];
beforeAll(async () => {
  f = freshApp();
  officer = await f.login('officer');
  for (const t of TOWNS) reporters.push(await userAt(f, 'reporter', t));
});
afterAll(() => f?.close());

const op = fc.oneof(
  fc.record({ kind: fc.constant('submit' as const), town: fc.integer({ min: 0, max: 2 }), stage: fc.constantFrom('initial', 'update', 'final'), n: fc.integer({ min: 0, max: 500 }) }),
  fc.record({ kind: fc.constant('review' as const), pick: fc.nat(), decision: fc.constantFrom('accept', 'accept', 'return') }),
  fc.record({ kind: fc.constant('reopen' as const), town: fc.integer({ min: 0, max: 2 }) }),
);

describe('the roll-up projection', () => {
  it('always equals a replay of every stored report through rollUpLatestAccepted', async () => {
    await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 25 }), async (ops) => {
      const eventId = await newEvent(officer);
      let midway = new Date().toISOString();
      for (const [n, o] of ops.entries()) {
        if (n === Math.floor(ops.length / 2)) {
          await new Promise((r) => setTimeout(r, 2));
          midway = new Date().toISOString();
          await new Promise((r) => setTimeout(r, 2));
        }
        if (o.kind === 'submit') {
          await reporters[o.town].post(`/api/events/${eventId}/reports`, {
            regionCode: TOWNS[o.town], stage: o.stage, explanation: '核实后更正',
            figures: { affected: o.n * 2, relocated: o.n, relocatedCentralized: o.n, deaths: o.n % 7 },
          });
        } else if (o.kind === 'review') {
          const pending = (await officer.get(`/api/events/${eventId}/reports?status=submitted`)).body.reports;
          if (!pending.length) continue;
          const r = pending[o.pick % pending.length];
          await officer.post(`/api/reports/${r.id}/review`, o.decision === 'accept' ? { decision: 'accept' } : { decision: 'return', note: '请核实' });
        } else {
          await officer.post(`/api/events/${eventId}/townships/${TOWNS[o.town]}/reopen`, {});
        }
      }
      const all = (await officer.get(`/api/events/${eventId}/reports`)).body.reports as (TownshipReport & { regionCode: string; submittedAt: string; reviewedAt: string | null })[];
      const replay = rollUpLatestAccepted(all.map((r) => ({ ...r, townshipCode: r.regionCode, submittedAt: new Date(r.submittedAt), reviewedAt: r.reviewedAt ? new Date(r.reviewedAt) : null })));
      const stored = (await officer.get(`/api/events/${eventId}/summary?regionCode=152502`)).body;
      expect(stored.figures).toEqual(replay.figures);
      expect(stored.townships).toBe(replay.townships);
      const asOf = (await officer.get(`/api/events/${eventId}/summary?regionCode=152502&asOf=${encodeURIComponent(new Date(Date.now() + 1000).toISOString())}`)).body;
      expect(asOf.figures).toEqual(stored.figures);
      // The picture at a past moment, from SQL, equals the replay cut at that moment.
      const then = (await officer.get(`/api/events/${eventId}/summary?regionCode=152502&by=township&asOf=${encodeURIComponent(midway)}`)).body;
      const replayThen = rollUpLatestAccepted(all.map((r) => ({ ...r, townshipCode: r.regionCode, submittedAt: new Date(r.submittedAt), reviewedAt: r.reviewedAt ? new Date(r.reviewedAt) : null })), { asOf: new Date(midway) });
      expect(then.figures).toEqual(replayThen.figures);
      expect(then.townships).toBe(replayThen.townships);
      // Exactly one counting report per township that has any accepted one.
      for (const t of TOWNS) {
        const own = all.filter((r) => r.regionCode === t);
        expect(own.filter((r) => r.status === 'accepted').length).toBe(own.some((r) => r.status === 'accepted' || r.status === 'superseded') ? 1 : 0);
      }
    }), { numRuns: 15 });
  }, 120_000);
});
