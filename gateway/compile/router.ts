import FindMyWay, { type HTTPMethod, type HTTPVersion, type Instance } from "find-my-way";
import { runToEnd, type Sliced } from "./slices";

/**
 * The route table of one deployment: find-my-way radix trees built when a
 * snapshot is compiled, never per request.
 *
 * Resource paths use API Gateway's syntax (`/pets/{petId}`, a final
 * `{proxy+}`); find-my-way's is `/pets/:petId` and `*`. This adapter
 * translates at insertion and hands matches back with the greedy value under
 * its own name, so the rest of the gateway never sees find-my-way's syntax.
 *
 * Trees are per method and literal path prefix (see PrefixNode) and hold
 * slot numbers rather than routes: a new deployment takes over every tree
 * whose paths are those of the previous one (most redeploys change a few
 * resources, integrations, keys or models) and only fills new slots.
 * Building trees is the costly part of compiling a large snapshot.
 */

export interface RouteMatch<T> {
  readonly store: T;
  /** Path parameters by name; the greedy one holds the rest of the path, slashes included. */
  readonly params: Record<string, string>;
}

/** Ids and file names in paths run long; find-my-way's default of 100 would answer 404 to valid requests. */
export const MAX_PARAM_LENGTH = 2048;

interface Slot {
  readonly index: number;
  /** Name of the route's `{name+}` parameter, or null. */
  readonly greedy: string | null;
}

/** find-my-way parses the query string of every match; the gateway keeps it raw and parses it only where needed. */
const NO_QUERY = Object.freeze({});

function noopHandler(): void {}

/**
 * `/pets/{petId}` → `/pets/:petId`; `/files/{name}.json` → `/files/:name.json`;
 * a final `{proxy+}` → `*`. A literal ':' is written '::' (find-my-way's escape).
 */
function toFindMyWayPath(path: string): { routerPath: string; greedy: string | null } {
  let greedy: string | null = null;
  const routerPath = path.replace(/:/g, "::").replace(/\{([A-Za-z0-9_]+)(\+?)\}/g, (_match, name: string, plus: string) => {
    if (plus === "+") {
      greedy = name;
      return "*";
    }
    return `:${name}`;
  });
  return { routerPath, greedy };
}

/** One find-my-way tree and the paths it was built from, in order: slot i is paths[i]. */
class Tree {
  readonly tree: Instance<HTTPVersion.V1> = FindMyWay({
    ignoreTrailingSlash: true,
    caseSensitive: true,
    maxParamLength: MAX_PARAM_LENGTH,
    querystringParser: () => NO_QUERY,
  });

  constructor(
    readonly method: string,
    readonly paths: readonly string[],
  ) {
    for (let index = 0; index < paths.length; index++) {
      const { routerPath, greedy } = toFindMyWayPath(paths[index]);
      const slot: Slot = { index, greedy };
      this.tree.on(method as HTTPMethod, routerPath, noopHandler, slot);
    }
  }

  samePaths(paths: readonly string[]): boolean {
    if (paths.length !== this.paths.length) return false;
    for (let i = 0; i < paths.length; i++) if (paths[i] !== this.paths[i]) return false;
    return true;
  }
}

interface Shard<T> {
  readonly kind: "tree";
  readonly tree: Tree;
  readonly stores: readonly T[];
}

/**
 * The routes of one method below a literal path prefix (the root: none).
 * find-my-way tries a literal segment before a parameter, and backtracks to
 * the parameter when the literal branch leads nowhere; looking up the
 * request's next segment among `children` first, then in `rest`, at every
 * depth, is the same order.
 */
interface PrefixNode<T> {
  readonly kind: "node";
  /** Next literal segment → the routes under it: a deeper node when they are many, else a tree shared by a few small siblings. */
  readonly children: ReadonlyMap<string, PrefixNode<T> | Shard<T>>;
  /** Routes whose next segment is a parameter, or that end here. */
  readonly rest: Shard<T> | null;
}

/** Routes under one literal segment that share a tree with their siblings' (hashed into BUCKETS) instead of a node of their own. */
const SMALL_GROUP = 64;
const BUCKETS = 32;

/** FNV-1a over a segment, into one of the buckets. */
function bucketOf(segment: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < segment.length; i++) hash = Math.imul(hash ^ segment.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % BUCKETS;
}

/**
 * A segment of a request path as find-my-way compares it: percent-decoded
 * as decodeURI does (reserved characters stay encoded). undefined when it
 * cannot be decoded; find-my-way then matches nothing, and neither will
 * the trees this falls back to.
 */
function decodeSegment(segment: string): string | undefined {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURI(segment);
  } catch {
    return undefined;
  }
}

function findIn<T>(shard: Shard<T> | null, method: string, requestPath: string): RouteMatch<T> | null {
  if (shard === null) return null;
  const found = shard.tree.tree.find(method as HTTPMethod, requestPath);
  if (found === null) return null;
  const slot = found.store as Slot;
  const params = found.params as Record<string, string>;
  if (slot.greedy !== null) {
    params[slot.greedy] = params["*"] ?? "";
    delete params["*"];
  }
  return { store: shard.stores[slot.index], params };
}

/** `start` is where the node's next segment begins in the request path; `end` where the path ends for find-my-way (a '#' ends it). */
function lookup<T>(node: PrefixNode<T>, method: string, requestPath: string, start: number, end: number): RouteMatch<T> | null {
  if (node.children.size > 0 && start <= end) {
    let segmentEnd = requestPath.indexOf("/", start);
    if (segmentEnd === -1 || segmentEnd > end) segmentEnd = end;
    const segment = decodeSegment(requestPath.slice(start, segmentEnd));
    const child = segment !== undefined ? node.children.get(segment) : undefined;
    if (child !== undefined) {
      const found = child.kind === "node" ? lookup(child, method, requestPath, segmentEnd + 1, end) : findIn(child, method, requestPath);
      if (found !== null) return found;
    }
  }
  return findIn(node.rest, method, requestPath);
}

