// The audit module's client (list, chain verification, CSV export).
import { get } from '../../api/client';
import { download } from '../../api/stock';

export interface AuditEntry {
  id: number; at: string; userId: number | null; username: string | null; regionCode: string | null;
  action: string; entity: string; entityId: string | null; before: unknown; after: unknown; requestId: string | null; hash: string;
}
export interface ChainCheck { ok: boolean; checked: number; firstBrokenId: number | null }
export interface AuditFilter { action?: string; username?: string; entity?: string; from?: string; to?: string }

const qs = (q: Record<string, string | number | undefined>) => {
  const s = Object.entries(q).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`).join('&');
  return s ? `?${s}` : '';
};

export const auditApi = {
  entries: (f: AuditFilter & { beforeId?: number; limit?: number } = {}) => get<{ entries: AuditEntry[] }>(`/api/audit${qs({ ...f })}`),
  verify: () => get<ChainCheck>('/api/audit/verify'),
  exportCsv: (f: AuditFilter = {}) => download(`/api/audit/export${qs({ ...f })}`, 'audit.csv'),
};
