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
 * There is one tree per method, holding slot numbers rather than routes: a
 * new deployment whose paths for a method are those of the previous one
 * (most redeploys change integrations, keys or models, not paths) takes
 * the tree over and only fills new slots. Building trees is the costly part
 * of compiling a large snapshot.
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

/** The tree of one method and the paths it was built from, in order: slot i is paths[i]. */
class MethodTree {
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

interface MethodTable<T> {
  readonly tree: MethodTree;
  readonly stores: readonly T[];
}

export class Router<T> {
  private constructor(private readonly methods: Readonly<Record<string, MethodTable<T>>>) {}

  /**
   * The route for a request path (without its query string), or null.
   * Hot path: find-my-way's walk, plus one rename for greedy routes.
   */
  find(method: string, requestPath: string): RouteMatch<T> | null {
    const table = this.methods[method];
    if (table === undefined) return null;
    const found = table.tree.tree.find(method as HTTPMethod, requestPath);
    if (found === null) return null;
    const slot = found.store as Slot;
    const params = found.params as Record<string, string>;
    if (slot.greedy !== null) {
      params[slot.greedy] = params["*"] ?? "";
      delete params["*"];
    }
    return { store: table.stores[slot.index] as T, params };
  }

  /** Trees taken over from the previous router, and built: what the last build cost. */
  readonly stats = { reusedTrees: 0, builtTrees: 0 };

  /** The tree of a method, for taking it over. */
  private treeOf(method: string): MethodTree | undefined {
    return this.methods[method]?.tree;
  }

  /**
   * Builds the table for some routes. With `previous`, the router of the
   * deployment being replaced, every method whose paths are unchanged keeps
   * its tree.
   */
  static build<T>(entries: Iterable<RouterEntry<T>>, previous: Router<unknown> | null = null): Router<T> {
    const byMethod = new Map<string, { paths: string[]; stores: T[] }>();
    for (const entry of entries) {
      for (const method of entry.methods) {
        let list = byMethod.get(method);
        if (list === undefined) {
          list = { paths: [], stores: [] };
          byMethod.set(method, list);
        }
        list.paths.push(entry.path);
        list.stores.push(entry.store);
      }
    }
    const methods: Record<string, MethodTable<T>> = Object.create(null) as Record<string, MethodTable<T>>;
    let reusedTrees = 0;
    for (const [method, { paths, stores }] of byMethod) {
      const before = previous?.treeOf(method);
      const reuse = before !== undefined && before.samePaths(paths);
      if (reuse) reusedTrees++;
      methods[method] = { tree: reuse ? before : new MethodTree(method, paths), stores };
    }
    const router = new Router<T>(methods);
    router.stats.reusedTrees = reusedTrees;
    router.stats.builtTrees = byMethod.size - reusedTrees;
    return router;
  }
}

/** One route to add: a resource path, as the contract allows it, for some methods. */
export interface RouterEntry<T> {
  readonly methods: readonly string[];
  readonly path: string;
  readonly store: T;
}
