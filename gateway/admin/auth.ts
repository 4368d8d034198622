import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Bearer-token check in constant time. Both sides are hashed first so the
 * comparison has equal lengths whatever the caller sends: comparing raw
 * strings would reveal the token's length, and `===` its prefix.
 */
export function createTokenCheck(token: string): (authorization: string | undefined) => boolean {
  const expected = createHash("sha256").update(token).digest();
  return (authorization) => {
    if (authorization === undefined || !authorization.startsWith("Bearer ")) return false;
    const given = createHash("sha256").update(authorization.slice("Bearer ".length)).digest();
    return timingSafeEqual(given, expected);
  };
}
