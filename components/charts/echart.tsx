"use client";

import { useEffect, useRef } from "react";
import type { EChartsOption } from "echarts";

// Colour-blind-safe palette (Okabe–Ito); the same series keep the same colour everywhere.
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

/** Apache ECharts in a client component; loaded on demand, resized with its box. */
export function EChart({ option, height = 220, label }: { option: EChartsOption; height?: number; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { setOption: (o: EChartsOption) => void; resize: () => void; dispose: () => void } | undefined;
    let observer: ResizeObserver | undefined;
    import("echarts").then((echarts) => {
      if (disposed || !ref.current) return;
      chart = echarts.init(ref.current, undefined, { renderer: "svg" });
      chart.setOption({ color: PALETTE, textStyle: { fontFamily: "inherit" }, animation: false, ...option });
      observer = new ResizeObserver(() => chart?.resize());
      observer.observe(ref.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart?.dispose();
    };
  }, [option]);
  return <div ref={ref} role="img" aria-label={label} style={{ height }} className="w-full" />;
}
