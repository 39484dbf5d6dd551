// Whether the app may keep a secret of its own at rest (e.g. a cached client registration).
// Electron's safeStorage encrypts with the OS keychain, except on Linux without a keyring where
// it falls back to a hard-coded key ("basic_text"): that is no protection, so the app refuses
// unless the user explicitly agreed.

export type StorageBackend =
  'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown' | 'os'; // macOS Keychain / Windows DPAPI (no backend choice there)

export type SecretStorageDecision =
  | { store: true; encrypted: true }
  | { store: true; encrypted: false; reason: 'user-consented-plaintext' }
  | { store: false; reason: 'encryption-unavailable' | 'weak-backend' };

export function secretStorageDecision(input: {
  platform: NodeJS.Platform;
  encryptionAvailable: boolean;
  backend: StorageBackend;
  userConsentedPlaintext: boolean;
}): SecretStorageDecision {
  const weak =
    input.platform === 'linux' && (input.backend === 'basic_text' || input.backend === 'unknown');
  if (input.encryptionAvailable && !weak) return { store: true, encrypted: true };
  if (input.userConsentedPlaintext)
    return { store: true, encrypted: false, reason: 'user-consented-plaintext' };
  return {
    store: false,
    reason: input.encryptionAvailable ? 'weak-backend' : 'encryption-unavailable',
  };
}
