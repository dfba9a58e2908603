// Events, township reports, exchange (GeoJSON, xlsx, import), response levels and rule tables.
// Inside: an event of 锡林浩特市 (152502) and the reporter's township 宝力根苏木 (152502200).
// Outside: an event of 兰州 城关区 (620102) and its township 酒泉路街道 (620102001).
import ExcelJS from 'exceljs';
import { TEMPLATE_HEADERS } from '../../../api/modules/reports/exchange/sheets';
import { allow, defineModule, everyone, idsIn, ok, PLACE, type Scope } from '../access-matrix-kit';

const REVIEW_TOWN = '152502201'; // 朝克乌拉苏木: reviewed and reopened here, so the reporter's township stays open
const figures = (n: number) => ({ affected: 100 + n, relocated: 10, relocatedCentralized: 10 });

async function importSheet(township: string) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('灾情报表');
  ws.addRow(['标题']);
  ws.addRow(TEMPLATE_HEADERS);
  const r: (string | number | null)[] = new Array(TEMPLATE_HEADERS.length).fill(null);
  r[0] = township; r[2] = '续报'; r[3] = '核实更新';
  r[TEMPLATE_HEADERS.indexOf('受灾人口（人）')] = 120;
  ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const EVENT_READ: ReturnType<typeof everyone> = everyone(200);
const EVENT_READ_OUT = allow(200, 'admin');

