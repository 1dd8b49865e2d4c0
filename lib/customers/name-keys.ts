import { pinyin } from "pinyin-pro";

// The Latin-keyboard search keys of a subscriber's name (customer.name_pinyin, name_initials):
// lower-case pinyin without spaces ("zhangwei") and the initials ("zw"). One rule for every
// writer of a customer (the import, the Open API's create).

export function nameSearchKeys(name: string): { pinyin: string; initials: string } {
  const parts = pinyin(name, { toneType: "none", type: "array", v: true }) as string[];
  return {
    pinyin: parts
      .join("")
      .toLowerCase()
      .replace(/[^a-z0-9]/g, ""),
    initials: parts
      .map((p) => p[0] ?? "")
      .join("")
      .toLowerCase()
      .replace(/[^a-z0-9]/g, ""),
  };
}
