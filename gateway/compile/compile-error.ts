/** A field-level problem found while compiling a document that passed schema validation. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** The document is valid JSON for the contract but cannot be served (e.g. a broken JSON Schema). */
export class CompileError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join("; "));
    this.name = "CompileError";
  }
}
