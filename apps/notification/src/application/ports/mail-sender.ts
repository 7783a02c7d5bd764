/** A mail as it leaves the service: one recipient, a subject, and the same content as text and HTML. */
export interface OutgoingMail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * Hands a mail to a mail server. Resolves once the server has accepted it; rejects with an error
 * whose message says why not (it goes into the delivery log, so it must not quote the mail).
 */
export abstract class MailSender {
  abstract send(mail: OutgoingMail): Promise<void>;
}
