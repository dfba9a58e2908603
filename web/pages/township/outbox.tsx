// What this device has queued: reports, household registrations and distributions, each waiting
// (待发送), sending, sent, or refused with the server's reason. One list per form on the form's own
// page, and every form's on the outbox page (/township/outbox).
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDateTime, t, useLang } from '../../i18n/index';
import '../../i18n/township';
import { discard, flush, listWrites, startQueue, subscribe, type QueuedWrite } from '../../offline/queue';
import { navigate } from '../../router';
import { useMe } from '../../session';

export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true), off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => { window.removeEventListener('online', on); window.removeEventListener('offline', off); };
  }, []);
  return online;
}

/** This device's writes of the given kind(s) for the user, newest first; live. */
export function useOutbox(username: string, kind?: string | string[], onLoad?: (writes: QueuedWrite[]) => void): QueuedWrite[] {
  const [writes, setWrites] = useState<QueuedWrite[]>([]);
  const key = Array.isArray(kind) ? kind.join() : kind ?? '';
  const hook = useRef(onLoad);
  hook.current = onLoad;
  useEffect(() => {
    let alive = true;
    const load = () => listWrites(kind, username).then((w) => {
      if (!alive) return;
      hook.current?.(w);
      setWrites(w);
    });
    void load();
    const off = subscribe(() => void load());
    return () => { alive = false; off(); };
  }, [username, key]);
  return writes;
}

const errorText = (code: string) => (t(`error.${code}`) !== `error.${code}` ? t(`error.${code}`) : code);

/** Where a sent write leads (the household it created, the roster it paid). */
function sentLink(w: QueuedWrite): string | null {
  const r = w.response as { household?: { id: number } } | null;
  if (w.kind === 'household' && r?.household?.id) return `/recovery/households/${r.household.id}`;
  return null;
}

export function OutboxList({ username, kind = 'report', onSent, title, showKind, testid = 'outbox' }: {
  username: string; kind?: string | string[] | null; onSent?: () => void; title?: string; showKind?: boolean; testid?: string;
}) {
  useLang();
  // A write just sent: the page re-reads what it shows (the report's history, the roster), at once.
  const sentCount = useRef<number | null>(null);
  const writes = useOutbox(username, kind ?? undefined, (ws) => {
    const sent = ws.filter((x) => x.state === 'sent').length;
    if (sentCount.current !== null && sent > sentCount.current) onSent?.();
    sentCount.current = sent;
  });

  return (
    <section class="card outbox" data-testid={testid}>
      <h3>{title ?? t('report.outbox')}</h3>
      {writes.length === 0 && <p class="muted">{kind === 'report' ? t('report.outboxEmpty') : t('tw.outboxEmpty')}</p>}
      <ul>
        {writes.slice(0, 30).map((w) => {
          const link = w.state === 'sent' ? sentLink(w) : null;
          return (
            <li data-state={w.state} data-kind={w.kind} data-key={w.idempotencyKey}>
              <span class={`queue-state ${w.state}`}>{t(`tw.state.${w.state}`)}</span>
              {showKind && <span class="tag">{t(`tw.kind.${w.kind}`)}</span>}
              <span class="queue-label">{w.label}</span>
              <small class="muted queue-time"> {t('tw.queuedAt')} {formatDateTime(w.createdAt)}{w.sentAt && ` · ${t('tw.sentAt')} ${formatDateTime(w.sentAt)}`}</small>
              {w.error && <div class="error">{errorText(w.error.code)} — {w.error.message}</div>}
              <div class="queue-actions">
                {link && <a href={link} onClick={(e) => { e.preventDefault(); navigate(link); }}>{t('tw.open')}</a>}
                {(w.state === 'failed' || w.state === 'sent') && <button type="button" class="link" onClick={() => void discard(w.id)}>{t('report.discard')}</button>}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** 待发送: everything this device holds for the signed-in user, whichever form made it. */
export function OutboxPage() {
  useLang();
  const me = useMe()!;
  const online = useOnline();
  useEffect(() => void startQueue(me.username), [me.username]);
  const writes = useOutbox(me.username);
  const waiting = writes.filter((w) => w.state === 'pending' || w.state === 'sending').length;
  return (
    <div class="page narrow township-page" data-testid="outbox-page">
      <h2>{t('tw.outboxTitle')} <span class={`net ${online ? 'on' : 'off'}`} data-testid="network">{online ? t('report.online') : t('report.offline')}</span></h2>
      <p class="muted" data-testid="outbox-summary">{t('tw.outboxSummary', { waiting, total: writes.length })}</p>
      {!online && waiting > 0 && <p class="warn-box" role="status">{t('tw.offlineWaiting')}</p>}
      {online && waiting > 0 && <button type="button" class="primary wide" onClick={() => void flush()}>{t('report.sendNow')}</button>}
      <OutboxList username={me.username} kind={null} showKind title={t('tw.outboxAll')} testid="outbox-all" />
    </div>
  );
}
