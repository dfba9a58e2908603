// Small pieces the stock pages share.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { lookups, type Lookups } from '../../api/stock';
import { formatCount, t } from '../../i18n/index';
import '../../i18n/stock';
import { ErrorBox } from '../../ui/error-box';

/** The catalogue and depot register, loaded once per session. */
export function useLookups(): Lookups | null {
  const [l, setL] = useState<Lookups | null>(null);
  useEffect(() => void lookups().then(setL).catch(() => setL(null)), []);
  return l;
}

export function ExpiryTag({ expiry }: { expiry: 'expired' | 'expiring' | 'ok' }) {
  return <span class={`tag expiry-${expiry}`}>{t(`stock.expiry.${expiry}`)}</span>;
}

export function Qty({ n, unit }: { n: number | null | undefined; unit?: string }) {
  return <span class="qty">{formatCount(n)}{unit ? <span class="muted"> {unit}</span> : null}</span>;
}

/** A refusal with the numbers a keeper needs (how much is usable) in their language. */
export function StockError({ error }: { error: unknown }) {
  if (error instanceof ApiError && error.code === 'INSUFFICIENT_STOCK') {
    const d = (error.details ?? {}) as { available?: number; requested?: number };
    if (d.available !== undefined) {
      return <div class="error" role="alert"><strong>{t('error.INSUFFICIENT_STOCK')}</strong> — {t('stock.err.insufficient', { available: d.available, requested: d.requested ?? '' })}</div>;
    }
  }
  return <ErrorBox error={error} />;
}

export function itemLabel(l: Lookups | null, id: number) {
  const i = l?.item.get(id);
  return i ? i.name : `#${id}`;
}
export function depotLabel(l: Lookups | null, id: number | null | undefined) {
  if (id == null) return '';
  return l?.depot.get(id)?.name ?? `#${id}`;
}

export const dayOf = (iso: string | null | undefined) => (iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10) : '—');

/** A page's load/reload cycle: data, error, and a reload to call after a write. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: unknown; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [n, setN] = useState(0);
  useEffect(() => {
    let live = true;
    load().then((d) => live && (setData(d), setError(null))).catch((e) => live && setError(e));
    return () => void (live = false);
  }, [...deps, n]);
  return { data, error, reload: () => setN((x) => x + 1) };
}

/** Where an upload stands: reading the file, bytes sent, then the server checking it. */
export type UploadStage = { phase: 'reading' } | { phase: 'uploading'; sent: number; total: number } | { phase: 'processing' };

export function UploadProgressBar({ stage }: { stage: UploadStage | null }) {
  if (!stage) return null;
  const pct = stage.phase === 'uploading' && stage.total > 0 ? Math.round((stage.sent / stage.total) * 100) : null;
  const text = stage.phase === 'reading' ? t('stock.import.reading')
    : stage.phase === 'processing' ? t('stock.import.processing')
      : t('stock.import.uploading', { pct: pct ?? 0 });
  return (
    <div class="upload-progress" role="status" aria-live="polite" data-testid="upload-progress" data-phase={stage.phase}>
      {/* No value while reading or checking: an indeterminate bar, since nobody can say how long that takes. */}
      {pct !== null ? <progress max={100} value={pct} /> : <progress />}
      <span>{text}</span>
    </div>
  );
}
