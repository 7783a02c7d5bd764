export { err, ok } from './result';
export type { Result } from './result';
