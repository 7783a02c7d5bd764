import { err, ok, type Result } from '@rental/result';
import type { z } from 'zod';
import type { Language } from '../language';
import type { MessageKind } from '../message-kind';
import type { RenderedMessage } from './compose';

export type { RenderedMessage } from './compose';

/** What was wrong with the input, by path ("period.end"): the rule broken, never the value given. */
export interface InputIssue {
  readonly path: string;
  readonly message: string;
}

export interface InvalidInput {
  readonly reason: 'invalid_input';
  readonly kind: MessageKind;
  readonly issues: readonly InputIssue[];
}

/** A template as the renderer sees it, whatever its input: untrusted input in, a mail or a refusal out. */
export interface RenderableTemplate {
  readonly kind: MessageKind;
  render(language: Language, input: unknown): Result<RenderedMessage, InvalidInput>;
}

/** One kind of mail: the schema of its input and a pure renderer per language for input that passed it. */
export interface Template<K extends MessageKind, S extends z.ZodType> extends RenderableTemplate {
  readonly kind: K;
  readonly input: S;
  readonly languages: Readonly<Record<Language, (input: z.output<S>) => RenderedMessage>>;
}

export function defineTemplate<K extends MessageKind, S extends z.ZodType>(
  kind: K,
  input: S,
  languages: Readonly<Record<Language, (input: z.output<S>) => RenderedMessage>>,
): Template<K, S> {
  return Object.freeze({
    kind,
    input,
    languages: Object.freeze({ ...languages }),
    render(language: Language, untrusted: unknown): Result<RenderedMessage, InvalidInput> {
      const parsed = input.safeParse(untrusted);
      if (!parsed.success) {
        // Only path and message: zod can be asked to echo the input, and the input may hold a password.
        const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
        return err({ reason: 'invalid_input', kind, issues });
      }
      return ok(languages[language](parsed.data));
    },
  });
}
