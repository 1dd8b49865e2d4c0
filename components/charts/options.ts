import type { EChartsOption } from "echarts";

// Chart options in the house style (browser-safe, no I/O): a tooltip, a legend at the bottom
// when there is more than one series, labels kept inside the grid. Pages pass their data and
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

/** Bars or lines over categories: along x, or down y with `horizontal` (first category on top). */
export function categoryChart({ categories, series, type = "bar", axes = [{}], horizontal = false }: { categories: string[]; series: ChartSeries[]; type?: "bar" | "line"; axes?: ValueAxis[]; horizontal?: boolean }): EChartsOption {
  const legend = series.length > 1;
  const order = <T,>(xs: T[]) => (horizontal ? [...xs].reverse() : xs);
  const category = { type: "category" as const, data: order(categories) };
  const values = axes.map((a, i) => ({ type: "value" as const, name: a.name, min: a.min, max: a.max, splitLine: i > 0 ? { show: false } : undefined }));
  return {
    tooltip: { trigger: "axis" },
    legend: legend ? { bottom: 0 } : undefined,
    grid: { left: 16, right: horizontal ? 24 : 16, top: horizontal ? 8 : 28, bottom: legend ? 28 : 8, containLabel: true },
    xAxis: horizontal ? { type: "value" } : category,
    yAxis: horizontal ? category : values.length === 1 ? values[0] : values,
    series: series.map((s) => ({
      type: s.type ?? type,
      name: s.name,
      data: order(s.data),
      color: s.color,
      yAxisIndex: s.axis,
      stack: s.stack,
      markLine: s.target && { symbol: "none", label: { formatter: s.target.label }, lineStyle: { type: "dashed", color: "#b45309" }, data: [{ yAxis: s.target.value }] },
    })),
  };
}

/** A ring of shares with its legend. */
export function pieChart({ name, slices, compact = false }: { name?: string; slices: Array<{ name: string; value: number; color?: string }>; compact?: boolean }): EChartsOption {
  return {
    tooltip: { trigger: "item" },
    legend: { bottom: 0 },
    series: [
      {
        type: "pie",
        name,
        radius: compact ? ["38%", "64%"] : ["40%", "70%"],
        center: compact ? ["50%", "44%"] : undefined,
        data: slices.map((s) => ({ name: s.name, value: s.value, itemStyle: s.color ? { color: s.color } : undefined })),
      },
    ],
  };
}
