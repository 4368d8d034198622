/**
 * Escapes LIKE wildcards. Prisma's `startsWith` and `contains` pass the value
 * into a LIKE pattern unescaped, and "_" is legal in path parts: without this,
 * "/a_b/" would also match "/aXb/...".
 */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}
