/** A portal path to go to after signing in; anything else (the console, another site) becomes /portal. */
export function safePortalNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/portal") || next.startsWith("//")) return "/portal";
  return next;
}
