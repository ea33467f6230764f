/**
 * Draws report charts with Chart.js on a canvas. Only `fco-reports` imports this module, with a dynamic `import()`,
 * so Chart.js stays out of every page without a report; and only the controllers and elements the five chart types
 * use are registered, so the rest of Chart.js is left out of the chunk. A canvas needs no inline style or script:
 * Chart.js sizes it through the CSSOM, which a strict Content-Security-Policy allows. Colours and fonts come from the
 * widget's theme (read by the widget from its `--fco-*` properties) and numbers are formatted by the caller.
 */
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import type { ChartData } from './chart-data.js';

Chart.register(BarController, LineController, PieController, BarElement, LineElement, PointElement, ArcElement, CategoryScale, LinearScale, Legend, Tooltip, Filler);

/** The theme a chart is drawn in. */
export interface ChartLook {
  text: string;
  muted: string;
  grid: string;
  background: string;
  /** Series colours, the accent first. */
  palette: readonly string[];
  fontFamily: string;
}

export interface DrawnChart {
  destroy(): void;
}

/** Any CSS colour with an alpha, through the canvas's own colour parser (so `--fco-accent` may be any colour). */
function withAlpha(context: CanvasRenderingContext2D, color: string, alpha: number): string {
  context.fillStyle = '#000000';
  context.fillStyle = color;
  const parsed = context.fillStyle; // #rrggbb, or rgba(...) for colours with their own alpha
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(parsed);
  if (hex) return `rgba(${parseInt(hex[1]!, 16)}, ${parseInt(hex[2]!, 16)}, ${parseInt(hex[3]!, 16)}, ${alpha})`;
  return parsed;
}

function configOf(canvas: HTMLCanvasElement, data: ChartData, look: ChartLook): ChartConfiguration {
  const context = canvas.getContext('2d')!;
  const color = (i: number) => look.palette[i % look.palette.length]!;
  const font = { family: look.fontFamily };
  const legend = { position: 'bottom' as const, labels: { color: look.text, font, boxWidth: 14 } };
  const tooltip = {
    titleFont: font,
    bodyFont: font,
    // Each value in its own format (money in its point's currency); the axis has the one format all values share.
    callbacks: {
      label: (item: { dataset: { label?: string }; datasetIndex: number; dataIndex: number; raw: unknown }) =>
        `${item.dataset.label ?? ''}: ${(data.datasets[item.datasetIndex]?.format ?? data.format)(Number(item.raw), item.dataIndex)}`,
    },
  };
  if (data.type === 'PIE') {
    return {
      type: 'pie',
      data: {
        labels: data.labels,
        datasets: data.datasets.map((dataset) => ({
          label: dataset.label,
          data: dataset.data.map((v) => v ?? 0),
          backgroundColor: data.labels.map((_, i) => color(i)),
          borderColor: look.background,
          borderWidth: 2,
        })),
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false, color: look.text, plugins: { legend, tooltip } },
    };
  }
  const horizontal = data.type === 'BAR';
  const line = data.type === 'LINE' || data.type === 'AREA';
  const valueAxis = {
    stacked: data.stacked,
    beginAtZero: true,
    // Counts step by whole numbers: halves would be labelled with the whole number they round to, twice.
    ticks: { color: look.muted, font, ...(data.wholeNumbers ? { precision: 0 } : {}), callback: (value: string | number) => data.format(Number(value)) },
    grid: { color: look.grid },
    border: { color: look.grid },
  };
  const categoryAxis = { stacked: data.stacked, ticks: { color: look.muted, font, autoSkip: true, maxRotation: 0 }, grid: { display: false }, border: { color: look.grid } };
  return {
    type: line ? 'line' : 'bar',
    data: {
      labels: data.labels,
      datasets: data.datasets.map((dataset, i) => ({
        label: dataset.label,
        data: dataset.data,
        borderColor: color(i),
        backgroundColor: line ? withAlpha(context, color(i), data.type === 'AREA' ? 0.35 : 1) : color(i),
        borderWidth: line ? 2 : 0,
        pointRadius: line && data.labels.length > 40 ? 0 : 2,
        fill: data.type === 'AREA' ? (data.stacked && i > 0 ? '-1' : 'origin') : false,
        spanGaps: true,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      color: look.text,
      indexAxis: horizontal ? 'y' : 'x',
      interaction: { mode: 'index', intersect: false },
      scales: horizontal ? { x: valueAxis, y: categoryAxis } : { x: categoryAxis, y: valueAxis },
      plugins: { legend, tooltip },
    },
  } as ChartConfiguration;
}

export function drawChart(canvas: HTMLCanvasElement, data: ChartData, look: ChartLook): DrawnChart {
  const chart = new Chart(canvas, configOf(canvas, data, look));
  return { destroy: () => chart.destroy() };
}
