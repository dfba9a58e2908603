// The dispatch module's data: need standards, truck types and policy numbers, each with its source.
import { z } from 'zod';
import needFile from '../../../db/seed/need-standards.json' with { type: 'json' };
import truckFile from '../../../db/seed/truck-types.json' with { type: 'json' };
import policyFile from '../../../db/seed/dispatch-policy.json' with { type: 'json' };
import { NeedStandard } from '../stock/schemas';
import type { TruckType } from '../stock/loading';
import type { NeedRule } from './needs';

// The seed files write a province as 150000 and a prefecture as 152500; the tree uses 15 and 1525.
const treeCode = (code: string | undefined) =>
  code === undefined ? undefined : /^\d{2}0000$/.test(code) ? code.slice(0, 2) : /^\d{4}00$/.test(code) ? code.slice(0, 4) : code;

export const NEED_RULES: readonly NeedRule[] = z.array(NeedStandard).parse(needFile.standards)
  .map((s) => ({ ...s, regionCode: treeCode(s.regionCode) }));

export interface TruckTypeRow extends TruckType { nameEn: string; source: string }
export const TRUCK_TYPES: readonly TruckTypeRow[] = truckFile.truckTypes;

const Policy = z.object({
  basicNeedsWithinHours: z.object({ value: z.number().positive(), source: z.string().min(1) }),
  defaultPriority: z.object({ value: z.number().int().min(1).max(5), source: z.string().min(1) }),
  needSeason: z.object({ value: z.literal('event-start'), source: z.string().min(1) }),
});
export const DISPATCH_POLICY = Policy.parse(policyFile);
