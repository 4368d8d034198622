import { createHash, randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";

/**
 * Portico's format for secrets handed to people (API keys, console API
 * tokens, session and invitation codes), in the manner of GitHub's tokens:
 *
 *   <prefix> + 30 base62 characters of randomness + 6 base62 characters of CRC32
 *
 * - A fixed prefix per kind lets secret scanners recognise a leaked secret
 *   and tell which kind it is.
 * - 30 base62 characters carry 178 bits from the system's CSPRNG (more than
 *   the 160 bits we promise), so secrets cannot be guessed.
 * - The CRC32 of prefix and body lets anyone reject a mistyped or truncated
 *   secret without a lookup, and keeps scanners' false positives low. It is
 *   not a secret and adds no strength.
 */
export const SECRET_BODY_LENGTH = 30;
export const SECRET_CHECKSUM_LENGTH = 6;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

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
  for (let i = 0; i < SECRET_CHECKSUM_LENGTH; i += 1) {
    out = BASE62[value % 62] + out;
    value = Math.floor(value / 62);
  }
  return out;
}

export type SecretFormat = {
  prefix: string;
  length: number;
  /** Characters shown to tell secrets apart: the prefix and 8 random characters (48 bits, far too few to help a guess). */
  displayPrefixLength: number;
  /** A new random secret. Show it once; store only `hash(secret)`. */
  generate(): string;
  /** Prefix, length, alphabet and checksum match. Cheap (no hashing): refuse typos before any lookup. */
  isWellFormed(value: string): boolean;
};

export function secretFormat(prefix: string): SecretFormat {
  const length = prefix.length + SECRET_BODY_LENGTH + SECRET_CHECKSUM_LENGTH;
  const wellFormed = new RegExp(`^${prefix}[0-9A-Za-z]{${SECRET_BODY_LENGTH + SECRET_CHECKSUM_LENGTH}}$`);
  return {
    prefix,
    length,
    displayPrefixLength: prefix.length + 8,
    generate() {
      const payload = prefix + randomBase62(SECRET_BODY_LENGTH);
      return payload + checksumOf(payload);
    },
    isWellFormed(value) {
      if (value.length !== length || !wellFormed.test(value)) return false;
      const payload = value.slice(0, length - SECRET_CHECKSUM_LENGTH);
      return checksumOf(payload) === value.slice(length - SECRET_CHECKSUM_LENGTH);
    },
  };
}

/** SHA-256 (lowercase hex) of a secret's plaintext: the only form Portico stores. */
export function hashSecret(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}
