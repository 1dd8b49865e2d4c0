// Display helpers shared by the dashboard pages (browser-safe): "—" for unknown values.
export const pct = (v: number | null, digits = 1) => (v === null ? "—" : `${(v * 100).toFixed(digits)} %`);
export const num = (v: number | null, digits = 1) => (v === null ? "—" : v.toFixed(digits));
export const round = (v: number | null, digits = 1) => (v === null ? null : Number(v.toFixed(digits)));
