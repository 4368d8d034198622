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
 * Thrown when a document cannot be imported. It carries every problem found,
 * so that an editor can mark all of them at once.
 */
export class InvalidDocumentError extends Error {
  readonly problems: DocumentProblem[];

  constructor(message: string, problems: DocumentProblem[]) {
    super(message);
    this.name = "InvalidDocumentError";
    this.problems = problems;
  }
}

export function isInvalidDocumentError(error: unknown): error is InvalidDocumentError {
  return error instanceof InvalidDocumentError;
}
