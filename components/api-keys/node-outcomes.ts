import type { NodeOutcome } from "@/lib/schemas/usage-plan";

/** One line about propagation for a toast: every node applied it, or which did not. */
export function describeNodeOutcomes(nodes: NodeOutcome[]): string {
  if (nodes.length === 0) return "No gateway node is configured; the change applies when a node connects.";
  const failed = nodes.filter((node) => node.status !== "applied" && node.status !== "ok");
  if (failed.length === 0) {
    const slowest = Math.max(...nodes.map((node) => node.ms ?? 0));
    return `Applied on ${nodes.length} gateway node${nodes.length === 1 ? "" : "s"} in ${slowest} ms.`;
  }
  return `Not applied on ${failed.map((node) => `${node.name} (${node.error ?? node.status})`).join(", ")}; those nodes keep the previous keys until the next change reaches them.`;
}
