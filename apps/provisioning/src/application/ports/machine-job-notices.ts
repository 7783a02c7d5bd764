import type { NotifiedLoopOptions } from '@rental/persistence';

/**
 * Where the machine job worker hears that there is work: the database, and the channel NOTIFYed
 * when machines commit and when an order asks for its machines back.
 */
export interface MachineJobNotices {
  readonly dataSource: NotifiedLoopOptions['dataSource'];
  readonly channel: string;
}

export const MACHINE_JOB_NOTICES = Symbol('MACHINE_JOB_NOTICES');
