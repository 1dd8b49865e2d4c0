import "server-only";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type AddressObject } from "mailparser";
import { maskEmail } from "@/lib/pii/mask";

// The demo's and the tests' SMTP server (issue 22): a real smtp-server on a local port, so e-mails
// take the real path (nodemailer → SMTP) and land here as .eml files. Demo mode only (never in
// production mode: lib/messaging/adapters.ts starts it only there, the admin page lists it only there).
// Each app process starts its own on a free port when it first sends an e-mail; they all keep the
// mails in the same folder, which the admin page reads.

const KEEP = 500;
/** The folder is trimmed to KEEP at start and every PRUNE_EVERY mails (not on each: listing it costs). */
const PRUNE_EVERY = 100;
const MAX_MESSAGE_BYTES = 1_000_000;

export interface LocalSmtp {
  url: string;
  dir: string;
  stop: () => Promise<void>;
}

export function defaultMailboxDir(configured?: string): string {
  return path.resolve(configured || path.join(".data", "mailbox"));
}

/** Starts an SMTP server on 127.0.0.1 (port 0: a free one) that writes every mail into `dir`. */
export async function startLocalSmtp(opts: { dir: string; port?: number }): Promise<LocalSmtp> {
  await fs.mkdir(opts.dir, { recursive: true });
  await prune(opts.dir);
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    size: MAX_MESSAGE_BYTES,
    banner: "CRM local mailbox (demo)",
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded) return callback(Object.assign(new Error("too big"), { responseCode: 552 }));
        const name = `${Date.now().toString().padStart(15, "0")}-${crypto.randomBytes(4).toString("hex")}.eml`;
        fs.writeFile(path.join(opts.dir, name), Buffer.concat(chunks), { mode: 0o600 })
          .then(() => (++received % PRUNE_EVERY === 0 ? prune(opts.dir) : undefined))
          .then(() => callback(), callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  // The demo's server must not keep a process (a test worker, a script) alive on its own.
  server.server.unref();
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    dir: opts.dir,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function prune(dir: string): Promise<void> {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith(".eml")).sort();
  await Promise.all(files.slice(0, Math.max(0, files.length - KEEP)).map((f) => fs.rm(path.join(dir, f), { force: true })));
}

export interface MailboxEntry {
  id: string;
  subject: string;
  /** Masked: the mailbox is a screen like any other. */
  to: string;
  receivedAt: Date;
  body: string;
}

function addresses(to: AddressObject | AddressObject[] | undefined): string[] {
  const list = Array.isArray(to) ? to : to ? [to] : [];
  return list.flatMap((a) => a.value.map((v) => v.address ?? "")).filter(Boolean);
}

/** The newest `limit` mails in `dir`, parsed (an absent folder is an empty mailbox). */
export async function listMailbox(dir: string, limit = 20): Promise<MailboxEntry[]> {
  let files: string[];
  try {
    files = (await fs.readdir(dir)).filter((f) => /^\d{15}-[0-9a-f]{8}\.eml$/.test(f));
  } catch {
    return [];
  }
  const newest = files.sort().reverse().slice(0, limit);
  return Promise.all(
    newest.map(async (f) => {
      const mail = await simpleParser(await fs.readFile(path.join(dir, f)));
      return {
        id: f.replace(/\.eml$/, ""),
        subject: mail.subject ?? "",
        to: addresses(mail.to).map(maskEmail).join(", "),
        receivedAt: new Date(Number(f.slice(0, 15))),
        body: (mail.text ?? "").trim().slice(0, 2000),
      };
    }),
  );
}
