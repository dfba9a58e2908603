import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client';

const cache = new Map<string, Promise<string>>();

/** Region names for codes shown in lists (one request per code per session). */
export function useRegionNames(codes: readonly string[]): (code: string) => string {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = [...new Set(codes)].sort().join(',');
  useEffect(() => {
    let live = true;
    for (const code of new Set(codes)) {
      if (!cache.has(code)) cache.set(code, api.region(code).then((r) => r.name).catch(() => code));
      void cache.get(code)!.then((name) => live && setNames((n) => (n[code] === name ? n : { ...n, [code]: name })));
    }
    return () => void (live = false);
  }, [key]);
  return (code) => names[code] ?? code;
}
