// Resident ID numbers (GB 11643) and bank cards must never be stored or logged in full outside
// the household table itself; this runs over anything headed for the audit trail or a log.
const ID_PATTERN = /(?<!\d)(\d{6})\d{8}(\d{3}[\dXx])(?!\d)/g;
const SECRET_KEYS = new Set(['password', 'passwordHash', 'token', 'tokenHash']);
const MASK_KEYS: Record<string, (s: string) => string> = {
  idNumber: (s) => s.replace(/^(.{6}).+(.{4})$/, '$1********$2'),
  bankCard: (s) => (s.length > 4 ? `**** ${s.slice(-4)}` : '****'),
};

export function redactPersonal(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(ID_PATTERN, '$1********$2');
  if (Array.isArray(value)) return value.map(redactPersonal);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (SECRET_KEYS.has(k)) continue;
      out[k] = typeof v === 'string' && MASK_KEYS[k] ? MASK_KEYS[k](v) : redactPersonal(v);
    }
    return out;
  }
  return value;
}
