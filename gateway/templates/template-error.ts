/** A mapping template that cannot be parsed (at deploy) or that failed while rendering (per request). */
export class TemplateError extends Error {
  constructor(
    message: string,
    /** 1-based, where the parser stopped; absent for errors while rendering. */
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = "TemplateError";
  }
}
