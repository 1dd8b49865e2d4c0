import { describe, test, expect } from "vitest";
import {
  chooseChannel,
  csiOfAnswers,
  hashSurveyToken,
  isDetractorAnswer,
  isQuietHour,
  linkState,
  newSurveyToken,
  redactSurveyLinks,
  DEFAULT_SURVEY_POLICY,
} from "@/lib/surveys/rules";
import { toCsv, toCsvLine } from "@/lib/shared/csv";
import { dashboardFilters, filtersToSearch } from "@/lib/dashboards/filters";
import { csi, likertToScore } from "@/lib/dashboards/metrics";
import { computeComplaintFact } from "@/lib/dashboards/facts";
import { CALENDAR_24X7 } from "@/lib/sla/calendar";

const sh = (local: string) => new Date(`${local}+08:00`);

describe("quiet hours (Asia/Shanghai, wrapping midnight)", () => {
  test.each([
    ["2026-11-23T20:59:00", false],
    ["2026-11-23T21:00:00", true],
    ["2026-11-24T02:00:00", true],
    ["2026-11-24T07:59:00", true],
    ["2026-11-24T08:00:00", false],
    ["2026-11-24T12:00:00", false],
  ])("%s → %s", (at, quiet) => expect(isQuietHour(sh(at), DEFAULT_SURVEY_POLICY)).toBe(quiet));
  test("a daytime window and no window", () => {
    expect(isQuietHour(sh("2026-11-24T13:00:00"), { quietStartHour: 12, quietEndHour: 14 })).toBe(true);
    expect(isQuietHour(sh("2026-11-24T14:00:00"), { quietStartHour: 12, quietEndHour: 14 })).toBe(false);
    expect(isQuietHour(sh("2026-11-24T03:00:00"), { quietStartHour: 0, quietEndHour: 0 })).toBe(false);
  });
});

describe("channel by consent", () => {
  const base = { consentSms: false, consentEmail: false, consentPush: false, doNotDisturb: false, hasPhone: true, hasEmail: true };
  test.each([
    [{ consentPush: true, consentSms: true }, "PUSH"],
    [{ consentSms: true }, "SMS"],
    [{ consentSms: true, hasPhone: false }, null],
    [{ consentEmail: true }, "EMAIL"],
    [{ consentEmail: true, hasEmail: false }, null],
    [{ consentPush: true, doNotDisturb: true }, null],
    [{}, null],
  ])("%o → %s", (flags, want) => expect(chooseChannel({ ...base, ...flags })).toBe(want));
});

