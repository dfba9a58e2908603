import { describe, expect, it } from 'vitest';
import { RegionTree, type TreeNode } from '../../api/modules/regions/tree';
import { areaCodes, covers, eventVisibleFrom, nextEventStatus, possibleDuplicates, type OpenEvent } from '../../api/modules/events/area';

const node = (code: string, level: TreeNode['level'], parentCode: string | null, name = code): TreeNode => ({ code, name, level, parentCode });
const tree = new RegionTree([
  node('15', 'province', null), node('1525', 'prefecture', '15'), node('1501', 'prefecture', '15'),
  node('152502', 'county', '1525'), node('152522', 'county', '1525'), node('150102', 'county', '1501'),
  node('152502200', 'township', '152502'), node('152522200', 'township', '152522'), node('150102101', 'township', '150102'),
]);
const open = (id: number, regionCode: string, affected: string[] = [], more: Partial<OpenEvent> = {}): OpenEvent =>
  ({ id, hazard: 'snow', status: 'active', mergedIntoId: null, regionCode, affectedRegionCodes: affected, ...more });

describe("an event's area", () => {
  it('is the listed affected regions, else the whole region of the event', () => {
    expect(areaCodes({ regionCode: '1525', affectedRegionCodes: [] })).toEqual(['1525']);
    expect(areaCodes({ regionCode: '1525', affectedRegionCodes: ['152502', '152502'] })).toEqual(['152502']);
    expect(covers(tree, { regionCode: '1525', affectedRegionCodes: ['152522'] }, '152502200')).toBe(false);
    expect(covers(tree, { regionCode: '1525', affectedRegionCodes: [] }, '152502200')).toBe(true);
  });

  it('is visible from inside it and from any region containing it, not from a sibling', () => {
    const e = { regionCode: '1525', affectedRegionCodes: ['152502'] };
    expect(eventVisibleFrom(tree, e, '152502200')).toBe(true);
    expect(eventVisibleFrom(tree, e, '15')).toBe(true);
    expect(eventVisibleFrom(tree, e, '152522')).toBe(false);
  });
});

describe('possible duplicates', () => {
  const created = { hazard: 'snow', regionCode: '152502', affectedRegionCodes: [] };
  it('are open events of the same hazard on the same line of the tree', () => {
    const found = possibleDuplicates(tree, created, [
      open(1, '1525'), open(2, '152502200'), open(3, '152522'), open(4, '1525', [], { hazard: 'flood' }),
      open(5, '1525', [], { status: 'closed' }), open(6, '1525', [], { mergedIntoId: 1 }), open(7, '1501'), open(8, '1525', ['152502']),
    ]);
    expect(found.map((e) => e.id)).toEqual([1, 2, 8]);
  });
  it('are found through the affected regions of either event', () => {
    expect(possibleDuplicates(tree, { hazard: 'snow', regionCode: '15', affectedRegionCodes: ['152522'] }, [open(1, '1525', ['152502']), open(2, '152522200')]).map((e) => e.id)).toEqual([2]);
  });
});

describe('event status', () => {
  it('moves freely between developing and stabilised, into closed, and never out of closed', () => {
    expect(nextEventStatus('active', 'stabilised').ok).toBe(true);
    expect(nextEventStatus('stabilised', 'active').ok).toBe(true);
    expect(nextEventStatus('active', 'closed').ok).toBe(true);
    expect(nextEventStatus('stabilised', 'closed').ok).toBe(true);
    expect(nextEventStatus('closed', 'active').ok).toBe(false);
    expect(nextEventStatus('active', 'active').ok).toBe(false);
  });
});
