// The festival calendar care rules greet on (issue 23, docs/care.md "Festivals and the lunar
// calendar"). Pure: the days of each festival of a year — the Chinese festivals by the lunar
// calendar from lunar-javascript (6tail, a maintained library, pinned), and the solar ones.
import { Lunar } from "lunar-javascript";

export interface FestivalDef {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Lunar month and day, or solar (Gregorian) month and day. */
  lunar: boolean;
  month: number;
  day: number;
}

export const FESTIVALS: readonly FestivalDef[] = [
  { code: "NEW_YEAR", nameZh: "元旦", nameEn: "New Year's Day", lunar: false, month: 1, day: 1 },
  { code: "SPRING_FESTIVAL", nameZh: "春节", nameEn: "Spring Festival", lunar: true, month: 1, day: 1 },
  { code: "LANTERN", nameZh: "元宵节", nameEn: "Lantern Festival", lunar: true, month: 1, day: 15 },
  { code: "DRAGON_BOAT", nameZh: "端午节", nameEn: "Dragon Boat Festival", lunar: true, month: 5, day: 5 },
  { code: "QIXI", nameZh: "七夕", nameEn: "Qixi Festival", lunar: true, month: 7, day: 7 },
  { code: "MID_AUTUMN", nameZh: "中秋节", nameEn: "Mid-Autumn Festival", lunar: true, month: 8, day: 15 },
  { code: "NATIONAL_DAY", nameZh: "国庆节", nameEn: "National Day", lunar: false, month: 10, day: 1 },
  { code: "DOUBLE_NINTH", nameZh: "重阳节（敬老节）", nameEn: "Double Ninth (Seniors' Day)", lunar: true, month: 9, day: 9 },
];

const pad = (n: number) => String(n).padStart(2, "0");

/** The Gregorian day ("YYYY-MM-DD") of a festival in Gregorian `year` (a lunar date of lunar year `year`: each falls in that Gregorian year). */
export function festivalDay(def: FestivalDef, year: number): string {
  if (!def.lunar) return `${year}-${pad(def.month)}-${pad(def.day)}`;
  return Lunar.fromYmd(year, def.month, def.day).getSolar().toYmd();
}

/** Every festival of the years `from`..`to`, by day. */
export function festivalsOfYears(from: number, to: number): Array<{ code: string; day: string; nameZh: string; nameEn: string }> {
  const out: Array<{ code: string; day: string; nameZh: string; nameEn: string }> = [];
  for (let y = from; y <= to; y++) for (const f of FESTIVALS) out.push({ code: f.code, day: festivalDay(f, y), nameZh: f.nameZh, nameEn: f.nameEn });
  return out.sort((a, b) => a.day.localeCompare(b.day) || a.code.localeCompare(b.code));
}
