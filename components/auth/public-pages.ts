/**
 * Console pages anyone may open: everything else needs a signed-in user. The
 * developer portal (/portal) is no console page: it has its own sign-in and
 * its own shell.
 */
export const PUBLIC_PAGES = ["/sign-in", "/setup", "/invitations/accept", "/portal"] as const;

/** Portal pages open without a consumer session; the rest send the browser to the portal's sign-in. */
export const PORTAL_PUBLIC_PAGES = ["/portal/sign-in", "/portal/sign-up", "/portal/verify"] as const;

export function isPortalPage(pathname: string): boolean {
  return pathname === "/portal" || pathname.startsWith("/portal/");
}

export function isPublicPage(pathname: string): boolean {
  return PUBLIC_PAGES.some((page) => pathname === page || pathname.startsWith(`${page}/`));
}

export function isPortalPublicPage(pathname: string): boolean {
  return PORTAL_PUBLIC_PAGES.some((page) => pathname === page || pathname.startsWith(`${page}/`));
}
