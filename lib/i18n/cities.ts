// City names as each language writes them (browser-safe). Customer rows keep the Chinese name
// (what imports and the region filter store); English screens, filters and exports show the
// English one. A city not in the catalogue is shown as stored.
export const CITY_NAMES_EN: Readonly<Record<string, string>> = {
  杭州市: "Hangzhou",
  宁波市: "Ningbo",
  温州市: "Wenzhou",
  绍兴市: "Shaoxing",
  嘉兴市: "Jiaxing",
  金华市: "Jinhua",
  台州市: "Taizhou",
  湖州市: "Huzhou",
  衢州市: "Quzhou",
  丽水市: "Lishui",
  舟山市: "Zhoushan",
  北京市: "Beijing",
  上海市: "Shanghai",
  天津市: "Tianjin",
  重庆市: "Chongqing",
  广州市: "Guangzhou",
  深圳市: "Shenzhen",
  南京市: "Nanjing",
  苏州市: "Suzhou",
  合肥市: "Hefei",
  福州市: "Fuzhou",
  上饶市: "Shangrao",
};

/** "杭州市" → "Hangzhou" in English; unchanged in Chinese or when the city is not catalogued. */
export function cityLabel(city: string | null | undefined, locale: string): string {
  if (!city) return "";
  return locale === "en" ? (CITY_NAMES_EN[city] ?? city) : city;
}
