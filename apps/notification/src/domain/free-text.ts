/** The longest line a template takes (see singleLine in templates/input-schemas). */
export const MAX_LINE_LENGTH = 200;

const BREAKS = /[\s\p{Cc}\p{Zl}\p{Zp}]+/gu;
const ELLIPSIS = '…';

/**
 * Another service's free text (a provider's decline reason, a driver's error) as one line a mail can
 * quote: line breaks and control characters become spaces and an overlong text is cut with an
 * ellipsis, because a reason that does not fit must still not cost the customer the whole mail.
 * Undefined when nothing is left to say. Cut by code point, so no character is split in half.
 */
export function toOneLine(text: string, maxLength = MAX_LINE_LENGTH): string | undefined {
  const line = text.replace(BREAKS, ' ').trim();
  if (line === '') return undefined;
  if (line.length <= maxLength) return line;
  let cut = '';
  for (const character of line) {
    if (cut.length + character.length > maxLength - ELLIPSIS.length) break;
    cut += character;
  }
  return `${cut.trimEnd()}${ELLIPSIS}`;
}
