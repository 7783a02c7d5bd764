/** The DatacentreDriver the machine job worker uses: the simulated one today, a real one by swapping the provider. */
export const DATACENTRE_DRIVER = Symbol('DATACENTRE_DRIVER');

/** The randomness root passwords are drawn from (node:crypto's randomInt outside tests). */
export const RANDOM_INT = Symbol('RANDOM_INT');
