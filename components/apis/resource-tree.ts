import type { ResourceSummary } from "./types";

export type ResourceNode = ResourceSummary & { depth: number; children: ResourceNode[] };

const byPathPart = (a: ResourceSummary, b: ResourceSummary) => {
  // Literal segments before parameters, as the router matches them.
  const aVariable = a.pathPart.startsWith("{");
  const bVariable = b.pathPart.startsWith("{");
  if (aVariable !== bVariable) return aVariable ? 1 : -1;
  return a.pathPart.localeCompare(b.pathPart);
};

/** Builds the tree from the flat list the API returns; resources whose parent is missing become roots. */
export function buildResourceTree(resources: ResourceSummary[]): ResourceNode[] {
  const nodes = new Map<string, ResourceNode>();
  for (const resource of resources) nodes.set(resource.id, { ...resource, depth: 0, children: [] });
  const roots: ResourceNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const visit = (list: ResourceNode[], depth: number) => {
    list.sort(byPathPart);
    for (const node of list) {
      node.depth = depth;
      visit(node.children, depth + 1);
    }
  };
  visit(roots, 0);
  return roots;
}

/** How much a recursive delete removes below (and including) a resource. */
export function subtreeStats(resources: ResourceSummary[], resourceId: string): { descendants: number; methods: number } {
  const childrenOf = new Map<string, ResourceSummary[]>();
  for (const resource of resources) {
    if (!resource.parentId) continue;
    const siblings = childrenOf.get(resource.parentId) ?? [];
    siblings.push(resource);
    childrenOf.set(resource.parentId, siblings);
  }
  const start = resources.find((resource) => resource.id === resourceId);
  if (!start) return { descendants: 0, methods: 0 };
  let descendants = 0;
  let methods = start.methods.length;
  const stack = [...(childrenOf.get(start.id) ?? [])];
  while (stack.length > 0) {
    const current = stack.pop();
    if (!current) break;
    descendants += 1;
    methods += current.methods.length;
    stack.push(...(childrenOf.get(current.id) ?? []));
  }
  return { descendants, methods };
}
