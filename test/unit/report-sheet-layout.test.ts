import { describe, expect, it } from 'vitest';
import { FIGURE_COLUMNS, figureForHeader, parseStage } from '../../api/modules/reports/exchange/layout';
import { FIGURE_KEYS } from '../../api/modules/reports/schemas';
import { classify, colorFor, ZERO_COLOR } from '../../web/map/layers/choropleth-classes';

describe('the statistical table layout', () => {
  it('has one column per figure in the contract, loss in 万元', () => {
    expect(FIGURE_COLUMNS.map((c) => c.key).sort()).toEqual([...FIGURE_KEYS].sort());
    expect(FIGURE_COLUMNS.find((c) => c.key === 'directLossYuan')).toMatchObject({ header: '直接经济损失（万元）', divisor: 10_000 });
  });
  it('reads its own headers back, bare names, API keys, and 元 for the loss', () => {
    for (const c of FIGURE_COLUMNS) expect(figureForHeader(c.header)).toEqual({ key: c.key, divisor: c.divisor });
    expect(figureForHeader('受灾人口')).toEqual({ key: 'affected', divisor: 1 });
    expect(figureForHeader('集中安置')).toEqual({ key: 'relocatedCentralized', divisor: 1 });
    expect(figureForHeader('直接经济损失（元）')).toEqual({ key: 'directLossYuan', divisor: 1 });
    expect(figureForHeader('livestockDeaths')).toEqual({ key: 'livestockDeaths', divisor: 1 });
    expect(figureForHeader('备注')).toBeNull();
  });
  it('knows the stages in Chinese and English', () => {
    expect([parseStage('初报'), parseStage(' 续报 '), parseStage('核报'), parseStage('final'), parseStage('快报')]).toEqual(['initial', 'update', 'final', 'final', null]);
  });
});

describe('choropleth classes', () => {
  it('keep zero apart and put every value in a class whose bound covers it', () => {
    const values = [0, 0, 3, 40, 120, 480, 950, 2600, 9000];
    const c = classify(values);
    expect(c.breaks.length).toBeGreaterThan(1);
    expect(c.breaks.at(-1)).toBeGreaterThanOrEqual(9000);
    expect([...c.breaks].sort((a, b) => a - b)).toEqual(c.breaks);
    expect(colorFor(0, c)).toBe(ZERO_COLOR);
    for (const v of values.filter((x) => x > 0)) expect(c.colors).toContain(colorFor(v, c));
    expect(colorFor(3, c)).toBe(c.colors[0]);
    expect(colorFor(9000, c)).toBe(c.colors.at(-1));
  });
  it('has no classes when nothing is reported', () => {
    expect(classify([0, 0])).toEqual({ breaks: [], colors: [] });
  });
});
