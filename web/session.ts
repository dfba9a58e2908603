import { useEffect, useState } from 'preact/hooks';
import { api, session as tokenStore, setOnUnauthenticated, type Me } from './api/client';

let me: Me | null = null;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export async function restoreSession(): Promise<Me | null> {
  if (!tokenStore.token) return null;
  try {
    me = (await api.me()).user;
  } catch {
    tokenStore.token = null;
    me = null;
  }
  return me;
}

export async function signIn(username: string, password: string) {
  const out = await api.login(username, password);
  tokenStore.token = out.token;
  me = out.user;
  emit();
}

export async function signOut() {
  try {
    await api.logout();
  } finally {
    tokenStore.token = null;
    me = null;
    navigator.serviceWorker?.controller?.postMessage('clear-data');
    emit();
  }
}

setOnUnauthenticated(() => {
  tokenStore.token = null;
  me = null;
  emit();
});

export function useMe(): Me | null {
  const [, force] = useState(0);
  useEffect(() => {
    const l = () => force((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return me;
}

/** Mirrors the server's rule for hiding actions a user may not take (the server still decides). */
export function can(user: Me | null, action: 'write' | 'admin' | 'review'): boolean {
  if (!user) return false;
  if (action === 'admin') return user.role === 'admin';
  if (action === 'review') return user.role === 'officer' || user.role === 'admin';
  return user.role !== 'auditor';
}
