// Open API events (issue 25): the hub query, the back-off, the signature and the internal-address rule.
import { describe, test, expect } from "vitest";
import { eventTypesOfQuery, tmfStatusOf } from "@/lib/api/hub/event-types";
import { afterHubFailure, hubRetryDelaySeconds } from "@/lib/api/hub/schedule";
import { signedHubHeaders, verifyHubSignature } from "@/lib/api/hub/signature";
import { callbackProblem, isInternalAddress } from "@/lib/api/hub/callback";

describe("hub query", () => {
  test.each([
    [
      "troubleTicket",
      undefined,
      ["TroubleTicketCreateEvent", "TroubleTicketStatusChangeEvent", "TroubleTicketAttributeValueChangeEvent", "TroubleTicketResolvedEvent"],
    ],
    ["troubleTicket", "eventType=TroubleTicketStatusChangeEvent", ["TroubleTicketStatusChangeEvent"]],
    ["troubleTicket", "eventType=TroubleTicketResolvedEvent,TroubleTicketCreateEvent", ["TroubleTicketCreateEvent", "TroubleTicketResolvedEvent"]],
    ["troubleTicket", "eventType=troubleticketcreateevent&eventType=TroubleTicketResolvedEvent", ["TroubleTicketCreateEvent", "TroubleTicketResolvedEvent"]],
    ["customer", "eventType in (CustomerCreateEvent)", ["CustomerCreateEvent"]],
    ["customer", "eventType=TroubleTicketCreateEvent", null],
    ["troubleTicket", "eventType=TroubleTicketDeleteEvent", null],
    ["troubleTicket", "status=resolved", null],
    ["troubleTicket", "eventType=", null],
  ] as const)("%s %s", (api, query, expected) => {
    expect(eventTypesOfQuery(api, query)).toEqual(expected);
  });

  test.each([
    ["IN_PROGRESS", "inProgress"],
    ["ACKNOWLEDGED", "acknowledged"],
  ])("status %s is %s", (ours, tmf) => expect(tmfStatusOf(ours)).toBe(tmf));
});

describe("back-off", () => {
  test.each([
    [1, 10],
    [2, 30],
    [3, 120],
    [5, 3600],
    [7, 21600],
    [20, 21600],
  ])("after %i failures wait %i s", (n, s) => expect(hubRetryDelaySeconds(n)).toBe(s));

  test("the 8th failure is DEAD", () => {
    const now = new Date("2026-12-07T00:00:00Z");
    expect(afterHubFailure(0, now)).toEqual({ status: "PENDING", attempts: 1, nextAttemptAt: new Date("2026-12-07T00:00:10Z") });
    expect(afterHubFailure(6, now).status).toBe("PENDING");
    expect(afterHubFailure(7, now)).toMatchObject({ status: "DEAD", attempts: 8 });
    expect(afterHubFailure(1, now, 2)).toMatchObject({ status: "DEAD", attempts: 2 });
  });
});

describe("signature", () => {
  const now = new Date("2026-12-07T00:00:00Z");
  const body = '{"eventId":"1"}';
  const h = signedHubHeaders("s3cret", "1", body, now);
  const sig = { signature: h["x-signature"], timestamp: h["x-hub-timestamp"] };
  test("signs the timestamp and the body", () => {
    expect(h["x-hub-timestamp"]).toBe("1796601600");
    expect(h["x-event-id"]).toBe("1");
    expect(verifyHubSignature("s3cret", body, sig, now)).toBe(true);
    expect(verifyHubSignature("s3cret", body, sig, new Date(now.getTime() + 299_000))).toBe(true);
  });
  test.each([
    ["another secret", "other", body, sig, now],
    ["another body", "s3cret", '{"eventId":"2"}', sig, now],
    ["another timestamp", "s3cret", body, { ...sig, timestamp: "1796601601" }, now],
    ["too old", "s3cret", body, sig, new Date(now.getTime() + 301_000)],
    ["no signature", "s3cret", body, { signature: null, timestamp: sig.timestamp }, now],
    ["a malformed one", "s3cret", body, { signature: "sha256=zz", timestamp: sig.timestamp }, now],
  ])("refuses %s", (_, secret, b, s, at) => expect(verifyHubSignature(secret, b, s, at)).toBe(false));
});

describe("callbacks", () => {
  test.each([
    ["127.0.0.1", true],
    ["10.1.2.3", true],
    ["172.20.0.1", true],
    ["192.168.1.1", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["0.0.0.0", true],
    ["::1", true],
    ["fd00::1", true],
    ["fe80::1", true],
    ["::ffff:127.0.0.1", true],
    ["8.8.8.8", false],
    ["2001:4860:4860::8888", false],
    ["not-an-ip", true],
  ])("%s internal: %s", (a, internal) => expect(isInternalAddress(a)).toBe(internal));

  test.each([
    ["https://listener.example.com/x", null],
    ["http://127.0.0.1:8080/x", null],
    ["javascript:alert(1)", "callback must be an http or https URL"],
    ["file:///etc/passwd", "callback must be an http or https URL"],
    ["https://u:p@listener.example.com/", "callback must not carry credentials"],
    ["/relative", "callback is not an absolute URL"],
    [`https://x.example.com/${"a".repeat(2000)}`, "callback is longer than 2000 characters"],
  ])("%s", (url, problem) => expect(callbackProblem(url)).toBe(problem));
});
