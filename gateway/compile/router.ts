/**
 * The route table of one deployment: a tree of path segments.
 *
 * Resource paths are whole segments (`/pets`, `/{petId}`, a final
 * `/{proxy+}`), so a segment tree with one Map per node is all the matching
 * they need. It matches as find-my-way did with the options the gateway
 * used (case-sensitive, trailing slash ignored, literal before parameter
 * before greedy, with backtracking, parameters percent-decoded, at most
 * 2,048 characters); `router.test.ts` compares the two on the same tables.
 * find-my-way generates code for every node and route as it inserts them,
 * which made building a 5,000-route table take tens of milliseconds; here
 * insertion is a few Map writes per route.
 */

export interface RouteMatch<T> {
  readonly store: T;
  /** Path parameters by name; the greedy one holds the rest of the path, slashes included. */
  readonly params: Record<string, string>;
}

/** Longer parameter values do not match (the path answers 404), as with find-my-way's maxParamLength. */
export const MAX_PARAM_LENGTH = 2048;

interface Leaf<T> {
  readonly store: T;
  /** Parameter names in path order; the greedy one, if any, last. */
  readonly names: readonly string[];
}

class SegmentNode<T> {
  literals: Map<string, SegmentNode<T>> | null = null;
  param: SegmentNode<T> | null = null;
  /** Routes ending here, by method. */
  leaves: Map<string, Leaf<T>> | null = null;
  /** Routes whose greedy `{name+}` starts below this node, by method. */
  greedy: Map<string, Leaf<T>> | null = null;
}

const PARAMETER = /^\{([A-Za-z_][A-Za-z0-9_]*)(\+?)\}$/;

function decodeSegment(raw: string): string {
  return raw.includes("%") ? decodeURIComponent(raw) : raw;
}

export class Router<T> {
  private readonly root = new SegmentNode<T>();

  /**
   * Adds a route for some methods. `path` is a resource path as the
   * contract allows it: `/`, literal segments, `{name}` segments and one
   * final `{name+}`. A later route for the same method and path replaces
   * the earlier one.
   */
  on(methods: readonly string[], path: string, store: T): void {
    let node = this.root;
    const names: string[] = [];
    const segments = path === "/" ? [] : path.slice(1).split("/");
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i] as string;
      const parameter = PARAMETER.exec(segment);
      if (parameter === null) {
        node.literals ??= new Map();
        let child = node.literals.get(segment);
        if (child === undefined) {
          child = new SegmentNode<T>();
          node.literals.set(segment, child);
        }
        node = child;
        continue;
      }
      names.push(parameter[1] as string);
      if (parameter[2] === "+") {
        if (i !== segments.length - 1) throw new Error(`'${path}': a greedy parameter must be the last segment`);
        node.greedy ??= new Map();
        for (const method of methods) node.greedy.set(method, { store, names });
        return;
      }
      node.param ??= new SegmentNode<T>();
      node = node.param;
    }
    node.leaves ??= new Map();
    for (const method of methods) node.leaves.set(method, { store, names });
  }

  /**
   * The route for a request path (without its query string), or null.
   *
   * Hot path: one Map lookup per segment, a slice per segment, and the
   * params object of the match.
   */
  find(method: string, requestPath: string): RouteMatch<T> | null {
    let path = requestPath;
    const hash = path.indexOf("#");
    if (hash !== -1) path = path.slice(0, hash);
    if (path.length > 1 && path.charCodeAt(path.length - 1) === 47 /* / */) path = path.slice(0, -1);
    if (path.includes("%")) {
      // A malformed escape anywhere makes the whole path unmatchable, rather than a segment of it.
      try {
        decodeURIComponent(path);
      } catch {
        return null;
      }
    }
    const values: string[] = [];
    const leaf = path === "/" ? this.matchRoot(method, values) : matchFrom(this.root, method, path, 1, values);
    if (leaf === null) return null;
    const params: Record<string, string> = {};
    const names = leaf.names;
    for (let i = 0; i < names.length; i++) params[names[i] as string] = values[i] as string;
    return { store: leaf.store, params };
  }

  private matchRoot(method: string, values: string[]): Leaf<T> | null {
    const leaf = this.root.leaves?.get(method);
    if (leaf !== undefined) return leaf;
    const greedy = this.root.greedy?.get(method);
    if (greedy === undefined) return null;
    values.push("");
    return greedy;
  }
}

/** Matches `path` from `start` (the first character of a segment) below `node`; `values` collects parameter values. */
function matchFrom<T>(node: SegmentNode<T>, method: string, path: string, start: number, values: string[]): Leaf<T> | null {
  let end = path.indexOf("/", start);
  if (end === -1) end = path.length;
  const segment = decodeSegment(path.slice(start, end));
  const last = end === path.length;
  const depth = values.length;

  if (node.literals !== null) {
    const child = node.literals.get(segment);
    if (child !== undefined) {
      const found = last ? leafOf(child, method) : matchFrom(child, method, path, end + 1, values);
      if (found !== null) return found;
      values.length = depth;
    }
  }
  if (node.param !== null && segment.length <= MAX_PARAM_LENGTH) {
    values.push(segment);
    const found = last ? leafOf(node.param, method) : matchFrom(node.param, method, path, end + 1, values);
    if (found !== null) return found;
    values.length = depth;
  }
  if (node.greedy !== null) {
    const leaf = node.greedy.get(method);
    if (leaf !== undefined) {
      values.push(decodeSegment(path.slice(start)));
      return leaf;
    }
  }
  return null;
}

function leafOf<T>(node: SegmentNode<T>, method: string): Leaf<T> | null {
  const leaf = node.leaves !== null ? node.leaves.get(method) : undefined;
  return leaf !== undefined ? leaf : null;
}
