import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDateTime, t, useLang } from '../../i18n/index';
import '../../i18n/reports';
import { discard, listWrites, subscribe, type QueuedWrite } from '../../offline/queue';

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

/** This device's reports: waiting (待发送), sending, sent, or refused with the server's reason. */
export function OutboxList({ username, onSent }: { username: string; onSent?: () => void }) {
  useLang();
  const [writes, setWrites] = useState<QueuedWrite[]>([]);
  const sentCount = useRef(0);
  useEffect(() => {
    const load = () => listWrites('report', username).then((w) => {
      setWrites(w);
      const sent = w.filter((x) => x.state === 'sent').length;
      if (sent > sentCount.current && sentCount.current >= 0) onSent?.();
      sentCount.current = sent;
    });
    void load();
    return subscribe(() => void load());
  }, [username]);

  return (
    <section class="card outbox" data-testid="outbox">
      <h3>{t('report.outbox')}</h3>
      {writes.length === 0 && <p class="muted">{t('report.outboxEmpty')}</p>}
      <ul>
        {writes.slice(0, 20).map((w) => (
          <li data-state={w.state}>
            <span class={`queue-state ${w.state}`}>{t(`report.state.${w.state}`)}</span>
            <span class="queue-label">{w.label}</span>
            {w.sentAt && <small class="muted"> {formatDateTime(w.sentAt)}</small>}
            {w.error && <div class="error">{t(`error.${w.error.code}`) !== `error.${w.error.code}` ? t(`error.${w.error.code}`) : w.error.code} — {w.error.message}</div>}
            {(w.state === 'failed' || w.state === 'sent') && <button type="button" class="link" onClick={() => void discard(w.id)}>{t('report.discard')}</button>}
          </li>
        ))}
      </ul>
    </section>
  );
}
