export type RegionLevel = 'province' | 'prefecture' | 'county' | 'township' | 'village';
export const LEVEL_ORDER: RegionLevel[] = ['province', 'prefecture', 'county', 'township', 'village'];

export interface TreeNode {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

/**
 * The region tree held in memory: scope checks and roll-ups ask it "is X inside Y" thousands of
 * times per request. Codes nest by prefix, except townships of NBS pseudo-counties (管理区) that
 * hang under the county containing them, so the parent chain is the truth and prefix the shortcut.
 */
export class RegionTree {
  private nodes = new Map<string, TreeNode>();
  private kids = new Map<string, string[]>();

  constructor(rows: Iterable<TreeNode>) {
    for (const r of rows) this.add(r);
  }

  add(node: TreeNode) {
    const prev = this.nodes.get(node.code);
    if (prev?.parentCode) this.kids.set(prev.parentCode, (this.kids.get(prev.parentCode) ?? []).filter((c) => c !== node.code));
    this.nodes.set(node.code, node);
    if (node.parentCode) {
      const list = this.kids.get(node.parentCode) ?? [];
      list.push(node.code);
      this.kids.set(node.parentCode, list);
    }
  }

  get(code: string) {
    return this.nodes.get(code);
  }
  has(code: string) {
    return this.nodes.has(code);
  }
  get size() {
    return this.nodes.size;
  }

  children(code: string): TreeNode[] {
    return (this.kids.get(code) ?? []).map((c) => this.nodes.get(c)!);
  }

  /** From the node itself up to its province. */
  ancestry(code: string): TreeNode[] {
    const out: TreeNode[] = [];
    for (let n = this.nodes.get(code); n; n = n.parentCode ? this.nodes.get(n.parentCode) : undefined) out.push(n);
    return out;
  }

  isWithin(code: string, ancestor: string): boolean {
    if (code === ancestor) return this.has(code);
    // Only a code longer than the ancestor's can lie beneath it; walk the chain to be exact.
    if (code.length <= ancestor.length) return false;
    for (let n = this.nodes.get(code); n?.parentCode; n = this.nodes.get(n.parentCode)) {
      if (n.parentCode === ancestor) return true;
      if (n.parentCode.length < ancestor.length) return false;
    }
    return false;
  }

  /** The node's ancestor (or itself) at the given level. */
  ancestorAt(code: string, level: RegionLevel): TreeNode | undefined {
    return this.ancestry(code).find((n) => n.level === level);
  }

  /** Every node of `level` inside `code` (including `code` itself when it has that level). */
  descendantsAt(code: string, level: RegionLevel): TreeNode[] {
    const root = this.nodes.get(code);
    if (!root) return [];
    const target = LEVEL_ORDER.indexOf(level);
    const out: TreeNode[] = [];
    const walk = (n: TreeNode) => {
      const depth = LEVEL_ORDER.indexOf(n.level);
      if (depth === target) return void out.push(n);
      if (depth > target) return;
      for (const k of this.children(n.code)) walk(k);
    };
    walk(root);
    return out;
  }

  search(query: string, within: string | null, limit: number): TreeNode[] {
    const out: TreeNode[] = [];
    for (const n of this.nodes.values()) {
      if (!n.name.includes(query) && !n.code.startsWith(query)) continue;
      if (within && !this.isWithin(n.code, within)) continue;
      out.push(n);
      if (out.length >= limit) break;
    }
    return out;
  }
}

/** The level a child of `level` has, or null below villages. */
export function childLevel(level: RegionLevel): RegionLevel | null {
  return LEVEL_ORDER[LEVEL_ORDER.indexOf(level) + 1] ?? null;
}
