/**
 * Where the machine job worker hears that there is work (WorkNotices): machines committed, or an
 * order asked for its machines back.
 */
export const MACHINE_JOB_NOTICES = Symbol('MACHINE_JOB_NOTICES');
