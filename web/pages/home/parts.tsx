// Building blocks of the role homes: a card per concern, each leading to the page that handles it.
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../api/client';
import { t } from '../../i18n/index';
import { navigate } from '../../router';
import { ErrorBox } from '../../ui/error-box';

export interface Loaded<T> { data: T | null; error: unknown; loading: boolean; reload: () => void }

/** Fetches once per change of `deps`; a late answer for an old `deps` is dropped. */
export function useLoad<T>(fn: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: true });
  const [n, setN] = useState(0);
  useEffect(() => {
    let stale = false;
    setState((s) => ({ ...s, loading: true }));
    fn().then((data) => !stale && setState({ data, error: null, loading: false }), (error) => !stale && setState({ data: null, error, loading: false }));
    return () => void (stale = true);
  }, [...deps, n]);
  return { ...state, reload: () => setN((x) => x + 1) };
}

/** A route another module may not have yet: its 404 is "not available", anything else an error. */
export const unlessMissing = <T,>(p: Promise<T>): Promise<T | null> =>
  p.catch((e) => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  });

export const goTo = (href: string) => (e: Event) => {
  e.preventDefault();
  navigate(href);
};

export function Go({ href, children, testid, class: cls }: { href: string; children: ComponentChildren; testid?: string; class?: string }) {
  return <a href={href} onClick={goTo(href)} data-testid={testid} class={cls}>{children}</a>;
}

export function HomeCard({ title, testid, href, linkLabel, state, count, children }: {
  title: string; testid: string; href?: string; linkLabel?: string; state?: Pick<Loaded<unknown>, 'loading' | 'error'>; count?: number | null; children?: ComponentChildren;
}) {
  return (
    <section class="card home-card" data-testid={testid} aria-busy={state?.loading ? 'true' : 'false'}>
      <header>
        <h3>{title}{count != null && <span class={`badge ${count > 0 ? 'hot' : ''}`}>{count}</span>}</h3>
        {href && <Go href={href} class="more">{linkLabel ?? t('home.open')} →</Go>}
      </header>
      {state?.loading && <p class="muted">{t('common.loading')}</p>}
      <ErrorBox error={state?.error ?? null} />
      {!state?.loading && children}
    </section>
  );
}

export const Empty = ({ text }: { text: string }) => <p class="muted empty">{text}</p>;