export default defineModule({
  name: 'events, reports and response levels',
  async setup(ctx) {
    const { admin, officer, reporter } = ctx.as;
    const event = async (who: typeof admin, regionCode: string) => ok(await who.post('/api/events', {
      name: `矩阵事件${ctx.seq()}`, hazard: 'snow', startedAt: new Date(Date.now() - 3600_000).toISOString(), regionCode,
    }), 201, 'event').body.id as number;
    const inEvent = await event(officer, PLACE.county);
    const outEvent = await event(admin, PLACE.gansuCounty);
    const report = async (who: typeof admin, eventId: number, township: string, stage = 'update') =>
      ok(await who.post(`/api/events/${eventId}/reports`, { regionCode: township, stage, explanation: '核实更新', figures: figures(ctx.seq()) }), 201, 'report').body.id as number;
    const fx = {
      inEvent, outEvent,
      inReport: await report(reporter, inEvent, PLACE.township, 'initial'),
      outReport: await report(admin, outEvent, PLACE.gansuTownship, 'initial'),
      eventOf: (s: Scope) => (s === 'in' ? inEvent : outEvent),
      townOf: (s: Scope) => (s === 'in' ? PLACE.township : PLACE.gansuTownship),
      /** A new event (for rows that change an event's state). */
      newEvent: (s: Scope) => (s === 'in' ? event(officer, PLACE.county) : event(admin, PLACE.gansuCounty)),
      /** A submitted report waiting for review. */
      pending: (s: Scope) => (s === 'in' ? report(admin, inEvent, REVIEW_TOWN) : report(admin, outEvent, PLACE.gansuTownship)),
      /** A township whose reporting a 核报 has closed (closed already is fine). */
      closed: async (s: Scope) => {
        const town = s === 'in' ? REVIEW_TOWN : PLACE.gansuTownship;
        const res = await admin.post(`/api/events/${fx.eventOf(s)}/reports`, { regionCode: town, stage: 'final', explanation: '核报', figures: figures(ctx.seq()) });
        if (res.status !== 201 && res.body?.error?.code !== 'REPORTING_CLOSED') ok(res, 201, 'final report');
        return town;
      },
      /** A region with a table of its own (so removing it has something to remove). */
      ownTable: async (s: Scope) => {
        const code = s === 'in' ? PLACE.county : PLACE.gansuCounty;
        ok(await admin.put(`/api/response-rules/${code}`, RULES), 200, 'rules');
        return code;
      },
      seq: ctx.seq,
    };
    return fx;
  },
  rows: [
    {
      route: 'POST /api/events',
      request: (fx, s) => ({ path: '/api/events', body: { name: `新事件${fx.seq()}`, hazard: 'snow', startedAt: new Date(Date.now() - 60_000).toISOString(), regionCode: s === 'in' ? PLACE.county : PLACE.gansuCounty } }),
      in: allow(201, 'admin', 'officer'), out: allow(201, 'admin'),
    },
    {
      route: 'GET /api/events',
      request: (_fx, s) => ({ path: `/api/events?regionCode=${s === 'in' ? PLACE.county : PLACE.gansuCounty}` }),
      in: everyone(200), out: { ...everyone(200) },
      check: (res, fx, s, a) => {
        if (a === 'anon') return;
        const ids = idsIn(res.body.events);
        if (s === 'out' && a !== 'admin' && ids.includes(fx.outEvent)) throw new Error(`${a} lists the Gansu event`);
        if (s === 'in' && !ids.includes(fx.inEvent)) throw new Error(`${a} does not list the event of their area`);
      },
    },
    { route: 'GET /api/events/{id}', request: (fx, s) => ({ path: `/api/events/${fx.eventOf(s)}` }), in: EVENT_READ, out: EVENT_READ_OUT },
    {
      route: 'PATCH /api/events/{id}',
      request: (fx, s) => ({ path: `/api/events/${fx.eventOf(s)}`, body: { note: '矩阵测试备注' } }),
      in: allow(200, 'admin', 'officer'), out: allow(200, 'admin'),
    },
    {
      route: 'POST /api/events/{id}/merge',
      request: async (fx, s) => ({ path: `/api/events/${await fx.newEvent(s)}/merge`, body: { intoId: await fx.newEvent(s) } }),
      in: allow(200, 'admin', 'officer'), out: allow(200, 'admin'),
    },

    {
      route: 'POST /api/events/{id}/reports',
      request: (fx, s) => ({ path: `/api/events/${fx.eventOf(s)}/reports`, body: { regionCode: fx.townOf(s), stage: 'update', explanation: '核实更新', figures: figures(fx.seq()) } }),
      in: allow(201, 'admin', 'officer', 'reporter'), out: allow(201, 'admin'),
    },
    { route: 'GET /api/events/{id}/reports', request: (fx, s) => ({ path: `/api/events/${fx.eventOf(s)}/reports` }), in: EVENT_READ, out: EVENT_READ_OUT },
    { route: 'GET /api/events/{id}/summary', request: (fx, s) => ({ path: `/api/events/${fx.eventOf(s)}/summary` }), in: EVENT_READ, out: EVENT_READ_OUT },
    { route: 'GET /api/events/{id}/reporting-status', request: (fx, s) => ({ path: `/api/events/${fx.eventOf(s)}/reporting-status` }), in: EVENT_READ, out: EVENT_READ_OUT },
    { route: 'GET /api/events/{id}/overdue', request: (fx, s) => ({ path: `/api/events/${fx.eventOf(s)}/overdue` }), in: EVENT_READ, out: EVENT_READ_OUT },
    {
      route: 'POST /api/events/{id}/townships/{code}/reopen',
      request: async (fx, s) => ({ path: `/api/events/${fx.eventOf(s)}/townships/${await fx.closed(s)}/reopen`, body: { reason: '核报有误' } }),
      in: allow(200, 'admin', 'officer'), out: allow(200, 'admin'),
    },
    { route: 'GET /api/events/{id}/export/geojson', request: (fx, s) => ({ path: `/api/events/${fx.eventOf(s)}/export/geojson` }), in: EVENT_READ, out: EVENT_READ_OUT },
    { route: 'GET /api/events/{id}/export/xlsx', request: (fx, s) => ({ path: `/api/events/${fx.eventOf(s)}/export/xlsx` }), in: EVENT_READ, out: EVENT_READ_OUT },
    { route: 'GET /api/events/{id}/reports/import-template', request: (fx, s) => ({ path: `/api/events/${fx.eventOf(s)}/reports/import-template` }), in: EVENT_READ, out: EVENT_READ_OUT },
    {
      route: 'POST /api/events/{id}/reports/import',
      request: async (fx, s) => ({ path: `/api/events/${fx.eventOf(s)}/reports/import`, body: { file: await importSheet(fx.townOf(s)) } }),
      in: allow(201, 'admin', 'officer', 'reporter'), out: allow(201, 'admin'),
    },
    { route: 'GET /api/reports/{id}', request: (fx, s) => ({ path: `/api/reports/${s === 'in' ? fx.inReport : fx.outReport}` }), in: EVENT_READ, out: EVENT_READ_OUT },
    {
      route: 'POST /api/reports/{id}/review',
      request: async (fx, s) => ({ path: `/api/reports/${await fx.pending(s)}/review`, body: { decision: 'return', note: '请核实' } }),
      in: allow(200, 'admin', 'officer'), out: allow(200, 'admin'),
    },

    { route: 'GET /api/events/{id}/assessment', request: (fx, s) => ({ path: `/api/events/${fx.eventOf(s)}/assessment` }), in: EVENT_READ, out: EVENT_READ_OUT },
    {
      route: 'POST /api/events/{id}/responses',
      request: async (fx, s) => ({ path: `/api/events/${await fx.newEvent(s)}/responses`, body: { regionCode: s === 'in' ? PLACE.county : PLACE.gansuCounty, action: 'activate', level: 4, note: '启动四级响应' } }),
      in: allow(201, 'admin', 'officer'), out: allow(201, 'admin'),
    },
    { route: 'GET /api/events/{id}/responses', request: (fx, s) => ({ path: `/api/events/${fx.eventOf(s)}/responses` }), in: EVENT_READ, out: EVENT_READ_OUT },

    { route: 'GET /api/response-rules', why: 'the stored plans are published policy (national and regional)', request: () => ({ path: '/api/response-rules' }), in: everyone(200) },
    {
      // Asked for the caller's own area: the reporter's township, everyone else's county.
      route: 'GET /api/response-rules/{regionCode}',
      request: (_fx, s, a) => ({ path: `/api/response-rules/${s === 'out' ? PLACE.gansuCounty : a === 'reporter' ? PLACE.township : PLACE.county}` }),
      in: everyone(200), out: allow(200, 'admin'),
    },
    {
      route: 'PUT /api/response-rules/{regionCode}',
      request: (_fx, s) => ({ path: `/api/response-rules/${s === 'in' ? PLACE.county : PLACE.gansuCounty}`, body: RULES }),
      in: allow(200, 'admin', 'officer'), out: allow(200, 'admin'),
    },
    {
      route: 'DELETE /api/response-rules/{regionCode}',
      request: async (fx, s) => ({ path: `/api/response-rules/${await fx.ownTable(s)}` }),
      in: allow(200, 'admin', 'officer'), out: allow(200, 'admin'),
    },
  ],
});

const RULES = {
  name: '矩阵测试 应急预案', source: 'test',
  thresholds: [{ level: 4, indicator: 'deathsMissing', lower: 3, upper: null }],
};
