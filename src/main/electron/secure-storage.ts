// The app's own secrets at rest (none of the AWS files: those belong to the AWS tools and keep
// their own format). Encrypted with the OS keychain through safeStorage; on Linux without a
// keyring safeStorage would use a fixed key, so nothing is stored unless the user agreed.
import { safeStorage } from 'electron';
import { secretStorageDecision, type SecretStorageDecision } from '../core/security';

export function currentSecretStorageDecision(
  userConsentedPlaintext: boolean,
): SecretStorageDecision {
  const platform = process.platform;
  const backend = platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  return secretStorageDecision({
    platform,
    backend,
    encryptionAvailable: safeStorage.isEncryptionAvailable(),
    userConsentedPlaintext,
  });
}

export interface SecretBox {
  /** null when the app must not persist secrets here (see the decision). */
  seal(plaintext: string): Buffer | null;
  open(sealed: Buffer): string | null;
}

export function secretBox(userConsentedPlaintext: () => boolean): SecretBox {
  return {
    seal(plaintext) {
      const decision = currentSecretStorageDecision(userConsentedPlaintext());
      if (!decision.store) return null;
      return decision.encrypted
        ? safeStorage.encryptString(plaintext)
        : Buffer.concat([Buffer.from('plain:'), Buffer.from(plaintext, 'utf8')]);
    },
    open(sealed) {
      try {
        if (sealed.subarray(0, 6).toString() === 'plain:') {
          return userConsentedPlaintext() ? sealed.subarray(6).toString('utf8') : null;
        }
        return safeStorage.decryptString(sealed);
      } catch {
        return null;
      }
    },
  };
}
