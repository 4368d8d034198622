import FindMyWay, { type HTTPMethod, type HTTPVersion, type Instance } from "find-my-way";

/**
 * The route table of one deployment: find-my-way radix trees built when a
 * snapshot is compiled, never per request.
 *
 * Resource paths use API Gateway's syntax (`/pets/{petId}`, a final
 * `{proxy+}`); find-my-way's is `/pets/:petId` and `*`. This adapter
 * translates at insertion and hands matches back with the greedy value under
 * its own name, so the rest of the gateway never sees find-my-way's syntax.
 *
 * Trees are per method and leading literal segments (see MethodShards) and hold
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

/** `/pets/{petId}` → `/pets/:petId`; a final `{proxy+}` → `*`. */
function toFindMyWayPath(path: string): { routerPath: string; greedy: string | null } {
  let greedy: string | null = null;
  const routerPath = path.replace(/\{([A-Za-z0-9_]+)(\+?)\}/g, (_match, name: string, plus: string) => {
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
      const { routerPath, greedy } = toFindMyWayPath(paths[index] as string);
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
  readonly tree: Tree;
  readonly stores: readonly T[];
}

/**
 * Where a route lives, by how many literal segments its path starts with:
 * two or more (`/v1/pets/{id}` → "v1/pets"), one (`/pets/{id}` → "pets"),
 * or none (`/{tenant}/...` and the root).
 */
type Level = 2 | 1 | 0;

/** Buckets per method and level: trees stay small, and few, however many routes there are. */
const BUCKETS = 32;

/**
 * The routes of one method, in small trees. find-my-way tries a literal
 * segment before a parameter, and backtracks to the parameter when the
 * literal branch leads nowhere; looking up the routes that start with the
 * request's first two segments, then its first one, then the rest, is the
 * same order. Keys share a tree by hash, so a redeploy that adds an
 * endpoint builds one small tree again, not the method's whole table.
 */
interface MethodShards<T> {
  readonly byTwo: ReadonlyMap<string, Shard<T>>;
  readonly byOne: ReadonlyMap<string, Shard<T>>;
  readonly other: Shard<T> | null;
  /** Every shard by `<level>:<bucket>`, for the next build to take over. */
  readonly buckets: ReadonlyMap<string, Shard<T>>;
}

/** The level and key of a resource path (see Level). */
function routeKey(path: string): { level: Level; key: string } {
  if (path === "/" || path.charCodeAt(1) === 123 /* { */) return { level: 0, key: "" };
  const first = path.indexOf("/", 1);
  if (first === -1 || path.charCodeAt(first + 1) === 123) return { level: 1, key: first === -1 ? path.slice(1) : path.slice(1, first) };
  const second = path.indexOf("/", first + 1);
  return { level: 2, key: second === -1 ? path.slice(1) : path.slice(1, second) };
}

/** FNV-1a over a key, into one of the buckets. */
function bucketOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % BUCKETS;
}

/**
 * A segment of a request path as find-my-way compares it: percent-decoded
 * as decodeURI does (reserved characters stay encoded). undefined when it
 * cannot be decoded, which find-my-way answers with no match.
 */
function decodeSegment(segment: string): string | undefined {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURI(segment);
  } catch {
    return undefined;
  }
}

function findIn<T>(shard: Shard<T> | null | undefined, method: string, requestPath: string): RouteMatch<T> | null {
  if (shard === null || shard === undefined) return null;
  const found = shard.tree.tree.find(method as HTTPMethod, requestPath);
  if (found === null) return null;
  const slot = found.store as Slot;
  const params = found.params as Record<string, string>;
  if (slot.greedy !== null) {
    params[slot.greedy] = params["*"] ?? "";
    delete params["*"];
  }
  return { store: shard.stores[slot.index] as T, params };
}

export class Router<T> {
  /** Trees taken over from the previous router, and built: what the last build cost. */
  readonly stats = { reusedTrees: 0, builtTrees: 0 };

