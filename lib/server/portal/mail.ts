import "server-only";

import nodemailer from "nodemailer";

import { env } from "@/lib/env";

// The portal's mail (verification links, invitations, decisions on
// subscriptions) goes through SMTP_URL when it is set. Without it nothing is
// mailed: sign-up needs no verification, and admins see the links in the
// console to pass on themselves.

type Transport = ReturnType<typeof nodemailer.createTransport>;
let transport: Transport | undefined;

export function mailConfigured(): boolean {
  return env.SMTP_URL !== undefined;
}

/**
 * Sends one plain-text message; false when no SMTP server is configured or
 * the server refused it (logged: a lost notice must not undo the change it
 * reports).
 */
export async function sendMail({ to, subject, text }: { to: string; subject: string; text: string }): Promise<boolean> {
  if (env.SMTP_URL === undefined) return false;
  transport ??= nodemailer.createTransport(env.SMTP_URL);
  try {
    await transport.sendMail({ from: env.SMTP_FROM, to, subject, text });
    return true;
  } catch (error) {
    console.error(`Could not mail "${subject}" to ${to}: ${(error as Error).message}`);
    return false;
  }
}
