/// <reference lib="dom" />
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  type Plugin,
  PointElement,
  Tooltip,
} from "chart.js";
import { type Cell, MASKED, MASKED_TEXT, plotted } from "./cells.js";

/**
 * Chart.js, with only the pieces the panels use (esbuild drops the rest).
 * Masked figures are gaps in the data, never 0, and the `maskedMarkers`
 * plugin draws a hatched grey box labelled "s" where each would have been.
 */
Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);

/** One series: its label, colour and figures, one per label of the chart. */
export interface Series {
  label: string;
  color: string;
  cells: Cell[];
  /** A reference line (the national figure): dashed, drawn over the others so that equal values still show both. */
  dashed?: boolean;
}

export type ChartKind = "line" | "bar" | "hbar";

/** Draws a line or bar chart on `canvas` (replacing the one there), and says on the canvas what it drew. */
export function drawSeries(
  canvas: HTMLCanvasElement,
  kind: ChartKind,
  labels: string[],
  series: Series[],
): void {
  Chart.getChart(canvas)?.destroy();
  const masks = series.map((s) => s.cells.map((c) => c === MASKED));
  const config: ChartConfiguration<"line" | "bar", (number | null)[], string> = {
    type: kind === "line" ? "line" : "bar",
    data: {
      labels,
      datasets: series.map((s) => ({
        label: s.label,
        data: s.cells.map(plotted),
        borderColor: s.color,
        backgroundColor: kind === "line" ? s.color : `${s.color}cc`,
        spanGaps: false,
        pointRadius: 3,
        borderDash: s.dashed ? [6, 4] : [],
        order: s.dashed ? 0 : 1,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: kind === "hbar" ? "y" : "x",
      scales: { [kind === "hbar" ? "x" : "y"]: { beginAtZero: true } },
      plugins: { legend: { position: "bottom" } },
    },
    plugins: [maskedMarkers(masks)],
  };
  new Chart(canvas, config);
  mark(
    canvas,
    series.map((s) => s.cells),
  );
}

/** Draws a doughnut of counts by label (the campaign's states). */
export function drawDoughnut(
  canvas: HTMLCanvasElement,
  labels: string[],
  counts: number[],
  colors: string[],
): void {
  Chart.getChart(canvas)?.destroy();
  new Chart(canvas, {
    type: "doughnut",
    data: { labels, datasets: [{ data: counts, backgroundColor: colors }] },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { position: "right" } },
    },
  });
  mark(canvas, [counts]);
}

/** Removes the chart of `canvas`, if any. */
export function clearChart(canvas: HTMLCanvasElement): void {
  Chart.getChart(canvas)?.destroy();
  mark(canvas, []);
}

/** The figures drawn and the masked ones marked, on the canvas, for whoever checks the page (the tests). */
function mark(canvas: HTMLCanvasElement, cells: Cell[][]): void {
  canvas.dataset.points = String(cells.flat().filter((c) => typeof c === "number").length);
  canvas.dataset.masked = String(cells.flat().filter((c) => c === MASKED).length);
}

let hatch: CanvasPattern | null = null;

/** Grey diagonal hatching, the usual sign of a withheld figure. */
function hatchPattern(ctx: CanvasRenderingContext2D): CanvasPattern | string {
  if (hatch) return hatch;
  const tile = document.createElement("canvas");
  tile.width = tile.height = 6;
  const t = tile.getContext("2d");
  if (!t) return "#ccc";
  t.fillStyle = "#eee";
  t.fillRect(0, 0, 6, 6);
  t.strokeStyle = "#999";
  t.beginPath();
  t.moveTo(0, 6);
  t.lineTo(6, 0);
  t.stroke();
  hatch = ctx.createPattern(tile, "repeat");
  return hatch ?? "#ccc";
}

/** The plugin drawing an "s" box at each masked figure, on the zero line, in its series' colour. */
function maskedMarkers(masks: boolean[][]): Plugin<"line" | "bar"> {
  return {
    id: "maskedMarkers",
    afterDatasetsDraw(chart) {
      const ctx = chart.ctx;
      masks.forEach((flags, d) => {
        const meta = chart.getDatasetMeta(d);
        if (!meta.visible || !meta.iScale || !meta.vScale) return;
        const horizontal = meta.indexAxis === "y";
        const base = meta.vScale.getPixelForValue(0);
        const line = meta.type === "line";
        flags.forEach((masked, i) => {
          if (!masked) return;
          const el = meta.data[i] as unknown as { x: number; y: number; width?: number; height?: number };
          const along = horizontal ? el?.y : el?.x;
          const at = Number.isFinite(along) ? along : meta.iScale!.getPixelForValue(i);
          const thick = horizontal ? el?.height : el?.width;
          const size = Math.max(10, Math.min(16, Number.isFinite(thick) ? (thick as number) : 14));
          // Lines share their x: stack their boxes so that each series' "s" shows.
          const lift = line ? d * (size + 2) : 0;
          const [x, y, w, h] = horizontal
            ? [base + lift, at - size / 2, 16, size]
            : [at - size / 2, base - 16 - lift, size, 16];
          ctx.save();
          ctx.fillStyle = hatchPattern(ctx);
          ctx.fillRect(x, y, w, h);
          ctx.strokeStyle = String(chart.data.datasets[d].borderColor ?? "#666");
          ctx.strokeRect(x, y, w, h);
          ctx.fillStyle = "#333";
          ctx.font = "bold 11px sans-serif";
          ctx.textAlign = "center";
          ctx.textBaseline = "middle";
          ctx.fillText(MASKED_TEXT, x + w / 2, y + h / 2);
          ctx.restore();
        });
      });
    },
  };
}
