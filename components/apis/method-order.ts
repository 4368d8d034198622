// The order methods are listed in everywhere in the console. The server does
// not promise any order for a resource's methods, so every list sorts here.
const METHOD_ORDER = ["ANY", "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

const rank = (method: string) => {
  const index = METHOD_ORDER.indexOf(method);
  return index === -1 ? METHOD_ORDER.length : index;
};

/** A sorted copy: ANY first, then the usual verbs; anything unknown last, alphabetically. */
export function sortMethods(methods: readonly string[]): string[] {
  return [...methods].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
