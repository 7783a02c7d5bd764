import { DeadLetterHeader, type DeadLetterReason } from '@rental/contracts';
import type { KafkaMessage } from 'kafkajs';

export { DeadLetterHeader, type DeadLetterReason };

/** What a redacted field's value becomes. */
export const REDACTED = '[redacted]';

/**
 * A field or word that names a secret, whatever its case and spelling: password, rootPassword,
 * root_password, secret, token, privateKey, private-key, apiKey, credentials... Over-matching
 * (a passwordIssuedAt) costs a field of a dead letter; under-matching would cost a secret.
 */
const SECRET_NAME = /pass(?:word|wd)|secret|token|private[-_]?key|api[-_]?key|credential/i;

/** A secret-named field with its value, in free text: JSON-quoted (`"token":"x"`) or `apiKey=x`. */
const SECRET_IN_TEXT = (() => {
  const name = String.raw`[\w-]*(?:${SECRET_NAME.source})[\w-]*`;
  return new RegExp(String.raw`("${name}"\s*:\s*|\b${name}=)("(?:[^"\\]|\\.)*"|[^\s,;}\]]+)`, 'gi');
})();

export interface DeadLetter {
  reason: DeadLetterReason;
  detail: string;
  topic: string;
  partition: number;
  message: KafkaMessage;
  consumer: string;
  failedAt: Date;
}

export function deadLetterMessage(letter: DeadLetter): {
  key: Buffer | null;
  value: Buffer | null;
  headers: Record<string, string | Buffer | (string | Buffer)[]>;
} {
  const original: Record<string, string | Buffer | (string | Buffer)[]> = {};
  for (const [name, value] of Object.entries(letter.message.headers ?? {})) {
    if (value !== undefined) original[name] = value;
  }
  const { value, redacted } = redactSecrets(letter.message.value);
  return {
    key: letter.message.key,
    value,
    headers: {
      ...original,
      [DeadLetterHeader.reason]: letter.reason,
      // Header values are bytes on the wire; keep a runaway validation message from bloating them.
      [DeadLetterHeader.detail]: [...redactSecretsInText(letter.detail)].slice(0, 2_000).join(''),
      [DeadLetterHeader.topic]: letter.topic,
      [DeadLetterHeader.partition]: String(letter.partition),
      [DeadLetterHeader.offset]: letter.message.offset,
      [DeadLetterHeader.consumer]: letter.consumer,
      [DeadLetterHeader.failedAt]: letter.failedAt.toISOString(),
      ...(redacted === undefined ? {} : { [DeadLetterHeader.redacted]: redacted }),
    },
  };
}

/**
 * A dead letter is kept for as long as its topic's retention and read by operators, so it must not
 * hold a secret the original message carried (a root password of a v1 machine.running, a token).
 * A JSON value keeps its shape with every field that names a secret replaced by "[redacted]",
 * however deep; a value that is not JSON cannot be taken apart, so it is dropped whole when it so
 * much as mentions a secret (a truncated `{"rootPassword":"...`), and kept byte for byte otherwise,
 * like any value without secrets.
 */
export function redactSecrets(value: Buffer | null): { value: Buffer | null; redacted?: 'fields' | 'value' } {
  if (value === null) return { value };
  const text = value.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return SECRET_NAME.test(text) ? { value: null, redacted: 'value' } : { value };
  }
  let found = false;
  const redact = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(redact);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([name, field]) => {
        if (!SECRET_NAME.test(name)) return [name, redact(field)];
        found = true;
        return [name, REDACTED];
      }),
    );
  };
  const redacted = redact(parsed);
  return found ? { value: Buffer.from(JSON.stringify(redacted)), redacted: 'fields' } : { value };
}

/**
 * `"rootPassword":"x"` (JSON quoted in an error's message) and `apiKey=x` in free text, with the
 * value replaced. A bare `name: text` is left alone: that is how a contract violation names the
 * field at fault ("access.rootPassword: Too small"), which an operator needs to read.
 */
export function redactSecretsInText(text: string): string {
  return text.replace(SECRET_IN_TEXT, (_, prefix: string) => `${prefix}"${REDACTED}"`);
}
