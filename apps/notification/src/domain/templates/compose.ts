import type { Language } from '../language';
import { escapeHtml } from './html-escape';
import { LOOPBACK_HTTP_URL } from './input-schemas';

/** A mail ready for the sender: a subject and the same content as plain text and as HTML. */
export interface RenderedMessage {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface Fact {
  readonly label: string;
  readonly value: string;
}

/** The pieces a mail is made of. Templates say what to write; only this file decides how it looks. */
export type Block =
  | { readonly type: 'paragraph'; readonly text: string }
  | { readonly type: 'facts'; readonly rows: readonly Fact[] }
  /** A line to copy exactly (a command, a password): monospaced, on its own line. */
  | { readonly type: 'code'; readonly text: string }
  | { readonly type: 'link'; readonly label: string; readonly url: string };

export interface MessageContent {
  readonly subject: string;
  readonly blocks: readonly Block[];
}

export const paragraph = (text: string): Block => ({ type: 'paragraph', text });
export const facts = (...rows: Fact[]): Block => ({ type: 'facts', rows });
export const code = (text: string): Block => ({ type: 'code', text });
export const link = (label: string, url: string): Block => ({ type: 'link', label, url });

const GREETING: Readonly<Record<Language, string>> = { en: 'Dear customer,', nl: 'Beste klant,' };
const SIGN_OFF: Readonly<Record<Language, readonly string[]>> = {
  en: ['Kind regards,', 'The server rental team'],
  nl: ['Met vriendelijke groet,', 'Het serververhuurteam'],
};

// A control character in a subject could end the mail header and start a forged one.
const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * Builds the text and the HTML of one mail from the same blocks, so the two cannot say different
 * things. Every string a template passes in is escaped here, so no template writes HTML and none
 * can forget to escape. The input schemas already refuse what these guards catch: a hit is a bug.
 */
export function compose(language: Language, content: MessageContent): RenderedMessage {
  if (content.subject.trim() === '' || CONTROL_CHARACTER.test(content.subject)) {
    throw new RangeError(`a subject must be one non-empty line (got ${JSON.stringify(content.subject)})`);
  }
  for (const block of content.blocks) {
    if (block.type === 'link' && !block.url.startsWith('https://') && !LOOPBACK_HTTP_URL.test(block.url)) {
      throw new RangeError(`a link must use https, or http on localhost (got ${JSON.stringify(block.url)})`);
    }
  }
  return { subject: content.subject, text: toText(language, content.blocks), html: toHtml(language, content) };
}

function toText(language: Language, blocks: readonly Block[]): string {
  const sections = [GREETING[language], ...blocks.map(blockToText), SIGN_OFF[language].join('\n')];
  return `${sections.join('\n\n')}\n`;
}

function blockToText(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return block.text;
    case 'facts':
      return block.rows.map((row) => `${row.label}: ${row.value}`).join('\n');
    case 'code':
      return `    ${block.text}`;
    case 'link':
      return `${block.label}: ${block.url}`;
  }
}

function toHtml(language: Language, content: MessageContent): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${language}">`,
    `<head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>`,
    '<body>',
    `<p>${escapeHtml(GREETING[language])}</p>`,
    ...content.blocks.map(blockToHtml),
    `<p>${SIGN_OFF[language].map(escapeHtml).join('<br>')}</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function blockToHtml(block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'facts': {
      const rows = block.rows.map((row) => `<tr><th align="left" scope="row">${escapeHtml(row.label)}</th><td>${escapeHtml(row.value)}</td></tr>`);
      return ['<table role="presentation">', ...rows, '</table>'].join('\n');
    }
    case 'code':
      return `<pre><code>${escapeHtml(block.text)}</code></pre>`;
    case 'link':
      return `<p><a href="${escapeHtml(block.url)}">${escapeHtml(block.label)}</a></p>`;
  }
}
