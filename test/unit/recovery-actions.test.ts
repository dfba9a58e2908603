import { describe, expect, it } from 'vitest';
import { actionsFrom, REBUILD_STATUSES } from '../../api/modules/recovery/rebuild-steps';

describe('the actions a rebuild case offers next', () => {
  it('offers exactly one forward step from each status outside review, and none once moved in or rejected', () => {
    expect(actionsFrom('inspected')).toEqual(['apply']);
    expect(actionsFrom('county_approved')).toEqual(['start_construction']);
    expect(actionsFrom('started')).toEqual(['complete_construction']);
    expect(actionsFrom('completed')).toEqual(['move_in']);
    expect(actionsFrom('moved_in')).toEqual([]);
    expect(actionsFrom('rejected')).toEqual([]);
  });

  it('during the notice offers objections, their resolution, approval and rejection', () => {
    expect(actionsFrom('notice').sort()).toEqual(['record_objection', 'reject', 'resolve_objection', 'village_approve']);
  });

  it('lets each reviewer approve or reject what waits for them', () => {
    expect(actionsFrom('applied')).toEqual(['post_notice', 'reject']);
    expect(actionsFrom('village_approved')).toEqual(['township_approve', 'reject']);
    expect(actionsFrom('township_reviewed')).toEqual(['county_approve', 'reject']);
  });

  it('covers every status', () => {
    for (const s of REBUILD_STATUSES) expect(Array.isArray(actionsFrom(s))).toBe(true);
  });
});