/** A route as the builder sees it: its resource path split into segments. */
interface Placed<T> {
  readonly path: string;
  readonly segments: readonly string[];
  readonly store: T;
}

class RouterBuilder<T> {
  reusedTrees = 0;
  builtTrees = 0;
  /** Every tree built or taken over, by method and place (`<prefix>|rest`, `<prefix>|<bucket>`), for the next build. */
  readonly trees = new Map<string, Tree>();

  constructor(private readonly previous: ReadonlyMap<string, Tree> | null) {}

  /** Yields after building a tree: a tree is the unit of work between two slices. */
  private *shard(method: string, place: string, routes: readonly Placed<T>[]): Sliced<Shard<T>> {
    const id = `${method} ${place}`;
    const paths = routes.map((route) => route.path);
    const before = this.previous?.get(id);
    let tree: Tree;
    if (before !== undefined && before.samePaths(paths)) {
      tree = before;
      this.reusedTrees++;
    } else {
      tree = new Tree(method, paths);
      this.builtTrees++;
      yield;
    }
    this.trees.set(id, tree);
    return { kind: "tree", tree, stores: routes.map((route) => route.store) };
  }

  *node(method: string, prefix: string, routes: readonly Placed<T>[], depth: number): Sliced<PrefixNode<T>> {
    const rest: Placed<T>[] = [];
    const bySegment = new Map<string, Placed<T>[]>();
    for (const route of routes) {
      const segment = route.segments[depth];
      // A segment with a parameter anywhere in it ("{id}", "{name}.json", "v{version}") is matched by the tree, not by the literal map.
      if (segment === undefined || segment.includes("{")) rest.push(route);
      else {
        const group = bySegment.get(segment);
        if (group === undefined) bySegment.set(segment, [route]);
        else group.push(route);
      }
    }
    const children = new Map<string, PrefixNode<T> | Shard<T>>();
    const buckets = new Map<number, { segments: string[]; routes: Placed<T>[] }>();
    for (const [segment, group] of bySegment) {
      if (group.length > SMALL_GROUP) {
        children.set(segment, yield* this.node(method, `${prefix}/${segment}`, group, depth + 1));
        continue;
      }
      const index = bucketOf(segment);
      const bucket = buckets.get(index) ?? { segments: [], routes: [] };
      bucket.segments.push(segment);
      bucket.routes.push(...group);
      buckets.set(index, bucket);
    }
    for (const [index, bucket] of buckets) {
      const shard = yield* this.shard(method, `${prefix}|${index}`, bucket.routes);
      for (const segment of bucket.segments) children.set(segment, shard);
    }
    return { kind: "node", children, rest: rest.length > 0 ? yield* this.shard(method, `${prefix}|rest`, rest) : null };
  }
}

export class Router<T> {
  /** Trees taken over from the previous router, and built: what the last build cost. */
  readonly stats = { reusedTrees: 0, builtTrees: 0 };

  private constructor(
    private readonly methods: Readonly<Record<string, PrefixNode<T>>>,
    private readonly trees: ReadonlyMap<string, Tree>,
  ) {}

  /**
   * The route for a request path (without its query string), or null.
   * Hot path: a map lookup per leading literal segment and find-my-way's
   * walks, plus one rename for greedy routes.
   */
  find(method: string, requestPath: string): RouteMatch<T> | null {
    const root = this.methods[method];
    if (root === undefined) return null;
    const hash = requestPath.indexOf("#", 1);
    return lookup(root, method, requestPath, 1, hash === -1 ? requestPath.length : hash);
  }

  /**
   * Builds the table for some routes. With `previous`, the router of the
   * deployment being replaced, every tree whose paths are unchanged is
   * taken over.
   */
  static build<T>(entries: Iterable<RouterEntry<T>>, previous: Router<unknown> | null = null): Router<T> {
    return runToEnd(Router.buildSteps(entries, previous));
  }

  /** `build` as sliceable work (see compile/slices): it yields after each tree it builds. */
  static *buildSteps<T>(entries: Iterable<RouterEntry<T>>, previous: Router<unknown> | null = null): Sliced<Router<T>> {
    const byMethod = new Map<string, Placed<T>[]>();
    for (const entry of entries) {
      const placed: Placed<T> = {
        path: entry.path,
        segments: entry.path === "/" ? [] : entry.path.slice(1).split("/"),
        store: entry.store,
      };
      for (const method of entry.methods) {
        const list = byMethod.get(method);
        if (list === undefined) byMethod.set(method, [placed]);
        else list.push(placed);
      }
    }
    const builder = new RouterBuilder<T>(previous?.trees ?? null);
    const methods = Object.create(null) as Record<string, PrefixNode<T>>;
    for (const [method, routes] of byMethod) methods[method] = yield* builder.node(method, "", routes, 0);
    const router = new Router<T>(methods, builder.trees);
    router.stats.reusedTrees = builder.reusedTrees;
    router.stats.builtTrees = builder.builtTrees;
    return router;
  }
}

/** One route to add: a resource path, as the contract allows it, for some methods. */
export interface RouterEntry<T> {
  readonly methods: readonly string[];
  readonly path: string;
  readonly store: T;
}
