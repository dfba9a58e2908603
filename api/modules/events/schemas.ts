// Disaster events (一次灾害过程): creation comes from reports/schemas.ts (EventInput, the contract's
// shape); the rest of an event's life is here. zod only: web/ imports it.
import { z } from 'zod';
import { RegionCode } from '../regions/schemas';
import { HAZARD_CODES } from '../reports/schemas';

export { EventInput } from '../reports/schemas';

export const EVENT_STATUSES = ['active', 'stabilised', 'closed'] as const; // 发展中 灾情稳定 结束
export type EventStatus = (typeof EVENT_STATUSES)[number];

const Instant = z.iso.datetime({ offset: true });

export const EventPatch = z
  .object({
    status: z.enum(EVENT_STATUSES),
    /** When the situation stabilised (灾情稳定); defaults to now when status becomes 'stabilised'. */
    stabilisedAt: Instant,
    name: z.string().trim().min(1).max(120),
    note: z.string().trim().max(2000),
    affectedRegionCodes: z.array(RegionCode).max(5000),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type EventPatch = z.infer<typeof EventPatch>;

export const MergeInput = z.object({ intoId: z.coerce.number().int().positive() });
export type MergeInput = z.infer<typeof MergeInput>;

export const EventListQuery = z.object({
  status: z.enum(EVENT_STATUSES).optional(),
  hazard: z.enum(HAZARD_CODES).optional(),
  /** Events whose area lies on this region's line (inside it, or containing it). */
  regionCode: RegionCode.optional(),
  /** Merged duplicates are left out unless asked for. */
  includeMerged: z.enum(['true', 'false']).optional(),
});

export interface EventOut {
  id: number;
  name: string;
  hazard: string;
  startedAt: string;
  regionCode: string;
  regionName: string | null;
  affectedRegionCodes: string[];
  note: string | null;
  status: EventStatus;
  stabilisedAt: string | null;
  closedAt: string | null;
  mergedIntoId: number | null;
  demo: boolean;
  createdAt: string;
}

export interface EventWarning {
  code: 'POSSIBLE_DUPLICATE';
  eventId: number;
  name: string;
  message: string;
}
