// `${stageVariables.name}` in integration URIs, Lambda targets and mapping
// sources: the one grammar the console checks and the gateway resolves.

/** A stage variable reference; the name is group 1. Global: use with replace or matchAll. */
export const STAGE_VARIABLE_REFERENCE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g;

/** Names a text refers to, in order (repeats kept). */
export function stageVariableNames(text: string): string[] {
  return [...text.matchAll(STAGE_VARIABLE_REFERENCE)].map((match) => match[1]);
}

/**
 * Replaces every reference with the stage's value; `missing` is called for
 * a variable the stage does not define and must throw the caller's error.
 */
export function resolveStageVariables(text: string, variables: Readonly<Record<string, string>>, missing: (name: string) => never): string {
  return text.replace(STAGE_VARIABLE_REFERENCE, (_match, name: string) => variables[name] ?? missing(name));
}

/** Replaces every reference with the same stand-in, to check a text's shape before any stage exists. */
export function fillStageVariables(text: string, standIn: string): string {
  return text.replace(STAGE_VARIABLE_REFERENCE, standIn);
}
