import FindMyWay, { type HTTPMethod, type HTTPVersion, type Instance } from "find-my-way";

/**
 * The route table of one deployment: a find-my-way radix tree built once per
 * compiled snapshot, never per request.
 *
 * Resource paths use API Gateway's syntax (`/pets/{petId}`, a final
 * `{proxy+}`); find-my-way's is `/pets/:petId` and `*`. This adapter
 * translates at insertion and hands matches back with the greedy value under
 * its own name, so the rest of the gateway never sees find-my-way's syntax.
 */

export interface RouteMatch<T> {
  readonly store: T;
  /** Path parameters by name; the greedy one holds the rest of the path, slashes included. */
  readonly params: Record<string, string>;
}

/** Ids and file names in paths run long; find-my-way's default of 100 would answer 404 to valid requests. */
export const MAX_PARAM_LENGTH = 2048;

interface Entry<T> {
  readonly store: T;
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

export class Router<T> {
  private readonly tree: Instance<HTTPVersion.V1> = FindMyWay({
    ignoreTrailingSlash: true,
    caseSensitive: true,
    maxParamLength: MAX_PARAM_LENGTH,
    querystringParser: () => NO_QUERY,
  });

  /** Adds a route for some methods; `path` is a resource path as the contract allows it. */
  on(methods: readonly string[], path: string, store: T): void {
    const { routerPath, greedy } = toFindMyWayPath(path);
    const entry: Entry<T> = { store, greedy };
    this.tree.on(methods as HTTPMethod[], routerPath, noopHandler, entry);
  }

  /**
   * The route for a request path (without its query string), or null.
   * Hot path: find-my-way's walk, plus one rename for greedy routes.
   */
  find(method: string, requestPath: string): RouteMatch<T> | null {
    const found = this.tree.find(method as HTTPMethod, requestPath);
    if (found === null) return null;
    const entry = found.store as Entry<T>;
    const params = found.params as Record<string, string>;
    if (entry.greedy !== null) {
      params[entry.greedy] = params["*"] ?? "";
      delete params["*"];
    }
    return { store: entry.store, params };
  }
}
