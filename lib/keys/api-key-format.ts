import { createHash, randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";

/**
 * Portico's API key format, in the manner of GitHub's tokens:
 *
 *   ptk_ + 30 base62 characters of randomness + 6 base62 characters of CRC32
 *
 * - The fixed `ptk_` prefix lets secret scanners recognise a leaked key.
 * - 30 base62 characters carry 178 bits from the system's CSPRNG (more than
 *   the 160 bits we promise), so keys cannot be guessed.
 * - The CRC32 of prefix and body lets anyone (the console, the gateway, a
 *   scanner) reject a mistyped or truncated key without a lookup, and keeps
 *   scanners' false positives low. It is not a secret and adds no strength.
 */
export const API_KEY_PREFIX = "ptk_";
export const API_KEY_BODY_LENGTH = 30;
export const API_KEY_CHECKSUM_LENGTH = 6;
export const API_KEY_LENGTH = API_KEY_PREFIX.length + API_KEY_BODY_LENGTH + API_KEY_CHECKSUM_LENGTH;
/** Characters shown in the console to tell keys apart: the prefix and 8 random characters. */
export const DISPLAY_PREFIX_LENGTH = API_KEY_PREFIX.length + 8;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const WELL_FORMED = new RegExp(`^${API_KEY_PREFIX}[0-9A-Za-z]{${API_KEY_BODY_LENGTH + API_KEY_CHECKSUM_LENGTH}}$`);

// 248 is the largest multiple of 62 below 256: bytes at or above it are
// dropped so that every character is equally likely (no modulo bias).
const UNBIASED_BYTE_LIMIT = 248;

function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= UNBIASED_BYTE_LIMIT) continue;
      out += BASE62[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** Fixed-width base62 of an unsigned 32-bit number (62^6 > 2^32). */
function checksumOf(payload: string): string {
  let value = crc32(payload);
  let out = "";
  for (let i = 0; i < API_KEY_CHECKSUM_LENGTH; i += 1) {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

/** A new random API key in Portico's format. Show it once; store only `hashApiKeyValue(key)`. */
export function generateApiKey(): string {
  const payload = API_KEY_PREFIX + randomBase62(API_KEY_BODY_LENGTH);
  return payload + checksumOf(payload);
}

/**
 * True when `value` has the prefix, the length, the alphabet and a matching
 * checksum of a Portico key. Cheap (no hashing): callers can refuse typos
 * before any lookup.
 */
export function isWellFormedApiKey(value: string): boolean {
  if (value.length !== API_KEY_LENGTH || !WELL_FORMED.test(value)) return false;
  const payload = value.slice(0, API_KEY_LENGTH - API_KEY_CHECKSUM_LENGTH);
  return checksumOf(payload) === value.slice(API_KEY_LENGTH - API_KEY_CHECKSUM_LENGTH);
}

/** SHA-256 (lowercase hex) of a key's plaintext: the only form the console stores and pushes. */
export function hashApiKeyValue(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/**
 * The part of a key the console may show. Portico keys show their prefix and
 * 8 random characters (48 bits: enough to tell keys apart, far too few to
 * help a guess). Imported keys of another format show only their first 4
 * characters, since their length and alphabet are unknown.
 */
export function displayPrefixOf(value: string): string {
  return value.startsWith(API_KEY_PREFIX) ? value.slice(0, DISPLAY_PREFIX_LENGTH) : value.slice(0, 4);
}
