import { useEffect, useState } from 'preact/hooks';
import { zhCN, type MessageKey } from './zh-CN';
import { en } from './en';

export type Lang = 'zh-CN' | 'en';
const LANG_KEY = 'relief.lang';
const catalogs: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const listeners = new Set<() => void>();

// Guarded so the catalogues can be imported outside a browser (the i18n completeness test).
const storage: Pick<Storage, 'getItem' | 'setItem'> | null = typeof localStorage === 'undefined' ? null : localStorage;
let current: Lang = (storage?.getItem(LANG_KEY) as Lang) === 'en' ? 'en' : 'zh-CN';
if (typeof document !== 'undefined') document.documentElement.lang = current;

export const getLang = () => current;
export function setLang(lang: Lang) {
  current = lang;
  storage?.setItem(LANG_KEY, lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  listeners.forEach((l) => l());
}

/** Pages register extra keys (per feature) without touching the core catalogue. */
const extra: Record<Lang, Record<string, string>> = { 'zh-CN': {}, en: {} };
const registrations: { zh: Record<string, string>; en: Record<string, string> }[] = [{ zh: zhCN, en }];
export function addMessages(zh: Record<string, string>, english: Record<string, string>) {
  Object.assign(extra['zh-CN'], zh);
  Object.assign(extra.en, english);
  registrations.push({ zh, en: english });
}

/** Every catalogue registered so far, core first: what the completeness test checks. */
export const messageCatalogues = (): readonly { zh: Record<string, string>; en: Record<string, string> }[] => registrations;

export function t(key: MessageKey | (string & {}), vars?: Record<string, string | number>): string {
  const text = (catalogs[current] as Record<string, string>)[key] ?? extra[current][key] ?? extra['zh-CN'][key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? '')) : text;
}

/** Re-renders the component when the language changes. */
export function useLang(): Lang {
  const [, force] = useState(0);
  useEffect(() => {
    const l = () => force((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return current;
}

const zhNumber = new Intl.NumberFormat('zh-CN');
/** Chinese conventions in zh-CN: 万 above ten thousand; plain grouping in English. */
export function formatCount(n: number | null | undefined): string {
  if (n == null) return '—';
  if (current === 'zh-CN' && Math.abs(n) >= 1e8) return `${trim(n / 1e8, 2)} 亿`;
  if (current === 'zh-CN' && Math.abs(n) >= 100_000) return `${trim(n / 10_000, Math.abs(n) >= 1_000_000 ? 0 : 1)} 万`;
  return current === 'zh-CN' ? zhNumber.format(n) : n.toLocaleString('en');
}

/** Money is integer fen everywhere; shown as 元. */
export function formatYuan(fen: number | null | undefined): string {
  if (fen == null) return '—';
  const yuan = fen / 100;
  return current === 'zh-CN' ? `${yuan.toLocaleString('zh-CN', { minimumFractionDigits: 2 })} 元` : `¥${yuan.toLocaleString('en', { minimumFractionDigits: 2 })}`;
}

/**
 * Large sums for summaries (direct losses, funds): 万元 / 亿元 in zh-CN as Chinese statistics
 * tables print them, ¥ with k/M in English. Exact amounts use formatYuan.
 */
export function formatYuanShort(fen: number | null | undefined): string {
  if (fen == null) return '—';
  const yuan = fen / 100;
  if (current === 'zh-CN') {
    if (Math.abs(yuan) >= 1e8) return `${trim(yuan / 1e8, 2)} 亿元`;
    if (Math.abs(yuan) >= 1e4) return `${trim(yuan / 1e4, 2)} 万元`;
    return `${trim(yuan, 2)} 元`;
  }
  if (Math.abs(yuan) >= 1e6) return `¥${trim(yuan / 1e6, 2)}M`;
  if (Math.abs(yuan) >= 1e3) return `¥${trim(yuan / 1e3, 1)}k`;
  return `¥${trim(yuan, 2)}`;
}

const trim = (n: number, digits: number) => n.toLocaleString(current === 'zh-CN' ? 'zh-CN' : 'en', { maximumFractionDigits: digits });

/** Dates and deadlines are shown in Asia/Shanghai whatever the device's zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(current === 'zh-CN' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai', hour12: false, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}
