// Primal network simplex for uncapacitated min-cost flow, after LEMON's NetworkSimplex
// (Kovács, "Minimum-cost flow algorithms: an experimental evaluation", 2015): spanning-tree
// basis kept as parent/thread/subtree-size arrays, block-search pricing, and the strongly
// feasible leaving-arc rule, which rules out cycling on degenerate pivots.
//
// Exactness: costs must be integers and every potential must stay below 2^53, so all
// arithmetic (costs, potentials, reduced costs, flows) is exact in float64; the caller proves
// the bound. The result is optimal because the loop stops only when a full pass over every
// arc finds no negative reduced cost (LP duality for network flows).

const UP = 1;    // the tree arc runs from the node to its parent
const DOWN = -1; // the tree arc runs from the parent to the node

export interface MinCostFlowProblem {
  nodeCount: number;
  source: Int32Array;
  target: Int32Array;
  cost: Float64Array; // integer-valued
  /**
   * A strongly feasible starting basis: predArc[v] is the tree arc joining v to its parent
   * (-1 for the root), flow the matching feasible flow; tree arcs carrying zero flow must
   * point towards the root.
   */
  start: { root: number; predArc: Int32Array; flow: Float64Array };
  /**
   * Arcs [0, candidateCount) are priced first; the rest only once those are optimal, when any
   * that could improve the flow join the candidates. The basis must lie among the candidates.
   * Arcs beyond candidateCount are reordered in place (all arrays together).
   */
  candidateCount?: number;
}

export interface MinCostFlowResult { flow: Float64Array; pivots: number; pricedArcs: number }

export function solveMinCostFlow(p: MinCostFlowProblem): MinCostFlowResult {
  const t = buildTree(p);
  const { source, target, cost } = p;
  const { parent, pred, predDir, thread, succNum, lastSucc, pi, flow } = t;
  const arcCount = source.length;
  let active = Math.min(p.candidateCount ?? arcCount, arcCount);
  let blockSize = Math.max(10, Math.ceil(Math.sqrt(active)));
  let nextArc = 0;
  let pivots = 0;
  let pricedArcs = 0;
  const dirtyRevs = new Int32Array(p.nodeCount + 1);

  for (;;) {
    // Block search over the candidate arcs: scan blocks from where the last search stopped and
    // take the most negative reduced cost of the first block that has one. Tree arcs need no
    // skipping: exact potentials give them a reduced cost of exactly 0.
    let inArc = -1;
    let min = 0;
    let start = nextArc;
    for (let scanned = 0; scanned < active;) {
      const end = Math.min(start + blockSize, active);
      scanned += end - start;
      pricedArcs += end - start;
      for (let e = start; e < end; e++) {
        const c = cost[e] + pi[source[e]] - pi[target[e]];
        if (c < min) { min = c; inArc = e; }
      }
      start = end === active ? 0 : end;
      if (min < 0) break;
    }
    if (inArc < 0) {
      // Optimal over the candidates. Price every other arc; admit those that could improve the
      // plan and carry on, or stop: no arc at all has a negative reduced cost, so the flow is
      // optimal (LP duality), whatever the candidates were.
      const before = active;
      for (let e = active; e < arcCount; e++) {
        if (cost[e] + pi[source[e]] - pi[target[e]] < 0) swapArcs(p, flow, e, active++);
      }
      pricedArcs += arcCount - before;
      if (active === before) break;
      blockSize = Math.max(10, Math.ceil(Math.sqrt(active)));
      nextArc = before;
      continue;
    }
    nextArc = start;
    pivots++;

    // Join node: where the paths from both ends of the entering arc to the root meet.
    let u = source[inArc];
    let v = target[inArc];
    while (u !== v) {
      if (succNum[u] < succNum[v]) u = parent[u];
      else v = parent[v];
    }
    const join = u;

    // Leaving arc: the blocking arc met last when walking the cycle in its own direction from
    // the join node (strongly feasible rule). Only arcs the cycle runs against can block.
    const first = source[inArc];
    const second = target[inArc];
    let delta = Infinity;
    let uOut = -1;
    let side = 0;
    for (let w = first; w !== join; w = parent[w]) {
      if (predDir[w] === UP && flow[pred[w]] < delta) { delta = flow[pred[w]]; uOut = w; side = 1; }
    }
    for (let w = second; w !== join; w = parent[w]) {
      if (predDir[w] === DOWN && flow[pred[w]] <= delta) { delta = flow[pred[w]]; uOut = w; side = 2; }
    }
    if (side === 0) throw new Error('min-cost flow is unbounded: a negative cycle of uncapacitated arcs');

    if (delta > 0) {
      flow[inArc] += delta;
      for (let w = first; w !== join; w = parent[w]) flow[pred[w]] -= predDir[w] * delta;
      for (let w = second; w !== join; w = parent[w]) flow[pred[w]] += predDir[w] * delta;
    }
    const uIn = side === 1 ? first : second;
    const vIn = side === 1 ? second : first;
    updateTree(t, inArc, uIn, vIn, uOut, join, dirtyRevs, source);

    // Re-root the potentials of the moved subtree so the entering arc has zero reduced cost.
    const sigma = pi[vIn] - pi[uIn] - predDir[uIn] * cost[inArc];
    const end = thread[lastSucc[uIn]];
    for (let w = uIn; w !== end; w = thread[w]) pi[w] += sigma;
  }
  return { flow, pivots, pricedArcs };
}

