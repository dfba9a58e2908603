import { describe, expect, it } from 'vitest';
import { formatCount, formatYuanShort, messageCatalogues, setLang } from '../../web/i18n/index';

// Every catalogue file under web/i18n registers itself on import: load them all, present and future.
const modules = import.meta.glob('../../web/i18n/*.ts', { eager: true });

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('zh-CN and English catalogues', () => {
  const catalogues = messageCatalogues();

  it('loads the core catalogue and every feature catalogue', () => {
    expect(Object.keys(modules).length).toBeGreaterThanOrEqual(5);
    // core + one addMessages per feature file
    expect(catalogues.length).toBeGreaterThanOrEqual(Object.keys(modules).length - 2);
  });

  it('every zh-CN key has an English text and every English key a zh-CN one, in each catalogue', () => {
    const problems: string[] = [];
    catalogues.forEach(({ zh, en }, i) => {
      // An empty text is a deliberate choice (a unit English leaves out); a missing key is not.
      for (const k of Object.keys(zh)) if (typeof en[k] !== 'string') problems.push(`#${i} ${k}: no English`);
      for (const k of Object.keys(en)) if (typeof zh[k] !== 'string') problems.push(`#${i} ${k}: no zh-CN`);
      for (const k of Object.keys(zh)) if (zh[k].trim() === '') problems.push(`#${i} ${k}: empty zh-CN (the source language)`);
    });
    expect(problems).toEqual([]);
  });

  it('both languages use the same {placeholders} for each key', () => {
    const problems: string[] = [];
    for (const { zh, en } of catalogues) {
      for (const k of Object.keys(zh)) {
        if (en[k] !== undefined && placeholders(zh[k]).join() !== placeholders(en[k]).join()) problems.push(`${k}: ${zh[k]} | ${en[k]}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('Chinese number conventions', () => {
  it('counts use 万 and 亿 in zh-CN and plain grouping in English', () => {
    setLang('zh-CN');
    expect(formatCount(8950)).toBe('8,950');
    expect(formatCount(123_456)).toBe('12.3 万');
    expect(formatCount(1_500_000)).toBe('150 万');
    expect(formatCount(230_000_000)).toBe('2.3 亿');
    setLang('en');
    expect(formatCount(123_456)).toBe('123,456');
    setLang('zh-CN');
  });

  it('large sums of money read as 万元 / 亿元 in zh-CN', () => {
    setLang('zh-CN');
    expect(formatYuanShort(3_022_000_000)).toBe('3,022 万元'); // 30.22 million yuan, in fen
    expect(formatYuanShort(25_000_000_000)).toBe('2.5 亿元');
    expect(formatYuanShort(123_456)).toBe('1,234.56 元');
    setLang('en');
    expect(formatYuanShort(3_022_000_000)).toBe('¥30.22M');
    setLang('zh-CN');
  });
});

describe('keys used by the pages', () => {
  it('every literal t(\'…\') key in web/ has a text in the catalogues', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = join(dir, name);
        if (name === 'dist' || name === 'public') continue;
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.tsx?$/.test(name)) files.push(p);
      }
    };
    walk('web');
    const known = new Set(messageCatalogues().flatMap((c) => Object.keys(c.zh)));
    const missing = new Set<string>();
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([a-zA-Z][\w.-]*)'/g)) if (!known.has(m[1])) missing.add(`${m[1]} (${f})`);
    }
    expect([...missing]).toEqual([]);
  });
});
