/**
 * What is wrong with an OpenAPI document, and where. The pointer is a JSON
 * pointer into the document ("/paths/~1pets/get"); line and column are
 * 1-based positions in the source text when they are known.
 */
export interface DocumentProblem {
  pointer?: string;
  line?: number;
  column?: number;
  message: string;
}

/**
 * The one error for a document that cannot be imported, wherever it is
 * refused: parsing, validation, the import's own checks, the route (which
 * answers 400 invalid_document with the problems as details) and the console,
 * which rebuilds it from that answer. It carries every problem found, so that
 * an editor can mark all of them at once.
 */
export class DocumentRejectedError extends Error {
  readonly problems: DocumentProblem[];

  constructor(message: string, problems: DocumentProblem[]) {
    super(message);
    this.name = "DocumentRejectedError";
    this.problems = problems;
  }
}

export function isDocumentRejectedError(error: unknown): error is DocumentRejectedError {
  return error instanceof DocumentRejectedError;
}
