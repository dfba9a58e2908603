import { describe, expect, it } from 'vitest';
import { RegionTree } from '../../api/modules/regions/tree';
import { regionInScope } from '../../api/http/scope';
import type { Actor } from '../../api/context';

const tree = new RegionTree([
  { code: '15', name: '内蒙古自治区', level: 'province', parentCode: null },
  { code: '1525', name: '锡林郭勒盟', level: 'prefecture', parentCode: '15' },
  { code: '152502', name: '锡林浩特市', level: 'county', parentCode: '1525' },
  { code: '152525', name: '东乌珠穆沁旗', level: 'county', parentCode: '1525' },
  { code: '152502200', name: '宝力根苏木', level: 'township', parentCode: '152502' },
  { code: '152502201', name: '朝克乌拉苏木', level: 'township', parentCode: '152502' },
  // A township of the pseudo-county 乌拉盖管理区 (152571), hung under the banner that contains it.
  { code: '152571100', name: '巴音胡硕镇', level: 'township', parentCode: '152525' },
  { code: '152502200201', name: '某嘎查', level: 'village', parentCode: '152502200' },
  { code: '62', name: '甘肃省', level: 'province', parentCode: null },
]);

const actor = (role: Actor['role'], regionCode: string): Actor => ({ id: 1, username: 'u', role, regionCode, depotIds: [] });

describe('region scope', () => {
  it('a league officer acts on every township and village of the league', () => {
    expect(regionInScope(actor('officer', '1525'), tree, '152502200')).toBe(true);
    expect(regionInScope(actor('officer', '1525'), tree, '152502200201')).toBe(true);
  });
  it('a township reporter acts on its own township but not on the neighbouring one', () => {
    expect(regionInScope(actor('reporter', '152502200'), tree, '152502200')).toBe(true);
    expect(regionInScope(actor('reporter', '152502200'), tree, '152502201')).toBe(false);
  });
  it('a county officer cannot act on the league above it or another province', () => {
    expect(regionInScope(actor('officer', '152502'), tree, '1525')).toBe(false);
    expect(regionInScope(actor('officer', '152502'), tree, '62')).toBe(false);
  });
  it('a pseudo-county township belongs to the banner that contains it, not by code prefix', () => {
    expect(regionInScope(actor('officer', '152525'), tree, '152571100')).toBe(true);
    expect(regionInScope(actor('officer', '152502'), tree, '152571100')).toBe(false);
    expect(regionInScope(actor('officer', '1525'), tree, '152571100')).toBe(true);
  });
  it('a code that merely shares a prefix with an unknown region is not inside it', () => {
    expect(tree.isWithin('152502999', '152502')).toBe(false);
  });
  it('admins administer everything', () => {
    expect(regionInScope(actor('admin', '15'), tree, '62')).toBe(true);
  });
  it('descendantsAt finds the townships under a league', () => {
    expect(tree.descendantsAt('1525', 'township').map((n) => n.code).sort()).toEqual(['152502200', '152502201', '152571100']);
  });
});
