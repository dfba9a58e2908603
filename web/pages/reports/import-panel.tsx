// 批量导入: township reports filled in a sheet while the network was down. Upload → the server
// checks every row by the form's rules without storing (preview) → the officer confirms → import.
import { useState } from 'preact/hooks';
import { FIGURE_FIELDS, type FigureKey } from '../../../api/modules/reports/schemas';
import { ApiError } from '../../api/client';
import { reportsApi, type ImportPreview, type ImportRowError, type UploadProgress } from '../../api/reports';
import { download, fileToBase64 } from '../../api/stock';
import { formatCount, formatYuan, getLang, t } from '../../i18n/index';
import '../../i18n/reports';
import { ErrorBox } from '../../ui/error-box';

const SHOWN: FigureKey[] = ['affected', 'deaths', 'missing', 'relocated', 'needEmergencyAid', 'collapsedRooms', 'severeRooms', 'livestockDeaths', 'directLossYuan'];
const label = (k: string) => {
  const f = FIGURE_FIELDS[k as FigureKey];
  if (f) return getLang() === 'en' ? f.en : f.zh;
  return ['regionCode', 'stage', 'explanation'].includes(k) ? t(`imp.col.${k}`) : k;
};

type Stage = { phase: 'reading' } | { phase: 'uploading'; pct: number | null } | { phase: 'processing' };

function Progress({ stage, importing }: { stage: Stage; importing: boolean }) {
  const text = stage.phase === 'reading' ? t('imp.reading')
    : stage.phase === 'uploading' ? t('imp.uploading', { pct: stage.pct ?? 0 })
      : importing ? t('imp.importing') : t('imp.processing');
  return (
    <div class="upload-progress" role="status" aria-live="polite" data-testid="import-progress" data-phase={stage.phase}>
      {stage.phase === 'uploading' && stage.pct !== null ? <progress max={100} value={stage.pct} /> : <progress />}
      <span>{text}</span>
    </div>
  );
}

export function ReportImportPanel({ eventId, regionCode, eventName, onImported }: { eventId: number; regionCode: string; eventName: string; onImported: () => void }) {
  const [file, setFile] = useState<{ name: string; body: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [stage, setStage] = useState<Stage | null>(null);
  const [importing, setImporting] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const rows = error instanceof ApiError && error.code === 'IMPORT_FAILED'
    ? ((error.details as { rows?: ImportRowError[] } | null)?.rows ?? []) : [];
  const progress = (p: UploadProgress) => setStage(p.phase === 'processing' ? { phase: 'processing' } : { phase: 'uploading', pct: p.total ? Math.round((p.sent / p.total) * 100) : null });

  async function choose(e: Event) {
    const input = e.currentTarget as HTMLInputElement;
    const f = input.files?.[0];
    input.value = '';
    if (!f) return;
    setError(null);
    setDone(null);
    setPreview(null);
    setFile(null);
    setStage({ phase: 'reading' });
    try {
      const body = await fileToBase64(f);
      const p = await reportsApi.previewImport(eventId, body, f.name, progress);
      setFile({ name: f.name, body });
      setPreview(p);
    } catch (err) {
      setError(err);
    } finally {
      setStage(null);
    }
  }

  async function confirm() {
    if (!file) return;
    setError(null);
    setImporting(true);
    setStage({ phase: 'uploading', pct: 0 });
    try {
      const r = await reportsApi.importReports(eventId, file.body, file.name, progress);
      setDone(t('imp.done', { n: r.created }));
      setPreview(null);
      setFile(null);
      onImported();
    } catch (err) {
      setError(err);
    } finally {
      setImporting(false);
      setStage(null);
    }
  }

  const busy = stage !== null;
  return (
    <details class="card import-panel no-print" data-testid="report-import">
      <summary><strong>{t('imp.title')}</strong></summary>
      <p class="muted small">{t('imp.hint')}</p>
      <div class="excel-tools">
        <button type="button" onClick={() => download(reportsApi.importTemplateUrl(eventId, regionCode), `${eventName}-template.xlsx`).catch(setError)}>{t('imp.template')}</button>
        <label class={`button-like${busy ? ' disabled' : ''}`}>{t('imp.choose')}
          <input type="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" hidden disabled={busy} onChange={choose} data-testid="report-import-file" />
        </label>
      </div>
      {stage && <Progress stage={stage} importing={importing} />}
      {done && <p class="ok" role="status" data-testid="import-done">{done}</p>}
      {rows.length > 0 ? (
        <div class="error import-errors" role="alert" data-testid="report-import-errors">
          <strong>{t('imp.failed')}</strong>
          <ul>
            {rows.map((r) => (
              <li data-row={r.row}>
                <strong>{t('imp.rowLabel', { row: r.row })}</strong>{r.regionCode ? ` · ${r.regionCode}` : ''}
                <ul>{r.errors.map((e) => {
                  const known = t(`error.${e.code}`);
                  return <li>{known !== `error.${e.code}` ? `${known}：` : ''}{e.field ? `${label(e.field)} — ` : ''}{e.message}</li>;
                })}</ul>
              </li>
            ))}
          </ul>
        </div>
      ) : <ErrorBox error={error} />}
      {preview && (
        <div class="import-preview" data-testid="report-import-preview">
          <p class="ok">{t('imp.previewOk', { n: preview.wouldCreate })} <span class="muted small">{file?.name}</span></p>
          <div class="table-scroll">
            <table class="table">
              <thead><tr><th>{t('imp.row')}</th><th>{t('imp.township')}</th><th>{t('imp.stage')}</th><th>{t('imp.figures')}</th></tr></thead>
              <tbody>
                {preview.reports.map((r) => (
                  <tr>
                    <td>{r.row}</td>
                    <td>{r.name} <span class="muted small">{r.regionCode}</span></td>
                    <td><span class="tag">{t(`stage.${r.stage}`)}</span></td>
                    <td class="small">{SHOWN.filter((k) => (r.figures[k] ?? 0) > 0).map((k) => `${label(k)} ${k === 'directLossYuan' ? formatYuan(r.figures[k]! * 100) : formatCount(r.figures[k])}`).join(' · ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="actions">
            <button type="button" class="primary" disabled={busy} onClick={confirm} data-testid="report-import-confirm">{t('imp.confirm', { n: preview.wouldCreate })}</button>
            <button type="button" disabled={busy} onClick={() => { setPreview(null); setFile(null); }}>{t('imp.cancel')}</button>
          </div>
        </div>
      )}
    </details>
  );
}