// Only arcs outside the basis (zero flow) are ever moved, so the tree's arc indices stay valid.
function swapArcs(p: MinCostFlowProblem, flow: Float64Array, a: number, b: number): void {
  if (a === b) return;
  const s = p.source[a]; p.source[a] = p.source[b]; p.source[b] = s;
  const t = p.target[a]; p.target[a] = p.target[b]; p.target[b] = t;
  const c = p.cost[a]; p.cost[a] = p.cost[b]; p.cost[b] = c;
  const f = flow[a]; flow[a] = flow[b]; flow[b] = f;
}

interface Tree {
  parent: Int32Array; pred: Int32Array; predDir: Int8Array;
  thread: Int32Array; revThread: Int32Array; succNum: Int32Array; lastSucc: Int32Array;
  pi: Float64Array; flow: Float64Array;
}

function buildTree(p: MinCostFlowProblem): Tree {
  const n = p.nodeCount;
  const { root, predArc } = p.start;
  const parent = new Int32Array(n).fill(-1);
  const pred = new Int32Array(n).fill(-1);
  const predDir = new Int8Array(n);
  const childCount = new Int32Array(n + 1);
  for (let v = 0; v < n; v++) {
    if (v === root) continue;
    const e = predArc[v];
    const up = p.source[e] === v;
    parent[v] = up ? p.target[e] : p.source[e];
    pred[v] = e;
    predDir[v] = up ? UP : DOWN;
    childCount[parent[v] + 1]++;
  }
  // Children grouped by parent (counting sort), then an iterative preorder walk.
  for (let v = 0; v < n; v++) childCount[v + 1] += childCount[v];
  const children = new Int32Array(n);
  const fill = childCount.slice(0, n);
  for (let v = 0; v < n; v++) if (v !== root) children[fill[parent[v]]++] = v;
  const order = new Int32Array(n);
  const stack = new Int32Array(n);
  let top = 0;
  let k = 0;
  stack[top++] = root;
  while (top > 0) {
    const v = stack[--top];
    order[k++] = v;
    for (let c = childCount[v + 1] - 1; c >= childCount[v]; c--) stack[top++] = children[c];
  }
  if (k !== n) throw new Error('the starting basis is not a spanning tree');

  const thread = new Int32Array(n);
  const revThread = new Int32Array(n);
  const succNum = new Int32Array(n).fill(1);
  const lastSucc = new Int32Array(n);
  const pi = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = order[i];
    const next = order[(i + 1) % n];
    thread[v] = next;
    revThread[next] = v;
    if (v !== root) {
      const c = p.cost[pred[v]];
      pi[v] = predDir[v] === UP ? pi[parent[v]] - c : pi[parent[v]] + c;
    }
  }
  for (let i = n - 1; i > 0; i--) succNum[parent[order[i]]] += succNum[order[i]];
  const position = new Int32Array(n);
  for (let i = 0; i < n; i++) position[order[i]] = i;
  for (let v = 0; v < n; v++) lastSucc[v] = order[position[v] + succNum[v] - 1];
  return { parent, pred, predDir, thread, revThread, succNum, lastSucc, pi, flow: p.start.flow.slice() };
}

