import { createHash, randomBytes, randomUUID } from 'node:crypto';

const VERIFIER_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

/** A 64-character PKCE code verifier from the RFC 7636 unreserved alphabet, without bias. */
export function createCodeVerifier(length = 64): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      // 66 symbols; 256 - 256 % 66 = 198 keeps every symbol equally likely.
      if (b < 198 && out.length < length) out += VERIFIER_CHARS[b % VERIFIER_CHARS.length];
    }
  }
  return out;
}

/** The S256 code challenge: base64url(SHA-256(verifier)) without padding. */
export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function createState(): string {
  return randomUUID();
}
