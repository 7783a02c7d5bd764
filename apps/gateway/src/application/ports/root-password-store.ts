import type { Transaction } from '@rental/persistence';
import type { SealedSecret } from '@rental/secrets';

/** What the reveal needs to know about a machine's root password. */
export interface RootPasswordSlot {
  accessMethod: 'password' | 'ssh-key';
  /** Null once revealed or once the machine was wiped. */
  sealed: SealedSecret | null;
  revealedAt: Date | null;
  deprovisionedAt: Date | null;
}

/** The sealed root passwords of machines, until each is revealed once. */
export abstract class RootPasswordStore {
  /** The machine of one of the customer's orders, locked until the transaction ends; null when there is none. */
  abstract lock(tx: Transaction, customerId: string, orderId: string, machineId: string): Promise<RootPasswordSlot | null>;
  /** Erases the sealed password: it has been shown. */
  abstract markRevealed(tx: Transaction, machineId: string, at: Date): Promise<void>;
}