// Re-hang the subtree cut off by the leaving arc under the entering arc, keeping the thread
// (preorder), subtree sizes and last successors consistent. A transcription of LEMON's
// updateTreeStructure; the invariants are documented there.
function updateTree(
  t: Tree, inArc: number, uIn: number, vIn: number, uOut: number, join: number,
  dirtyRevs: Int32Array, source: Int32Array,
): void {
  const { parent, pred, predDir, thread, revThread, succNum, lastSucc } = t;
  const oldRevThread = revThread[uOut];
  const oldSuccNum = succNum[uOut];
  const oldLastSucc = lastSucc[uOut];
  const vOut = parent[uOut];

  if (uIn === uOut) {
    parent[uIn] = vIn;
    pred[uIn] = inArc;
    predDir[uIn] = uIn === source[inArc] ? UP : DOWN;
    if (thread[vIn] !== uOut) {
      let after = thread[oldLastSucc];
      thread[oldRevThread] = after;
      revThread[after] = oldRevThread;
      after = thread[vIn];
      thread[vIn] = uOut;
      revThread[uOut] = vIn;
      thread[oldLastSucc] = after;
      revThread[after] = oldLastSucc;
    }
  } else {
    const threadContinue = oldRevThread === vIn ? thread[oldLastSucc] : thread[vIn];
    let stem = uIn;
    let parStem = vIn;
    let last = lastSucc[uIn];
    let after = thread[last];
    thread[vIn] = uIn;
    let dirty = 0;
    dirtyRevs[dirty++] = vIn;
    while (stem !== uOut) {
      const nextStem = parent[stem];
      thread[last] = nextStem;
      dirtyRevs[dirty++] = last;
      const before = revThread[stem];
      thread[before] = after;
      revThread[after] = before;
      parent[stem] = parStem;
      parStem = stem;
      stem = nextStem;
      last = lastSucc[stem] === lastSucc[parStem] ? revThread[parStem] : lastSucc[stem];
      after = thread[last];
    }
    parent[uOut] = parStem;
    thread[last] = threadContinue;
    revThread[threadContinue] = last;
    lastSucc[uOut] = last;
    if (oldRevThread !== vIn) {
      thread[oldRevThread] = after;
      revThread[after] = oldRevThread;
    }
    for (let i = 0; i < dirty; i++) revThread[thread[dirtyRevs[i]]] = dirtyRevs[i];

    let tmpSc = 0;
    const tmpLs = lastSucc[uOut];
    for (let u = uOut, p = parent[u]; u !== uIn; u = p, p = parent[u]) {
      pred[u] = pred[p];
      predDir[u] = -predDir[p];
      tmpSc += succNum[u] - succNum[p];
      succNum[u] = tmpSc;
      lastSucc[p] = tmpLs;
    }
    pred[uIn] = inArc;
    predDir[uIn] = uIn === source[inArc] ? UP : DOWN;
    succNum[uIn] = oldSuccNum;
  }

  const upLimitOut = lastSucc[join] === vIn ? join : -1;
  const lastSuccOut = lastSucc[uOut];
  for (let u = vIn; u !== -1 && lastSucc[u] === vIn; u = parent[u]) lastSucc[u] = lastSuccOut;
  if (join !== oldRevThread && vIn !== oldRevThread) {
    for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]) lastSucc[u] = oldRevThread;
  } else if (lastSuccOut !== oldLastSucc) {
    for (let u = vOut; u !== upLimitOut && lastSucc[u] === oldLastSucc; u = parent[u]) lastSucc[u] = lastSuccOut;
  }
  for (let u = vIn; u !== join; u = parent[u]) succNum[u] += oldSuccNum;
  for (let u = vOut; u !== join; u = parent[u]) succNum[u] -= oldSuccNum;
}
