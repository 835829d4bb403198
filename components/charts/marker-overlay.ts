"use client";

import type { Chart } from "chart.js";
import type { MarkerShape } from "@/lib/ui/model-style";

/**
 * Anomaly markers drawn on a transparent canvas laid over a Chart.js chart, with the chart's own
 * scales. A threshold change then redraws only these markers (a few hundred pre-rendered sprites,
 * one drawImage each) instead of the whole chart with its axes, text and filled series.
 */

export interface MarkerStyle {
  shape: MarkerShape;
  radius: number;
  fill: string;
  stroke: string;
  strokeWidth: number;
}

export interface MarkerLayer {
  style: MarkerStyle;
  /** Window indices to mark. */
  indices: Int32Array;
  /** Chart.js scale id of the layer's y values. */
  yAxis: string;
  /** A marker's y value (in the y axis's units). */
  yOf: (index: number) => number;
}

export interface OverlayState {
  layers: MarkerLayer[];
  /** x value (window start) of each window index. */
  starts: ArrayLike<number>;
  /** A vertical dashed line across the plot, e.g. the selected window; null for none. */
  markX: number | null;
}

const sprites = new Map<string, HTMLCanvasElement>();

function tracePath(ctx: CanvasRenderingContext2D, shape: MarkerShape, c: number, r: number): void {
  ctx.beginPath();
  switch (shape) {
    case "circle":
      ctx.arc(c, c, r, 0, Math.PI * 2);
      break;
    case "rect": {
      const half = r / Math.SQRT2;
      ctx.rect(c - half, c - half, half * 2, half * 2);
      break;
    }
    case "rectRot":
      ctx.moveTo(c, c - r);
      ctx.lineTo(c + r, c);
      ctx.lineTo(c, c + r);
      ctx.lineTo(c - r, c);
      break;
    case "triangle": {
      // Chart.js's triangle: circumradius r, a vertex up.
      const dx = r * Math.sin(Math.PI / 3);
      ctx.moveTo(c, c - r);
      ctx.lineTo(c + dx, c + r / 2);
      ctx.lineTo(c - dx, c + r / 2);
      break;
    }
  }
  ctx.closePath();
}

/** The marker pre-rendered at the device pixel ratio, cached per style. */
function spriteOf(style: MarkerStyle, ratio: number): HTMLCanvasElement {
  const key = `${style.shape}|${style.radius}|${style.fill}|${style.stroke}|${style.strokeWidth}|${ratio}`;
  let sprite = sprites.get(key);
  if (sprite) return sprite;
  const size = Math.ceil((style.radius + style.strokeWidth) * 2 + 2);
  sprite = document.createElement("canvas");
  sprite.width = Math.ceil(size * ratio);
  sprite.height = Math.ceil(size * ratio);
  const ctx = sprite.getContext("2d");
  if (ctx) {
    ctx.scale(ratio, ratio);
    tracePath(ctx, style.shape, size / 2, style.radius);
    ctx.fillStyle = style.fill;
    ctx.fill();
    if (style.strokeWidth > 0) {
      ctx.lineWidth = style.strokeWidth;
      ctx.strokeStyle = style.stroke;
      ctx.stroke();
    }
  }
  sprites.set(key, sprite);
  return sprite;
}

/**
 * Sizes `overlay` to the chart's canvas and draws the markers inside the chart area, then the
 * chart's tooltip (Chart.js draws it beneath the overlay otherwise; see cancelTooltipDraw).
 */
export function drawMarkerOverlay(overlay: HTMLCanvasElement, chart: Chart, state: OverlayState): void {
  const ratio = chart.currentDevicePixelRatio || 1;
  const width = Math.round(chart.width * ratio);
  const height = Math.round(chart.height * ratio);
  if (overlay.width !== width || overlay.height !== height) {
    overlay.width = width;
    overlay.height = height;
    overlay.style.width = `${chart.width}px`;
    overlay.style.height = `${chart.height}px`;
  }
  const ctx = overlay.getContext("2d");
  const x = chart.scales.x;
  if (!ctx || !x) return;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  const area = chart.chartArea;
  ctx.save();
  ctx.beginPath();
  // Markers may stick out of the plot by their radius at the edges, not beyond the axes.
  ctx.rect(area.left - 6, area.top - 6, area.right - area.left + 12, area.bottom - area.top + 12);
  ctx.clip();
  for (const layer of state.layers) {
    const y = chart.scales[layer.yAxis];
    if (!y) continue;
    const sprite = spriteOf(layer.style, ratio);
    const size = sprite.width / ratio;
    const half = size / 2;
    for (const i of layer.indices) {
      const px = x.getPixelForValue(state.starts[i] as number);
      if (px < area.left - half || px > area.right + half) continue;
      const py = y.getPixelForValue(layer.yOf(i));
      if (!Number.isFinite(py)) continue;
      ctx.drawImage(sprite, Math.round((px - half) * ratio) / ratio, Math.round((py - half) * ratio) / ratio, size, size);
    }
  }
  ctx.restore();
  if (state.markX !== null) {
    const px = x.getPixelForValue(state.markX);
    if (px >= area.left && px <= area.right) {
      ctx.save();
      ctx.strokeStyle = "rgba(15, 23, 42, 0.55)";
      ctx.setLineDash([4, 3]);
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(Math.round(px) + 0.5, area.top);
      ctx.lineTo(Math.round(px) + 0.5, area.bottom);
      ctx.stroke();
      ctx.restore();
    }
  }
  // Chart.js's Tooltip element draws itself on any context (its type leaves draw() out).
  (chart.tooltip as unknown as { draw?: (target: CanvasRenderingContext2D) => void } | undefined)?.draw?.(ctx);
}

/** For a plugin's beforeTooltipDraw: the tooltip goes on the overlay, above the markers. */
export const cancelTooltipDraw = () => false;
