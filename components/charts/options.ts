import type { EChartsOption } from "echarts";

// Chart options in the house style (browser-safe, no I/O): a tooltip, a legend at the bottom
// when there is more than one series (one line that scrolls, never wrapping over the axis),
// labels kept inside the grid: every category labelled when there are few enough to read (long
// ones cut with an ellipsis, the tooltip has them whole), target labels inside the plot. Pages pass their data and
// names; colours come from the palette (components/charts/echart.tsx) unless a series has its own.

export interface ChartSeries {
  name: string;
  data: Array<number | null>;
  /** Defaults to the chart's type. */
  type?: "bar" | "line";
  color?: string;
  /** 1 = the second value axis (see `axes`). */
  axis?: 0 | 1;
  stack?: string;
  /** A dashed target line across the chart, with its label. */
  target?: { value: number; label: string };
}

export interface ValueAxis {
  name?: string;
  min?: number;
  max?: number;
}

/** Up to this many categories every label is shown (cut to fit); beyond it ECharts thins them out. */
export const CATEGORY_LABELS_ALL = 16;

/** One line at the bottom, paged with arrows when the names do not fit (a wrapped legend covers the axis). */
const LEGEND = { bottom: 0, type: "scroll" as const, itemGap: 12, textStyle: { color: "#334155" } };

/** The height a horizontal bar chart needs so that every category keeps its label (22 px a row). */
export function horizontalChartHeight(categories: number, legend = false): number {
  return Math.max(220, categories * 22 + (legend ? 56 : 32));
}

/** Bars or lines over categories: along x, or down y with `horizontal` (first category on top). */
export function categoryChart({ categories, series, type = "bar", axes = [{}], horizontal = false }: { categories: string[]; series: ChartSeries[]; type?: "bar" | "line"; axes?: ValueAxis[]; horizontal?: boolean }): EChartsOption {
  const legend = series.length > 1;
  const order = <T,>(xs: T[]) => (horizontal ? [...xs].reverse() : xs);
  // ECharts hides every other label when they might collide ("Breaches by category"): a bar chart
  // of up to CATEGORY_LABELS_ALL categories shows all of them, cut to a width; lines (days, months)
  // and longer axes thin out instead, so dates never print over each other in a half-width card.
  const all = horizontal || (type === "bar" && categories.length <= CATEGORY_LABELS_ALL);
  const category = {
    type: "category" as const,
    data: order(categories),
    axisLabel: all ? { interval: 0, width: horizontal ? 120 : Math.max(48, Math.floor(560 / Math.max(1, categories.length))), overflow: "truncate" as const, hideOverlap: false } : { hideOverlap: true },
  };
  const values = axes.map((a, i) => ({ type: "value" as const, name: a.name, min: a.min, max: a.max, splitLine: i > 0 ? { show: false } : undefined }));
  return {
    tooltip: { trigger: "axis" },
    legend: legend ? LEGEND : undefined,
    grid: { left: 16, right: horizontal ? 24 : 16, top: horizontal ? 8 : 28, bottom: legend ? 32 : 8, containLabel: true },
    xAxis: horizontal ? { type: "value" } : category,
    yAxis: horizontal ? category : values.length === 1 ? values[0] : values,
    series: series.map((s) => ({
      type: s.type ?? type,
      name: s.name,
      data: order(s.data),
      color: s.color,
      yAxisIndex: s.axis,
      stack: s.stack,
      // The label sits inside the plot above the line's end: at the default "end" it is cut by the card.
      markLine: s.target && {
        symbol: "none",
        label: { formatter: s.target.label, position: "insideEndTop", color: "#92400e" },
        lineStyle: { type: "dashed", color: "#b45309" },
        data: [{ yAxis: s.target.value }],
      },
    })),
  };
}

/** A ring of shares with its legend. */
export function pieChart({ name, slices, compact = false }: { name?: string; slices: Array<{ name: string; value: number; color?: string }>; compact?: boolean }): EChartsOption {
  return {
    tooltip: { trigger: "item" },
    legend: LEGEND,
    series: [
      {
        type: "pie",
        name,
        radius: compact ? ["38%", "64%"] : ["36%", "62%"],
        center: ["50%", "44%"],
        data: slices.map((s) => ({ name: s.name, value: s.value, itemStyle: s.color ? { color: s.color } : undefined })),
      },
    ],
  };
}
