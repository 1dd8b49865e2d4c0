import http from "node:http";
import https from "node:https";

// Every proxy appends the address it received a request from to X-Forwarded-For; the app server
// does the same for its own socket, so the last entry is always the real peer and a client cannot
// choose the address it is throttled under (lib/shared/client-ip.ts counts trusted proxies from the
// right). Next.js only fills the header when it is absent, which would leave a client's own value
// as the last entry. Installed once per server process by instrumentation.ts.

/** Pure: the header value after the server appended its peer (an unknown peer is written "unknown"). */
export function appendPeer(forwardedFor: string | string[] | undefined, peer: string | undefined): string {
  const prior = Array.isArray(forwardedFor) ? forwardedFor.join(", ") : forwardedFor;
  const self = peer || "unknown";
  return prior?.trim() ? `${prior}, ${self}` : self;
}

const INSTALLED = Symbol.for("crm.forwardedFor.installed");
const APPENDED = Symbol.for("crm.forwardedFor.appended");

/** Makes every HTTP(S) server of this process append the socket's peer before any handler runs. */
export function installPeerForwarding(): void {
  for (const Server of [http.Server, https.Server]) {
    const proto = Server.prototype as unknown as Record<symbol, unknown> & { emit: (event: string | symbol, ...args: unknown[]) => boolean };
    if (proto[INSTALLED]) continue;
    proto[INSTALLED] = true;
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      const req = args[0] as (http.IncomingMessage & { [APPENDED]?: true }) | undefined;
      if (event === "request" && req?.headers && !req[APPENDED]) {
        req[APPENDED] = true;
        req.headers["x-forwarded-for"] = appendPeer(req.headers["x-forwarded-for"], req.socket?.remoteAddress);
      }
      return emit.call(this, event, ...args);
    };
  }
}
