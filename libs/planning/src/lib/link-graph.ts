import type { LinkType } from './types';

/** Link types in the order of their numeric kind. */
export const LINK_TYPES: readonly LinkType[] = ['FS', 'SS', 'FF', 'SF'];

/**
 * The links of a plan as a compact adjacency structure (compressed sparse rows): the links
 * leaving task v are the edges `head[v] … head[v + 1] − 1`, in the order they were given.
 */
export interface LinkGraph {
  taskCount: number;
  head: Int32Array;
  target: Int32Array;
  /**
   * 0 FS, 1 SS, 2 FF, 3 SF, read as two bits: bit 0 = measured from the predecessor's start
   * (SS, SF), bit 1 = constrains the successor's finish (FF, SF).
   */
  kind: Uint8Array;
  lag: Float64Array;
  /** The index of the edge's link in the input. */
  link: Int32Array;
}

/** Links as adjacency rows; links given as −1 in `linkFrom` (invalid ones) are left out. */
export function buildGraph(
  taskCount: number,
  linkFrom: Int32Array,
  linkTo: Int32Array,
  linkKind: Uint8Array,
  linkLag: Float64Array,
): LinkGraph {
  const head = new Int32Array(taskCount + 1);
  let edgeCount = 0;
  for (let j = 0; j < linkFrom.length; j++) {
    const from = linkFrom[j]!;
    if (from >= 0) {
      head[from + 1]!++;
      edgeCount++;
    }
  }
  for (let v = 0; v < taskCount; v++) head[v + 1]! += head[v]!;
  const next = head.slice(0, taskCount);
  const target = new Int32Array(edgeCount);
  const kind = new Uint8Array(edgeCount);
  const lag = new Float64Array(edgeCount);
  const link = new Int32Array(edgeCount);
  for (let j = 0; j < linkFrom.length; j++) {
    const from = linkFrom[j]!;
    if (from < 0) continue;
    const e = next[from]!++;
    target[e] = linkTo[j]!;
    kind[e] = linkKind[j]!;
    lag[e] = linkLag[j]!;
    link[e] = j;
  }
  return { taskCount, head, target, kind, lag, link };
}

/**
 * Kahn's algorithm, first-in first-out from the tasks in input order, so the order is
 * deterministic. Tasks on or behind a cycle are left out: a short result means a cycle.
 */
export function topologicalOrder(graph: LinkGraph): Int32Array {
  const { taskCount, head, target } = graph;
  const inDegree = new Int32Array(taskCount);
  for (let e = 0; e < target.length; e++) inDegree[target[e]!]!++;
  const order = new Int32Array(taskCount);
  let tail = 0;
  for (let v = 0; v < taskCount; v++) {
    if (inDegree[v] === 0) order[tail++] = v;
  }
  for (let k = 0; k < tail; k++) {
    const v = order[k]!;
    const end = head[v + 1]!;
    for (let e = head[v]!; e < end; e++) {
      const w = target[e]!;
      if (--inDegree[w]! === 0) order[tail++] = w;
    }
  }
  return order.subarray(0, tail);
}

/**
 * One cycle per strongly connected component that has one (and one per self-link), each as
 * task indices in link order, starting from its task given first. `sorted` is the (short)
 * topological order: the tasks it holds cannot be on a cycle.
 */
export function findCycles(graph: LinkGraph, sorted: Int32Array): number[][] {
  const { taskCount, head, target } = graph;
  const onCycleSide = new Uint8Array(taskCount).fill(1);
  for (const v of sorted) onCycleSide[v] = 0;
  const component = tarjan(graph, onCycleSide);

  const cycles: number[][] = [];
  const seen = new Set<number>();
  for (let v = 0; v < taskCount; v++) {
    if (onCycleSide[v] === 0) continue;
    for (let e = head[v]!; e < head[v + 1]!; e++) {
      if (target[e] === v) {
        cycles.push([v]);
        break;
      }
    }
    const c = component[v]!;
    if (seen.has(c)) continue;
    seen.add(c);
    const cycle = walkCycle(graph, component, v);
    if (cycle.length > 1) cycles.push(cycle);
  }
  return cycles.sort((x, y) => x[0]! - y[0]! || x.length - y.length);
}

/**
 * Follows, from `start`, the first link staying inside its component (never a self-link)
 * until a task repeats. In a strongly connected component with two or more tasks such a
 * link always exists, so the walk closes a cycle; a lone task yields [].
 */
function walkCycle(graph: LinkGraph, component: Int32Array, start: number): number[] {
  const { head, target } = graph;
  const c = component[start]!;
  const path: number[] = [];
  const position = new Map<number, number>();
  let v = start;
  while (!position.has(v)) {
    position.set(v, path.length);
    path.push(v);
    let next = -1;
    for (let e = head[v]!; e < head[v + 1]!; e++) {
      const w = target[e]!;
      if (w !== v && component[w] === c) {
        next = w;
        break;
      }
    }
    if (next < 0) return [];
    v = next;
  }
  const cycle = path.slice(position.get(v));
  // Start from the task given first, so the same cycle always reads the same way.
  let first = 0;
  for (let i = 1; i < cycle.length; i++) if (cycle[i]! < cycle[first]!) first = i;
  return [...cycle.slice(first), ...cycle.slice(0, first)];
}

/**
 * Strongly connected components of the tasks flagged in `include` (iterative Tarjan, as
 * plans can chain thousands of tasks). Tasks left out get component −1.
 */
function tarjan(graph: LinkGraph, include: Uint8Array): Int32Array {
  const { taskCount, head, target } = graph;
  const component = new Int32Array(taskCount).fill(-1);
  const index = new Int32Array(taskCount).fill(-1);
  const lowLink = new Int32Array(taskCount);
  const onStack = new Uint8Array(taskCount);
  const stack: number[] = [];
  const callStack: number[] = [];
  const edgeCursor = new Int32Array(taskCount);
  let counter = 0;
  let components = 0;

  for (let root = 0; root < taskCount; root++) {
    if (include[root] === 0 || index[root] !== -1) continue;
    callStack.push(root);
    index[root] = lowLink[root] = counter++;
    edgeCursor[root] = head[root]!;
    stack.push(root);
    onStack[root] = 1;
    while (callStack.length > 0) {
      const v = callStack[callStack.length - 1]!;
      const e = edgeCursor[v]!;
      if (e < head[v + 1]!) {
        edgeCursor[v] = e + 1;
        const w = target[e]!;
        if (include[w] === 0) continue;
        if (index[w] === -1) {
          index[w] = lowLink[w] = counter++;
          edgeCursor[w] = head[w]!;
          stack.push(w);
          onStack[w] = 1;
          callStack.push(w);
        } else if (onStack[w] === 1 && index[w]! < lowLink[v]!) {
          lowLink[v] = index[w]!;
        }
        continue;
      }
      callStack.pop();
      const parent = callStack[callStack.length - 1];
      if (parent !== undefined && lowLink[v]! < lowLink[parent]!) lowLink[parent] = lowLink[v]!;
      if (lowLink[v] === index[v]) {
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          component[w] = components;
        } while (w !== v);
        components++;
      }
    }
  }
  return component;
}
