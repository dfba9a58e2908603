// The events/reports/response client. Request bodies are the server's zod types, answers the
// shapes its services return (type-only imports: nothing of the server is bundled).
import type { EventInput, EventOut, EventPatch, EventWarning } from '../../api/modules/events/schemas';
import type { Figures, ReportInput, ResponseActionInput, ResponseRulesInput, ReviewInput } from '../../api/modules/reports/schemas';
import type { ReportOut } from '../../api/modules/reports/service';
import type { SummaryOut, BreakdownLevel } from '../../api/modules/reports/summary';
import type { TownshipStatus } from '../../api/modules/reports/status';
import type { AssessmentOut, ResponseOut } from '../../api/modules/response/service';
import type { RuleSet } from '../../api/modules/response/rules';
import { get, patch, post, put, request } from './client';
import { postWithProgress, type UploadProgress } from './stock';

export type { RuleSet, UploadProgress };
export type EffectiveRules = RuleSet & { regionCode: string; definedAt: string | null; inherited: boolean };
export interface ImportPreview {
  dryRun: true;
  wouldCreate: number;
  reports: { row: number; regionCode: string; name: string; stage: 'initial' | 'update' | 'final'; figures: Partial<Figures>; explanation: string | null }[];
}
export interface ImportDone { created: number; reports: { row: number; id: number; regionCode: string; stage: string; status: string }[] }
/** IMPORT_FAILED details: each refused row (its spreadsheet row number) with its reasons. */
export interface ImportRowError { row: number; regionCode: string | null; errors: { code: string; message: string; field?: string }[] }
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
  events: (q: { status?: string; regionCode?: string; includeMerged?: 'true' } = {}) => get<{ events: EventOut[] }>(`/api/events${qs(q)}`),
  event: (id: number) => get<EventOut>(`/api/events/${id}`),
  createEvent: (e: EventInput) => post<EventOut & { warnings: EventWarning[] }>('/api/events', e, once()),
  patchEvent: (id: number, p: EventPatch) => patch<EventOut>(`/api/events/${id}`, p),
  merge: (id: number, intoId: number) => post<{ event: EventOut; into: EventOut; movedReports: number; townships: number }>(`/api/events/${id}/merge`, { intoId }, once()),
  reports: (id: number, q: { regionCode?: string; status?: string } = {}) => get<{ reports: ReportOut[] }>(`/api/events/${id}/reports${qs(q)}`),
  reportPath: (eventId: number) => `/api/events/${eventId}/reports`,
  review: (reportId: number, r: ReviewInput) => post<ReportOut & { counted: boolean }>(`/api/reports/${reportId}/review`, r, once()),
  summary: (id: number, q: { regionCode?: string; by?: BreakdownLevel; asOf?: string } = {}) => get<SummaryOut>(`/api/events/${id}/summary${qs(q)}`),
  status: (id: number, regionCode?: string) => get<ReportingStatus>(`/api/events/${id}/reporting-status${qs({ regionCode })}`),
  assessment: (id: number, regionCode?: string) => get<AssessmentOut>(`/api/events/${id}/assessment${qs({ regionCode })}`),
  responses: (id: number) => get<{ responses: ResponseOut[] }>(`/api/events/${id}/responses`),
  respond: (id: number, a: ResponseActionInput) => post<ResponseOut>(`/api/events/${id}/responses`, a, once()),
  reopen: (id: number, code: string, reason?: string) => post<unknown>(`/api/events/${id}/townships/${code}/reopen`, { reason }, once()),
  rules: (regionCode: string) => get<EffectiveRules>(`/api/response-rules/${regionCode}`),
  ruleSets: () => get<{ ruleSets: RuleSet[] }>('/api/response-rules'),
  putRules: (regionCode: string, r: ResponseRulesInput) => put<EffectiveRules>(`/api/response-rules/${regionCode}`, r),
  deleteRules: (regionCode: string) => request<{ regionCode: string; deleted: true }>('DELETE', `/api/response-rules/${regionCode}`),
  importTemplateUrl: (id: number, regionCode?: string) => `/api/events/${id}/reports/import-template${qs({ regionCode })}`,
  /** dryRun: every row checked by the server's own rules, nothing stored. */
  previewImport: (id: number, file: string, filename: string, onProgress?: (p: UploadProgress) => void) =>
    postWithProgress<ImportPreview>(`/api/events/${id}/reports/import`, { file, filename, dryRun: true }, onProgress),
  importReports: (id: number, file: string, filename: string, onProgress?: (p: UploadProgress) => void) =>
    postWithProgress<ImportDone>(`/api/events/${id}/reports/import`, { file, filename }, onProgress, once()),
  xlsxUrl: (id: number, regionCode?: string) => `/api/events/${id}/export/xlsx${qs({ regionCode })}`,
  geojsonUrl: (id: number, regionCode?: string) => `/api/events/${id}/export/geojson${qs({ regionCode })}`,
};
