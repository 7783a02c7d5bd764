import { mkdir, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A local SMTP server that accepts every mail and keeps it, for development and tests: the
 * notification service sends to it as it would to a real relay, and a developer (or a test) reads
 * what arrived. No authentication and no TLS: it listens on loopback only and delivers nowhere.
 *
 * Self-contained on purpose (no @rental/* imports): `npm start` and tests load it as it is.
 */

/** What arrived, in the shape of mailparser's ParsedMail, flattened to text. */
export interface ReceivedMail {
  /** The From header as written, e.g. `Rental Platform <no-reply@rental.example>`. */
  readonly from: string;
  /** The To header's addresses, comma-separated. */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** Empty when the mail had no HTML part. */
  readonly html: string;
  /** The Date header, or when the sink received the mail if it had none. */
  readonly date: Date;
}

export interface SmtpSinkOptions {
  /** 0 picks a free port (see SmtpSink.port). */
  readonly port: number;
  /** Default 127.0.0.1: a sink that accepts anything must not be reachable from elsewhere. */
  readonly host?: string;
  /** When given, each mail is also written there as `<timestamp>-<n>.eml` (created if missing). */
  readonly dir?: string;
  /** Called once a mail is stored, e.g. to print it. */
  readonly onMail?: (mail: ReceivedMail, file: string | null) => void;
}

export interface SmtpSink {
  readonly port: number;
  /** Every mail received so far, oldest first (a copy). */
  messages(): ReceivedMail[];
  /** Stops listening and drops open connections; the messages stay readable. */
  stop(): Promise<void>;
}

export async function startSmtpSink(options: SmtpSinkOptions): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  let count = 0;
  if (options.dir) await mkdir(options.dir, { recursive: true });

  const store = async (raw: Buffer): Promise<void> => {
    const number = ++count;
    const arrivedAt = new Date();
    const parsed = await simpleParser(raw);
    const mail: ReceivedMail = {
      from: mailbox(parsed.from),
      to: addresses(parsed.to),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
      date: parsed.date ?? arrivedAt,
    };
    let file: string | null = null;
    if (options.dir) {
      // Colons and dots out of the ISO time, so the name is valid on every file system and sorts by time.
      file = join(options.dir, `${arrivedAt.toISOString().replace(/[:.]/g, '-')}-${number}.eml`);
      await writeFile(file, raw);
    }
    received.push(mail);
    options.onMail?.(mail, file);
  };

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    banner: 'rental platform SMTP sink',
    logger: false,
    // stop() should not wait the default 30 s for a sender's idle pooled connections.
    closeTimeout: 200,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        // Accepted only once stored: a sender told "250 OK" can rely on the mail being in messages().
        store(Buffer.concat(chunks)).then(
          () => callback(),
          (error: Error) => callback(error),
        );
      });
    },
  });

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    port,
    messages: () => [...received],
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The first sender as `Name <address>` (mailparser's own text quotes the name). */
function mailbox(field: AddressObject | undefined): string {
  const first = field?.value[0];
  if (!first) return '';
  return first.name ? `${first.name} <${first.address ?? ''}>` : (first.address ?? '');
}

function addresses(field: AddressObject | AddressObject[] | undefined): string {
  if (!field) return '';
  return (Array.isArray(field) ? field : [field])
    .flatMap((group) => group.value.map((address) => address.address ?? ''))
    .filter(Boolean)
    .join(', ');
}

/**
 * `tsx deploy/local/smtp-sink-cli.ts`: a sink on SMTP_PORT (default 1025) that writes every mail
 * to .local/mail/ (under LOCAL_STATE_DIR when set) and prints each one's subject. Stops on Ctrl-C.
 */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<SmtpSink> {
  const port = env.SMTP_PORT ? Number(env.SMTP_PORT) : 1025;
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`SMTP_PORT must be a port from 1 to 65535 (got "${env.SMTP_PORT}")`);
  const dir = join(env.LOCAL_STATE_DIR || '.local', 'mail');
  const sink = await startSmtpSink({
    port,
    dir,
    onMail: (mail, file) => console.log(`[smtp-sink] "${mail.subject}" -> ${file}`),
  });
  console.log(`[smtp-sink] listening on 127.0.0.1:${sink.port}, writing mail to ${dir}/`);
  const stop = () => void sink.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return sink;
}
