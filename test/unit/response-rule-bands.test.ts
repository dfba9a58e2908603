import { describe, expect, it } from 'vitest';
import { checkBands } from '../../api/modules/response/rules';
import { ResponseRulesInput } from '../../api/modules/reports/schemas';
import national from '../../db/seed/response-rules-national.json';
import xilingol from '../../db/seed/response-rules-demo-xilingol.json';

const band = (level: 1 | 2 | 3 | 4, lower: number, upper: number | null) => ({ level, indicator: 'deathsMissing' as const, lower, upper });

describe('a response-rule table', () => {
  it('the shipped national and demo league tables are coherent', () => {
    expect(checkBands(ResponseRulesInput.parse(national).thresholds)).toEqual([]);
    expect(checkBands(ResponseRulesInput.parse(xilingol).thresholds)).toEqual([]);
  });
  it('allows adjacent bands (upper exclusive = next lower) and gaps', () => {
    expect(checkBands([band(4, 20, 50), band(3, 50, 100)])).toEqual([]);
    expect(checkBands([band(4, 20, 40), band(3, 50, null)])).toEqual([]);
  });
  it('refuses overlapping bands, an open band below a higher one, and bands that do not climb', () => {
    expect(checkBands([band(4, 20, 60), band(3, 50, 100)])).toHaveLength(1);
    expect(checkBands([band(4, 20, null), band(3, 50, 100)])).toHaveLength(1);
    expect(checkBands([band(4, 50, 100), band(3, 20, 50)])[0].message).toContain('not above');
  });
});
