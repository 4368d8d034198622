/** True when `source` compiles as a JavaScript regular expression (selection patterns, identity validation expressions). */
export function isValidRegExp(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
