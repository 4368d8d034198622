import { NextResponse, type NextRequest } from "next/server";

import { isPortalPage, isPortalPublicPage, isPublicPage } from "@/components/auth/public-pages";
import { isAllowedHost } from "@/lib/http/request-guards";
import { PORTAL_SESSION_COOKIE_NAME, SESSION_COOKIE_NAME } from "@/lib/keys/console-token-format";

// Every console page passes here (the API answers for itself in
// lib/http/with-api-handler.ts): host names the console is not configured
// for are refused (DNS rebinding), a browser without a session is sent to
// sign-in, and each page gets a fresh CSP nonce, which Next.js puts on its
// own scripts.

const DEVELOPMENT = process.env.NODE_ENV === "development";

function contentSecurityPolicy(nonce: string, { portal }: { portal: boolean }): string {
  return [
    "default-src 'self'",
    // React's development build evaluates code; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${DEVELOPMENT ? " 'unsafe-eval'" : ""}`,
    // Monaco and React insert style elements and attributes at run time.
    "style-src 'self' 'unsafe-inline'",
    // Monaco's language workers are bundled scripts of this origin.
    "worker-src 'self' blob:",
    // The portal shows the logo an admin set, which may live on any https site.
    `img-src 'self' data: blob:${portal ? " https:" : ""}`,
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function proxy(request: NextRequest) {
  if (!isAllowedHost(request.headers.get("host"))) {
    return new NextResponse("This host name is not configured for the Portico console (set PUBLIC_CONSOLE_URL).\n", {
      status: 421,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }
  const { pathname, search } = request.nextUrl;
  // The developer portal signs its consumers in on its own page, with its own cookie.
  if (isPortalPage(pathname) && !isPortalPublicPage(pathname) && !request.cookies.has(PORTAL_SESSION_COOKIE_NAME)) {
    const signIn = new URL("/portal/sign-in", request.url);
    if (pathname !== "/portal") signIn.searchParams.set("next", pathname + search);
    return NextResponse.redirect(signIn);
  }
  if (!isPublicPage(pathname) && !request.cookies.has(SESSION_COOKIE_NAME)) {
    const signIn = new URL("/sign-in", request.url);
    if (pathname !== "/") signIn.searchParams.set("next", pathname + search);
    return NextResponse.redirect(signIn);
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const policy = contentSecurityPolicy(nonce, { portal: isPortalPage(pathname) });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  // Pages only: not the API, Next.js's static files or the public folder's files.
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.svg|.*\\.(?:svg|png|ico|txt)$).*)" }],
};
