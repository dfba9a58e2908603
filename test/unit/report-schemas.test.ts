import { describe, expect, it } from 'vitest';
import {
  EventInput, FIGURE_GROUPS, FIGURE_KEYS, Figures, fillFigures, HAZARDS, ReportInput, ResponseActionInput,
  ResponseRulesInput, ReviewInput,
} from '../../api/modules/reports/schemas';
import national from '../../db/seed/response-rules-national.json';
import demo from '../../db/seed/response-rules-demo-xilingol.json';

describe('damage report figures', () => {
  it('treats an absent figure as 0', () => {
    const parsed = Figures.parse({ deaths: 3 });
    expect(fillFigures(parsed)).toMatchObject({ deaths: 3, affected: 0, directLossYuan: 0 });
    expect(Object.keys(fillFigures(parsed))).toEqual([...FIGURE_KEYS]);
  });

  it('refuses negative, fractional, unsafe and misspelt figures', () => {
    expect(Figures.safeParse({ deaths: -1 }).success).toBe(false);
    expect(Figures.safeParse({ affected: 1.5 }).success).toBe(false);
    expect(Figures.safeParse({ affected: 2 ** 53 }).success).toBe(false);
    expect(Figures.safeParse({ death: 1 }).success).toBe(false);
  });

  it('puts every figure in exactly one form group, with a unit', () => {
    const keys = FIGURE_GROUPS.flatMap((g) => g.fields.map((f) => f.key));
    expect([...keys].sort()).toEqual([...FIGURE_KEYS].sort());
    expect(FIGURE_GROUPS.map((g) => g.zh)).toEqual(['人口受灾', '房屋', '农作物', '牲畜', '经济损失']);
  });
});

describe('event, report and review input', () => {
  const event = { name: '锡林郭勒盟2026年1月雪灾', hazard: 'snow', startedAt: '2026-01-12T06:00:00+08:00', regionCode: '1525' };

  it('accepts an event with an offset start time and refuses one without', () => {
    expect(EventInput.safeParse(event).success).toBe(true);
    expect(EventInput.safeParse({ ...event, startedAt: '2026-01-12 06:00' }).success).toBe(false);
    expect(EventInput.safeParse({ ...event, hazard: 'meteor' }).success).toBe(false);
  });

  it('lists the statistical survey hazards with Chinese and English names', () => {
    const codes = HAZARDS.map((h) => h.code);
    for (const c of ['flood', 'drought', 'typhoon', 'hail', 'frost', 'snow', 'sandstorm', 'earthquake', 'geological', 'wildfire']) {
      expect(codes).toContain(c);
    }
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('takes a report only from a 9-digit township', () => {
    const report = { regionCode: '152502100', stage: 'initial', figures: { affected: 10 } };
    expect(ReportInput.safeParse(report).success).toBe(true);
    expect(ReportInput.safeParse({ ...report, regionCode: '152502' }).success).toBe(false);
    expect(ReportInput.safeParse({ ...report, stage: 'draft' }).success).toBe(false);
  });

  it('needs a note to return a report but not to accept one', () => {
    expect(ReviewInput.safeParse({ decision: 'accept' }).success).toBe(true);
    const returned = ReviewInput.safeParse({ decision: 'return' });
    expect(returned.success).toBe(false);
    expect(returned.error?.issues[0].path).toEqual(['note']);
    expect(ReviewInput.safeParse({ decision: 'return', note: '集中安置人数有误' }).success).toBe(true);
  });

  it('needs a level for every response action except terminate', () => {
    const base = { regionCode: '15', note: '依据灾情评估' };
    expect(ResponseActionInput.safeParse({ ...base, action: 'activate' }).success).toBe(false);
    expect(ResponseActionInput.safeParse({ ...base, action: 'activate', level: 5 }).success).toBe(false);
    expect(ResponseActionInput.safeParse({ ...base, action: 'raise', level: 2 }).success).toBe(true);
    expect(ResponseActionInput.safeParse({ ...base, action: 'terminate' }).success).toBe(true);
  });
});

describe('response rule tables', () => {
  it('loads the national and the demo league tables as valid rules', () => {
    expect(ResponseRulesInput.parse(national).thresholds).toHaveLength(24);
    expect(ResponseRulesInput.parse(demo).thresholds).toHaveLength(24);
  });

  it('marks the national II and III house bands as the 2016 text', () => {
    const rows = ResponseRulesInput.parse(national).thresholds;
    for (const t of rows) {
      const from2016 = t.indicator.startsWith('houses') && (t.level === 2 || t.level === 3);
      expect(t.source, `${t.level} ${t.indicator}`).toContain(from2016 ? '〔2016〕25号' : '〔2024〕11号');
    }
  });

  it('refuses a band whose upper bound is not above its lower, or two bands for one level and indicator', () => {
    const band = { level: 4, indicator: 'deathsMissing', lower: 20, upper: 50 };
    expect(ResponseRulesInput.safeParse({ name: 'x', thresholds: [{ ...band, upper: 20 }] }).success).toBe(false);
    expect(ResponseRulesInput.safeParse({ name: 'x', thresholds: [band, band] }).success).toBe(false);
    expect(ResponseRulesInput.safeParse({ name: 'x', thresholds: [band, { ...band, level: 3, lower: 50, upper: null }] }).success).toBe(true);
  });
});
