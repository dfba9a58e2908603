// 审计日志: every write, who made it and what it changed; the hash chain checked on demand; the
// filtered log exported as CSV (with hashes, so it can be re-verified outside the system).
import { useEffect, useState } from 'preact/hooks';
import { formatDateTime, t, useLang } from '../../i18n/index';
import '../../i18n/audit';
import { ErrorBox } from '../../ui/error-box';
import { auditApi, type AuditEntry, type AuditFilter, type ChainCheck } from './audit-api';
import { ChainStatus } from './chain-status';

const PAGE = 50;

const short = (v: unknown) => {
  if (v == null) return '';
  const s = JSON.stringify(v);
  return s.length > 140 ? `${s.slice(0, 140)}…` : s;
};

/** Dates typed in the form are Beijing days; the API wants instants. */
const dayStart = (d: string) => (d ? `${d}T00:00:00+08:00` : undefined);
const dayEnd = (d: string) => (d ? `${d}T23:59:59+08:00` : undefined);

export function AuditPage() {
  useLang();
  const [form, setForm] = useState({ action: '', username: '', entity: '', from: '', to: '' });
  const [filter, setFilter] = useState<AuditFilter>({});
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [more, setMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [check, setCheck] = useState<{ result: ChainCheck; at: string } | null>(null);
  const [busy, setBusy] = useState<'verify' | 'export' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = async (f: AuditFilter, beforeId?: number) => {
    setLoading(true);
    setError(null);
    try {
      const { entries: rows } = await auditApi.entries({ ...f, beforeId, limit: PAGE });
      setEntries((old) => (beforeId ? [...old, ...rows] : rows));
      setMore(rows.length === PAGE);
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => void load(filter), [filter]);

  const verify = async () => {
    setBusy('verify');
    try {
      setCheck({ result: await auditApi.verify(), at: new Date().toISOString() });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const exportCsv = async () => {
    setBusy('export');
    setNotice(null);
    try {
      await auditApi.exportCsv(filter);
      setNotice(t('audit.exported'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(null);
    }
  };
  const apply = (e: Event) => {
    e.preventDefault();
    setFilter({ action: form.action.trim() || undefined, username: form.username.trim() || undefined, entity: form.entity.trim() || undefined, from: dayStart(form.from), to: dayEnd(form.to) });
  };
  const field = (name: keyof typeof form, type: 'text' | 'date' = 'text') => (
    <label>{t(`audit.filter.${name}`)}
      <input name={name} type={type as "text"} value={form[name]} onInput={(e) => setForm({ ...form, [name]: e.currentTarget.value })} />
    </label>
  );

  return (
    <div class="page audit-page">
      <h2>{t('audit.title')}</h2>
      <section class="card">
        <div class="actions">
          <button type="button" class="primary" onClick={verify} disabled={busy !== null} data-testid="verify-chain">{busy === 'verify' ? t('audit.verifying') : t('audit.verify')}</button>
          <button type="button" onClick={exportCsv} disabled={busy !== null} data-testid="export-audit">{busy === 'export' ? t('audit.exporting') : t('audit.export')}</button>
        </div>
        <ChainStatus check={check?.result ?? null} at={check?.at ?? null} />
        {notice && <p class="ok" role="status" data-testid="export-notice">{notice}</p>}
        <p class="muted small">{t('audit.note')}</p>
      </section>
      <form class="card audit-filter" onSubmit={apply} data-testid="audit-filter">
        {field('action')}{field('username')}{field('entity')}{field('from', 'date')}{field('to', 'date')}
        <button type="submit">{t('audit.filter.apply')}</button>
      </form>
      <ErrorBox error={error} />
      <div class="table-wrap">
        <table class="table audit-table" data-testid="audit-table">
          <thead><tr><th>#</th><th>{t('audit.col.at')}</th><th>{t('audit.col.user')}</th><th>{t('audit.col.action')}</th><th>{t('audit.col.entity')}</th><th>{t('audit.col.region')}</th><th>{t('audit.col.change')}</th></tr></thead>
          <tbody>
            {entries.map((e) => (
              <tr>
                <td class="num">{e.id}</td>
                <td>{formatDateTime(e.at)}</td>
                <td>{e.username ?? '—'}</td>
                <td><code>{e.action}</code></td>
                <td>{e.entity}{e.entityId ? ` #${e.entityId}` : ''}</td>
                <td>{e.regionCode ?? '—'}</td>
                <td class="change"><span class="mono small">{short(e.after ?? e.before)}</span></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!loading && entries.length === 0 && <p class="muted">{t('audit.none')}</p>}
      {loading && <p class="muted">{t('common.loading')}</p>}
      {more && !loading && <button type="button" onClick={() => load(filter, entries[entries.length - 1].id)}>{t('audit.more')}</button>}
    </div>
  );
}
