export const SANDBOX_CONFIG = Symbol('SANDBOX_CONFIG');
