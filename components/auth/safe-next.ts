/** A console path to go to after signing in; anything else (another site, a protocol-relative URL) becomes /apis. */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/apis";
  return next;
}
