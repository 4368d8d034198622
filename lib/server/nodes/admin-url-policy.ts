// Which admin URLs a node may announce when it registers. A node that holds
// the registration token could otherwise point the console at any address
// (another team's service, a cloud metadata endpoint) and have it send
// snapshots and requests there. Unless configured, only this machine.

const LOOPBACK_PATTERNS = ["http://127.0.0.1:*", "http://localhost:*", "http://[::1]:*"];

function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .replace(/\/+$/, "")
    .split("*")
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^/?#]*");
  return new RegExp(`^${escaped}$`, "i");
}

/** True when `adminUrl` (scheme, host, port and path, without a trailing slash) matches one of the patterns; loopback when there are none. */
export function isAllowedAdminUrl(adminUrl: string, patterns: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(adminUrl);
  } catch {
    return false;
  }
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") return false;
  const candidate = `${url.protocol}//${url.host}${url.pathname}`.replace(/\/+$/, "");
  const list = patterns.length > 0 ? patterns : LOOPBACK_PATTERNS;
  return list.some((pattern) => patternToRegExp(pattern).test(candidate) || patternToRegExp(pattern).test(`${candidate}:`));
}