  private constructor(private readonly methods: Readonly<Record<string, MethodShards<T>>>) {}

  /**
   * The route for a request path (without its query string), or null.
   * Hot path: up to three map lookups and find-my-way's walks, plus one
   * rename for greedy routes.
   */
  find(method: string, requestPath: string): RouteMatch<T> | null {
    const shards = this.methods[method];
    if (shards === undefined) return null;
    // The path as find-my-way reads it ends at a '#'.
    let end = requestPath.indexOf("#", 1);
    if (end === -1) end = requestPath.length;
    const firstEnd = requestPath.indexOf("/", 1);
    const first = decodeSegment(requestPath.slice(1, firstEnd === -1 || firstEnd > end ? end : firstEnd));
    if (first === undefined) return null;
    if (firstEnd !== -1 && firstEnd < end && shards.byTwo.size > 0) {
      const secondEnd = requestPath.indexOf("/", firstEnd + 1);
      const second = decodeSegment(requestPath.slice(firstEnd + 1, secondEnd === -1 || secondEnd > end ? end : secondEnd));
      if (second === undefined) return null;
      const found = findIn(shards.byTwo.get(`${first}/${second}`), method, requestPath);
      if (found !== null) return found;
    }
    return findIn(shards.byOne.get(first), method, requestPath) ?? findIn(shards.other, method, requestPath);
  }

  /**
   * Builds the table for some routes. With `previous`, the router of the
   * deployment being replaced, every tree whose paths are unchanged is
   * taken over.
   */
  static build<T>(entries: Iterable<RouterEntry<T>>, previous: Router<unknown> | null = null): Router<T> {
    interface Group {
      paths: string[];
      stores: T[];
      keys: Set<string>;
    }
    // method → `<level>:<bucket>` → the routes of that tree
    const grouped = new Map<string, Map<string, Group>>();
    for (const entry of entries) {
      const { level, key } = routeKey(entry.path);
      const bucket = level === 0 ? "0:0" : `${level}:${bucketOf(key)}`;
      for (const method of entry.methods) {
        let byBucket = grouped.get(method);
        if (byBucket === undefined) {
          byBucket = new Map();
          grouped.set(method, byBucket);
        }
        let group = byBucket.get(bucket);
        if (group === undefined) {
          group = { paths: [], stores: [], keys: new Set() };
          byBucket.set(bucket, group);
        }
        group.paths.push(entry.path);
        group.stores.push(entry.store);
        group.keys.add(key);
      }
    }
    const methods = Object.create(null) as Record<string, MethodShards<T>>;
    let reusedTrees = 0;
    for (const [method, byBucket] of grouped) {
      const byTwo = new Map<string, Shard<T>>();
      const byOne = new Map<string, Shard<T>>();
      const buckets = new Map<string, Shard<T>>();
      let other: Shard<T> | null = null;
      for (const [bucket, { paths, stores, keys }] of byBucket) {
        const before = previous?.methods[method]?.buckets.get(bucket)?.tree;
        const reuse = before !== undefined && before.samePaths(paths);
        if (reuse) reusedTrees++;
        const shard: Shard<T> = { tree: reuse ? before : new Tree(method, paths), stores };
        buckets.set(bucket, shard);
        if (bucket === "0:0") other = shard;
        else for (const key of keys) (bucket.startsWith("2:") ? byTwo : byOne).set(key, shard);
      }
      methods[method] = { byTwo, byOne, other, buckets };
    }
    const router = new Router<T>(methods);
    const total = [...grouped.values()].reduce((sum, byBucket) => sum + byBucket.size, 0);
    router.stats.reusedTrees = reusedTrees;
    router.stats.builtTrees = total - reusedTrees;
    return router;
  }
}

/** One route to add: a resource path, as the contract allows it, for some methods. */
export interface RouterEntry<T> {
  readonly methods: readonly string[];
  readonly path: string;
  readonly store: T;
}
