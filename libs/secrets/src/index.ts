export { keyIdOf, openSealedSecret, SEALING_SCHEME, sealSecret, SealedSecretError } from './sealed-secret';
export type { SealedSecret } from './sealed-secret';
export { DEVELOPMENT_SECRETS_PRIVATE_KEY, DEVELOPMENT_SECRETS_PUBLIC_KEY, isDevelopmentKey, readSealingKey, sealingKeySetting } from './sealing-keys';
