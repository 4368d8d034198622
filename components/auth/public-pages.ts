/** Console pages anyone may open: everything else needs a signed-in user. */
export const PUBLIC_PAGES = ["/sign-in", "/setup", "/invitations/accept"] as const;

export function isPublicPage(pathname: string): boolean {
  return PUBLIC_PAGES.some((page) => pathname === page || pathname.startsWith(`${page}/`));
}
