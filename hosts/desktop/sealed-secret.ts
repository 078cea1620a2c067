/**
 * The desktop's way of keeping the installation key: Electron's safeStorage (DPAPI on
 * Windows, the keychain on macOS, libsecret/kwallet on Linux). Where the OS offers no
 * real encryption (Linux without a keyring reports the 'basic_text' backend, which is a
 * fixed key), the key stays in the 0600 key file instead of pretending to be sealed.
 */
import { safeStorage } from 'electron';
import type { SecretSealer } from '../../db/platform/crypto/secret.js';

export function safeStorageSealer(): SecretSealer | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    seal: (plain) => safeStorage.encryptString(plain.toString('utf8')),
    open: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'utf8'),
  };
}
