// The part of lunar-javascript (6tail, MIT; pinned in package.json) lib/care/festivals.ts uses.
declare module "lunar-javascript" {
  export class Solar {
    toYmd(): string;
  }
  export class Lunar {
    static fromYmd(year: number, month: number, day: number): Lunar;
    getSolar(): Solar;
  }
}
