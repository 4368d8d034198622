import type { ImportReportEntry } from "../model";

/**
 * What the import did with each part of the document, in document order:
 * applied, emulated, ignored, unsupported or skipped, each at its JSON pointer.
 */
export class ImportReport {
  readonly entries: ImportReportEntry[] = [];

  add(pointer: string, feature: string, outcome: ImportReportEntry["outcome"], message: string): void {
    this.entries.push({ pointer, feature, outcome, message });
  }

  /** A warning: something broken or unroutable was left out and the rest imported. The message says what was left out. */
  skip(pointer: string, feature: string, message: string): void {
    this.add(pointer, feature, "skipped", message);
  }
}

/** The report's warnings (outcome skipped), which failOnWarnings turns into a rejection. */
export function warningsOf(report: readonly ImportReportEntry[]): ImportReportEntry[] {
  return report.filter((entry) => entry.outcome === "skipped");
}
