import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer from 'nodemailer';
import type { MailSender, OutgoingMail } from '../application/ports/mail-sender';
import { NOTIFICATION_SETTINGS, type NotificationSettings } from '../notification-settings';

/**
 * Sends mail through an SMTP server (SMTP_HOST:SMTP_PORT) with nodemailer. Pooled connections, as
 * many as the worker sends at once, so a burst of mails does not pay a handshake per mail. Timeouts
 * are bounded because the sender holds a delivery's row lock (and a database connection) while the
 * server answers; a server that hangs costs one attempt, not a stuck worker.
 */
@Injectable()
export class SmtpMailSender implements MailSender, OnApplicationShutdown {
  private readonly transport: ReturnType<typeof createPool>;

  constructor(@Inject(NOTIFICATION_SETTINGS) settings: NotificationSettings) {
    this.transport = createPool(settings);
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transport.sendMail({ to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

function createPool(settings: NotificationSettings) {
  return nodemailer.createTransport(
    {
      pool: true,
      host: settings.smtp.host,
      port: settings.smtp.port,
      // Implicit TLS is port 465's business; elsewhere nodemailer upgrades with STARTTLS when the server offers it.
      secure: settings.smtp.port === 465,
      maxConnections: settings.delivery.concurrency,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    },
    { from: settings.mailFrom },
  );
}
