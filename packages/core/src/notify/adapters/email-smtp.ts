/** E-mail over SMTP with nodemailer: plain text, the subject from the template. */
import nodemailer from 'nodemailer';
import type { NotificationAdapter } from '../notify.types.ts';
import { resolveTarget } from '../outbound.ts';

export const emailSmtpAdapter: NotificationAdapter = {
  channel: 'email',
  async send(message, config) {
    if (!config.host || !config.port || !config.from) throw new Error('SMTP 未配置 / SMTP not configured');
    if (!message.address) throw new Error('无收件地址 / no e-mail address');
    // Connect to the address that was checked (after DNS), naming the host for TLS.
    const target = await resolveTarget(config.host, config.port);
    // One connection per message: notifications are few, and a stale pooled connection would fail a send.
    const transport = nodemailer.createTransport({
      host: target.address,
      tls: { servername: config.host },
      port: config.port,
      secure: config.secure ?? config.port === 465,
      auth: config.user ? { user: config.user, pass: config.pass ?? '' } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 15_000,
    });
    try {
      await transport.sendMail({ from: config.from, to: message.address, subject: message.subject, text: message.body });
    } finally {
      transport.close();
    }
  },
};