describe("links", () => {
  test("tokens are random, long and stored only as their hash", () => {
    const a = newSurveyToken();
    const b = newSurveyToken();
    expect(a.token).not.toBe(b.token);
    expect(a.token.length).toBeGreaterThanOrEqual(32);
    expect(a.hash).toBe(hashSurveyToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
  });
  test.each([
    [{ expiresAt: new Date("2026-11-30"), answeredAt: null }, "OPEN"],
    [{ expiresAt: new Date("2026-11-23T00:00:00Z"), answeredAt: null }, "EXPIRED"],
    [{ expiresAt: new Date("2026-11-30"), answeredAt: new Date("2026-11-22") }, "ANSWERED"],
    [{ expiresAt: new Date("2026-11-20"), answeredAt: new Date("2026-11-19") }, "ANSWERED"],
  ])("%o → %s", (inv, want) => expect(linkState(inv, new Date("2026-11-23T00:00:00Z"))).toBe(want));
});

describe("detractors and CSI", () => {
  test.each([
    ["NPS", 6, null, true],
    ["NPS", 7, null, false],
    ["NPS", 0, null, true],
    ["CSAT", 2, null, true],
    ["CSAT", 3, null, false],
    ["CSI", null, 49.9, true],
    ["CSI", null, 50, false],
  ] as const)("%s %s/%s → %s", (kind, score, csiScore, want) => expect(isDetractorAnswer(kind, score, csiScore)).toBe(want));
  test("CSI of one answer set = weighted mean of 0..100 dimension scores", () => {
    const dims = [
      { code: "A", labelZh: "甲", labelEn: "A", weight: 2 },
      { code: "B", labelZh: "乙", labelEn: "B", weight: 1 },
    ];
    // A: 5 → 100, B: 2 → 25; (2×100 + 1×25) / 3 = 75
    expect(csiOfAnswers({ A: 5, B: 2 }, dims)).toBe(75);
    expect(csiOfAnswers({ A: 5, B: 2 }, dims)).toBe(csi({ A: likertToScore(5), B: likertToScore(2) }, { A: 2, B: 1 }));
  });
});

describe("CSV export is formula-safe", () => {
  test.each([
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ["+1", "'+1"],
    ["-2", "'-2"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["plain", "plain"],
    ["a,b", `"a,b"`],
    [-3, "-3"],
    [null, ""],
  ] as const)("%s → %s", (v, want) => expect(toCsvLine([v])).toBe(want));
  test("UTF-8 BOM and CRLF rows", () => expect(toCsv(["a"], [["张三"]])).toBe("\uFEFFa\r\n张三\r\n"));
});

describe("dashboard filters from the URL", () => {
  const parse = (q: Record<string, string>) => dashboardFilters(new Date("2026-11-23T04:00:00Z")).parse(q);
  test("defaults to the last 30 days; bad values fall back instead of failing", () => {
    expect(parse({})).toEqual({ from: "2026-10-25", to: "2026-11-23" });
    expect(parse({ from: "yesterday", team: "abc", channel: "FAX", category: "-1" })).toEqual({ from: "2026-10-25", to: "2026-11-23" });
    expect(parse({ from: "2026-11-01", to: "2026-11-30", team: "2", channel: "APP", region: "杭州" })).toEqual({
      from: "2026-11-01",
      to: "2026-11-30",
      team: 2,
      channel: "APP",
      region: "杭州",
    });
  });
  test("a reversed range is swapped; the URL round-trips", () => {
    const f = parse({ from: "2026-11-30", to: "2026-11-01" });
    expect(f).toEqual({ from: "2026-11-01", to: "2026-11-30" });
    expect(parse(Object.fromEntries(new URLSearchParams(filtersToSearch({ ...f, team: 3 }))))).toEqual({ ...f, team: 3 });
  });
});

describe("complaint facts (24×7 calendar, hand-computed)", () => {
  const created = new Date("2026-11-01T00:00:00Z");
  const m = (min: number) => new Date(created.getTime() + min * 60_000);
  const base = {
    createdAt: created,
    ownerId: 7,
    targets: { FIRST_RESPONSE: 15, FEEDBACK: 1440, RESOLUTION: 1440, CYCLE: 2880 },
    warnRatio: 0.8,
    escalationLevel: 0,
    transferred: false,
  };
  test("responded at 10 min, resolved by the owner at 300 min, 8 days later: all met, FCR yes, 5 h handling", () => {
    const f = computeComplaintFact(
      {
        ...base,
        status: "RESOLVED",
        firstRespondedAt: m(10),
        feedbackAt: m(300),
        resolvedAt: m(300),
        history: [
          { at: created, toStatus: "ACKNOWLEDGED", action: "open", actorId: 7 },
          { at: m(10), toStatus: "IN_PROGRESS", action: "start", actorId: 7 },
          { at: m(300), toStatus: "RESOLVED", action: "resolve", actorId: 7 },
        ],
      },
      CALENDAR_24X7,
      m(8 * 1440),
    );
    expect(f).toMatchObject({ frMet: true, fbMet: true, resMet: true, handlingMinutes: 300, everResolved: true, reopened: false, fcr: true });
    expect(f.cycMet).toBe(false); // not closed within 2 days
  });
  test("late response, resolved by someone else, 1 day later: first response missed, FCR already decided no", () => {
    const f = computeComplaintFact(
      {
        ...base,
        status: "RESOLVED",
        firstRespondedAt: m(20),
        feedbackAt: null,
        resolvedAt: m(600),
        history: [
          { at: created, toStatus: "ACKNOWLEDGED", action: "open", actorId: 7 },
          { at: m(20), toStatus: "IN_PROGRESS", action: "start", actorId: 8 },
          { at: m(600), toStatus: "RESOLVED", action: "resolve", actorId: 8 },
        ],
      },
      CALENDAR_24X7,
      m(1440),
    );
    expect(f).toMatchObject({ frMet: false, resMet: true, handlingMinutes: 600, fcr: false });
  });
  test("still open and inside its targets: outcomes undecided", () => {
    const f = computeComplaintFact(
      {
        ...base,
        status: "IN_PROGRESS",
        firstRespondedAt: m(5),
        feedbackAt: null,
        resolvedAt: null,
        history: [
          { at: created, toStatus: "ACKNOWLEDGED", action: "open", actorId: 7 },
          { at: m(5), toStatus: "IN_PROGRESS", action: "start", actorId: 7 },
        ],
      },
      CALENDAR_24X7,
      m(60),
    );
    expect(f).toMatchObject({ frMet: true, resMet: null, cycMet: null, handlingMinutes: null, everResolved: false, fcr: null });
  });
});

describe("survey links are shown and stored redacted", () => {
  test.each([
    ["您的投诉已处理完毕： https://crm.example/s/abcDEF012_-xyz", "您的投诉已处理完毕： https://crm.example/s/••••••"],
    ["two /s/aaaaaaaaaaaaaaaa and /s/bbbbbbbbbbbbbbbb", "two /s/•••••• and /s/••••••"],
    ["already /s/••••••", "already /s/••••••"],
    ["no link here", "no link here"],
  ])("%s", (text, redacted) => {
    expect(redactSurveyLinks(text)).toBe(redacted);
  });
});
