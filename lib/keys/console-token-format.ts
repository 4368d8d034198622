import { secretFormat } from "./secret-format";

/** Console API tokens (`Authorization: Bearer pct_...`): a prefix of their own, so scanners tell them from API keys. */
export const consoleTokenFormat = secretFormat("pct_");

/** Session cookies and one-time codes (setup, invitations): never typed, but checksummed like the rest. */
export const sessionFormat = secretFormat("pcs_");

/** The cookie that carries a browser's session. */
export const SESSION_COOKIE_NAME = "portico_session";
export const oneTimeCodeFormat = secretFormat("pcc_");

/** Developer portal session cookies: a prefix and a cookie of their own, so a consumer's session is never a console session. */
export const portalSessionFormat = secretFormat("pcp_");
export const PORTAL_SESSION_COOKIE_NAME = "portico_portal_session";
