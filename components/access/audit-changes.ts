/** One line of an audit event's changes: a field and its value, or its value before and after. */
export type ChangeLine = { field: string; before?: string; after: string };

function show(value: unknown): string {
  if (value === null || value === undefined) return "—";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function isBeforeAfter(value: unknown): value is { before: unknown; after: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    "before" in value &&
    "after" in value &&
    Object.keys(value).length === 2
  );
}

/**
 * An event's changes as lines to read: settings changes are recorded as
 * `{ field: { before, after } }`, other events carry plain details (a new
 * key's name and prefix), shown as values.
 */
export function changeLines(changes: Record<string, unknown>): ChangeLine[] {
  return Object.entries(changes).map(([field, value]) =>
    isBeforeAfter(value) ? { field, before: show(value.before), after: show(value.after) } : { field, after: show(value) },
  );
}
