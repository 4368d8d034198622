import { buildResourceTree, type ResourceNode } from "@/components/apis/resource-tree";
import type { ResourceSummary } from "@/components/apis/types";
import type { PreviewResource } from "./analysis";

/**
 * The resource tree a document would produce, shaped like the tree the API
 * returns so that it renders and sorts the same way. Ancestors a document
 * only implies (/pets for /pets/{petId}) are resources too, as on import.
 */
export function buildPreviewTree(resources: PreviewResource[]): ResourceNode[] {
  const byPath = new Map<string, ResourceSummary>();
  const ensure = (path: string): ResourceSummary => {
    const existing = byPath.get(path);
    if (existing) return existing;
    const parentPath = path === "/" ? null : path.slice(0, path.lastIndexOf("/")) || "/";
    const summary: ResourceSummary = {
      id: path,
      parentId: parentPath === null ? null : ensure(parentPath).id,
      pathPart: path === "/" ? "" : path.slice(path.lastIndexOf("/") + 1),
      path,
      methods: [],
    };
    byPath.set(path, summary);
    return summary;
  };
  ensure("/");
  for (const resource of resources) {
    const summary = ensure(resource.path);
    summary.methods = [...new Set([...summary.methods, ...resource.methods])];
  }
  return buildResourceTree([...byPath.values()]);
}

/** What an overwrite removes: resources and methods the API has that the document does not. */
export function overwriteLosses(current: ResourceSummary[], incoming: PreviewResource[]): { resources: string[]; methods: string[] } {
  const kept = new Map<string, Set<string>>();
  for (const node of flatten(buildPreviewTree(incoming))) kept.set(node.path, new Set(node.methods));
  const resources: string[] = [];
  const methods: string[] = [];
  for (const resource of [...current].sort((a, b) => a.path.localeCompare(b.path))) {
    const keptMethods = kept.get(resource.path);
    if (!keptMethods) resources.push(resource.path);
    for (const method of resource.methods) {
      if (!keptMethods?.has(method)) methods.push(`${method} ${resource.path}`);
    }
  }
  return { resources, methods };
}

function flatten(nodes: ResourceNode[]): ResourceNode[] {
  return nodes.flatMap((node) => [node, ...flatten(node.children)]);
}
