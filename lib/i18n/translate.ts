// The shape of a next-intl translator as lib code uses it (exports and descriptions built on the
// server with getTranslations(), or in the browser with useTranslations()): lib never imports
// next-intl, so jobs and tests can pass any function of this shape.
export interface Translate {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}
