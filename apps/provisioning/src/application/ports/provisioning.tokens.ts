/** The randomness root passwords are drawn from (node:crypto's randomInt outside tests). */
export const RANDOM_INT = Symbol('RANDOM_INT');
