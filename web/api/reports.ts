// The events/reports/response client. Request bodies are the server's zod types, answers the
// shapes its services return (type-only imports: nothing of the server is bundled).
import type { EventInput, EventOut, EventPatch, EventWarning } from '../../api/modules/events/schemas';
import type { ReportInput, ResponseActionInput, ReviewInput } from '../../api/modules/reports/schemas';
import type { ReportOut } from '../../api/modules/reports/service';
import type { SummaryOut, BreakdownLevel } from '../../api/modules/reports/summary';
import type { TownshipStatus } from '../../api/modules/reports/status';
import type { AssessmentOut, ResponseOut } from '../../api/modules/response/service';
import type { RuleSet } from '../../api/modules/response/rules';
import { get, patch, post } from './client';

export type { AssessmentOut, BreakdownLevel, EventOut, ReportInput, ReportOut, ResponseOut, SummaryOut, TownshipStatus };

export interface ReportingStatus {
  eventId: number;
  regionCode: string;
  now: string;
  deadlines: { initialDue: string | null; updateDue: string | null; lastUpdateDue: string | null; finalDue: string | null } | null;
  counts: { townships: number; reported: number; pending: number; accepted: number; returned: number; closed: number; overdue: number };
  townships: TownshipStatus[];
  overdue: TownshipStatus[];
}

const qs = (q: Record<string, string | undefined>) => {
  const s = Object.entries(q).filter(([, v]) => v).map(([k, v]) => `${k}=${encodeURIComponent(v!)}`).join('&');
  return s ? `?${s}` : '';
};
const once = () => ({ 'Idempotency-Key': crypto.randomUUID() });

export const reportsApi = {
  events: (q: { status?: string; regionCode?: string } = {}) => get<{ events: EventOut[] }>(`/api/events${qs(q)}`),
  event: (id: number) => get<EventOut>(`/api/events/${id}`),
  createEvent: (e: EventInput) => post<EventOut & { warnings: EventWarning[] }>('/api/events', e, once()),
  patchEvent: (id: number, p: EventPatch) => patch<EventOut>(`/api/events/${id}`, p),
  merge: (id: number, intoId: number) => post<unknown>(`/api/events/${id}/merge`, { intoId }, once()),
  reports: (id: number, q: { regionCode?: string; status?: string } = {}) => get<{ reports: ReportOut[] }>(`/api/events/${id}/reports${qs(q)}`),
  reportPath: (eventId: number) => `/api/events/${eventId}/reports`,
  review: (reportId: number, r: ReviewInput) => post<ReportOut & { counted: boolean }>(`/api/reports/${reportId}/review`, r, once()),
  summary: (id: number, q: { regionCode?: string; by?: BreakdownLevel; asOf?: string } = {}) => get<SummaryOut>(`/api/events/${id}/summary${qs(q)}`),
  status: (id: number, regionCode?: string) => get<ReportingStatus>(`/api/events/${id}/reporting-status${qs({ regionCode })}`),
  assessment: (id: number, regionCode?: string) => get<AssessmentOut>(`/api/events/${id}/assessment${qs({ regionCode })}`),
  responses: (id: number) => get<{ responses: ResponseOut[] }>(`/api/events/${id}/responses`),
  respond: (id: number, a: ResponseActionInput) => post<ResponseOut>(`/api/events/${id}/responses`, a, once()),
  reopen: (id: number, code: string, reason?: string) => post<unknown>(`/api/events/${id}/townships/${code}/reopen`, { reason }, once()),
  rules: (regionCode: string) => get<RuleSet & { definedAt: string | null; inherited: boolean }>(`/api/response-rules/${regionCode}`),
  xlsxUrl: (id: number, regionCode?: string) => `/api/events/${id}/export/xlsx${qs({ regionCode })}`,
  geojsonUrl: (id: number, regionCode?: string) => `/api/events/${id}/export/geojson${qs({ regionCode })}`,
};
