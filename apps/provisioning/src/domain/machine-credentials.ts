import { err, ok, type Result } from '@rental/result';
import { type InvalidSshPublicKey, parseSshPublicKey } from './ssh-public-key';

/** How the customer asked to log in, at order time. */
export type RequestedCredentials = { readonly kind: 'ssh_key'; readonly publicKey: string } | { readonly kind: 'root_password' };

/**
 * What the machine keeps. A password is never kept, only when it was handed out (in the
 * `machine.running` event), so a leaked database does not leak a way into customers' machines.
 */
export type StoredCredentials = { readonly kind: 'ssh_key'; readonly publicKey: string } | { readonly kind: 'root_password'; readonly issuedAt: Date | null };

/** What the datacentre driver needs to install the image. */
export type InstallCredentials = { readonly kind: 'ssh_key'; readonly publicKey: string } | { readonly kind: 'root_password'; readonly rootPassword: string };

/** What the customer is told once the machine runs; the password appears here and nowhere else. */
export type DeliveredCredentials = { readonly kind: 'ssh_key' } | { readonly kind: 'root_password'; readonly rootPassword: string };

/** Checks the request and keeps the key as one normalised authorized_keys line. */
export function credentialsToStore(requested: RequestedCredentials): Result<StoredCredentials, InvalidSshPublicKey> {
  if (requested.kind === 'root_password') return ok({ kind: 'root_password', issuedAt: null });
  const key = parseSshPublicKey(requested.publicKey);
  return key.ok ? ok({ kind: 'ssh_key', publicKey: key.value.line }) : err(key.error);
}
