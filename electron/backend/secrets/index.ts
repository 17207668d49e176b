export type { SecretStore } from './store';
export { MAX_SECRET_BYTES } from './store';
export { MemorySecretStore } from './memoryStore';
export { KeytarSecretStore, DEFAULT_KEYCHAIN_SERVICE, type KeychainProbe, type KeytarLike, type KeytarSecretStoreOptions } from './keytarStore';
export { EncryptedFileSecretStore, MIN_PASSPHRASE_LENGTH, SECRETS_FILE_FORMAT, SECRETS_FILE_VERSION } from './encryptedFileStore';
export { SecretVault, SECRETS_FILE_NAME, BACKEND_PREFERENCE_FILE_NAME, type SecretVaultOptions, type VaultStatus, type VaultBackend } from './vault';
export { KeychainUnavailableError, SecretsLockedError, WrongPassphraseError, diagnoseKeychainError, type KeychainProblem } from './errors';
export { accountFor, environmentAccountPrefix, parseAccount, NGROK_AUTHTOKEN_ACCOUNT, type ParsedAccount, type SecretPurpose } from './accounts';
