import { hashSecret, SECRET_BODY_LENGTH, SECRET_CHECKSUM_LENGTH, secretFormat } from "./secret-format";

/**
 * Portico's API key format (see secret-format.ts):
 *
 *   ptk_ + 30 base62 characters of randomness + 6 base62 characters of CRC32
 */
const apiKeyFormat = secretFormat("ptk_");

export const API_KEY_PREFIX = apiKeyFormat.prefix;
export const API_KEY_BODY_LENGTH = SECRET_BODY_LENGTH;
export const API_KEY_CHECKSUM_LENGTH = SECRET_CHECKSUM_LENGTH;
export const API_KEY_LENGTH = apiKeyFormat.length;
/** Characters shown in the console to tell keys apart: the prefix and 8 random characters. */
export const DISPLAY_PREFIX_LENGTH = apiKeyFormat.displayPrefixLength;

/** A new random API key in Portico's format. Show it once; store only `hashApiKeyValue(key)`. */
export function generateApiKey(): string {
  return apiKeyFormat.generate();
}

/**
 * True when `value` has the prefix, the length, the alphabet and a matching
 * checksum of a Portico key. Cheap (no hashing): callers can refuse typos
 * before any lookup.
 */
export function isWellFormedApiKey(value: string): boolean {
  return apiKeyFormat.isWellFormed(value);
}

/** SHA-256 (lowercase hex) of a key's plaintext: the only form the console stores and pushes. */
export function hashApiKeyValue(value: string): string {
  return hashSecret(value);
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
