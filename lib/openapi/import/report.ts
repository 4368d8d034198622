import type { ImportReportEntry } from "../model";

/**
 * What the import did with each part of the document, in document order:
 * applied, emulated, ignored or unsupported, each at its JSON pointer.
 */
export class ImportReport {
  readonly entries: ImportReportEntry[] = [];

  add(pointer: string, feature: string, outcome: ImportReportEntry["outcome"], message: string): void {
    this.entries.push({ pointer, feature, outcome, message });
  }
}
