import type { ImportReportEntry } from "@/lib/openapi/model";

const ORDER: Array<ImportReportEntry["outcome"]> = ["applied", "emulated", "ignored", "unsupported", "skipped"];

/** "12 applied, 2 emulated, 1 ignored": the report in one line, outcomes with no entries left out. */
export function summarizeReport(report: ImportReportEntry[]): string {
  const counts = new Map<string, number>();
  for (const entry of report) counts.set(entry.outcome, (counts.get(entry.outcome) ?? 0) + 1);
  const parts = ORDER.filter((outcome) => counts.has(outcome)).map((outcome) => `${counts.get(outcome)} ${outcome}`);
  return parts.length > 0 ? `Report: ${parts.join(", ")}.` : "The report is empty.";
}
