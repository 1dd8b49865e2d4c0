import type { EChartsOption } from "echarts";

// Chart options of the campaign evaluation (browser-safe, pure, serialisable: the page builds them
// on the server and ChartCard draws them). Treatment is always the palette's first colour and
// control its second, on every chart and on the comparison.
// The palette is components/charts/echart.tsx's (Okabe–Ito); copied, since that module is a client
// module and a server component importing a value from it would get a client reference.
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"];
export const TREATMENT_COLOUR = PALETTE[0];
export const CONTROL_COLOUR = PALETTE[1];

/** The funnel, audience → contacted → reached → accepted → converted, widths by count. */
export function funnelOption(steps: Array<{ name: string; value: number }>): EChartsOption {
  return {
    tooltip: { trigger: "item", formatter: "{b}: {c}" },
    series: [
      {
        type: "funnel",
        sort: "none",
        left: "4%",
        width: "56%",
        top: 8,
        bottom: 8,
        minSize: "6%",
        gap: 2,
        // Beside the funnel: the narrow steps at its foot have no room for a label inside.
        label: { show: true, position: "right", formatter: "{b}  {c}", color: "#334155", fontSize: 12 },
        labelLine: { show: true, length: 8, lineStyle: { color: "#94a3b8" } },
        itemStyle: { borderWidth: 0 },
        data: steps.map((s, i) => ({ ...s, itemStyle: { color: PALETTE[[0, 4, 2, 3, 5][i] ?? 0] } })),
      },
    ],
  };
}

/** Conversion (%) of treatment and control, side by side, per group (all tiers, then each tier). */
export function groupsOption(
  categories: string[],
  treatment: { name: string; data: Array<number | null> },
  control: { name: string; data: Array<number | null> },
): EChartsOption {
  return {
    tooltip: { trigger: "axis" },
    legend: { bottom: 0, type: "scroll", textStyle: { color: "#334155" } },
    grid: { left: 16, right: 16, top: 28, bottom: 32, containLabel: true },
    xAxis: { type: "category", data: categories, axisLabel: { interval: 0 } },
    yAxis: { type: "value", name: "%" },
    series: [
      { type: "bar", name: treatment.name, data: treatment.data, color: TREATMENT_COLOUR, label: { show: true, position: "top", fontSize: 11 } },
      { type: "bar", name: control.name, data: control.data, color: CONTROL_COLOUR, label: { show: true, position: "top", fontSize: 11 } },
    ],
  };
}

/**
 * The uplift in percentage points with its 95 % interval, per group: a box from the interval's
 * lower to upper bound with the point estimate as its middle line, and a dashed zero line (an
 * interval that crosses it is not significant). Groups without an interval are left empty.
 */
export function upliftOption(
  categories: string[],
  name: string,
  points: Array<{ uplift: number; low: number; high: number } | null>,
  zeroLabel: string,
): EChartsOption {
  return {
    tooltip: { trigger: "item" },
    grid: { left: 16, right: 24, top: 28, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: categories, axisLabel: { interval: 0 } },
    yAxis: { type: "value", name: "pp" },
    series: [
      {
        type: "boxplot",
        name,
        color: TREATMENT_COLOUR,
        itemStyle: { color: "rgba(0, 114, 178, 0.25)", borderColor: TREATMENT_COLOUR, borderWidth: 2 },
        boxWidth: [12, 40],
        // "-" is ECharts' empty value: a group without an interval draws nothing.
        data: points.map((p) => (p ? [p.low, p.low, p.uplift, p.high, p.high] : ["-", "-", "-", "-", "-"])),
        markLine: {
          symbol: "none",
          label: { show: false, formatter: zeroLabel },
          lineStyle: { type: "dashed", color: "#64748b" },
          data: [{ yAxis: 0 }],
        },
      },
    ],
  };
}
