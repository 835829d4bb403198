import { FEATURE_NAMES } from "@/lib/logs/types";

/**
 * A run's per-window columns as the Run page needs them in the browser (timeline, relabelling,
 * histograms), sent once from the server component as base64 typed arrays: a 50k-window run is
 * about 3.5 MB this way against roughly 10 MB of JSON number arrays, and decoding is a copy, not a
 * parse. Typed arrays are little-endian on every platform the dashboard runs on.
 */

export const FEATURE_COUNT = FEATURE_NAMES.length;

export interface RunSeries {
  count: number;
  /** Window length, seconds. */
  window: number;
  /** Window starts, Unix seconds, ascending (window index order). */
  starts: Float64Array;
  /** Row-major count x FEATURE_COUNT raw features (float32 is plenty for drawing). */
  features: Float32Array;
  isolationForest: Float64Array;
  autoencoder: Float64Array;
  /** Stored DBSCAN labels and the settings that made them. */
  dbscan: Uint8Array;
  dbscanSettings: { eps: number; minSamples: number } | null;
}

export interface RunSeriesPayload {
  count: number;
  window: number;
  startBase: number;
  /** Int32 seconds after startBase. */
  starts: string;
  features: string;
  isolationForest: string;
  autoencoder: string;
  dbscan: string;
  dbscanSettings: { eps: number; minSamples: number } | null;
}

const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const asBytes = (view: ArrayBufferView) => new Uint8Array(view.buffer, view.byteOffset, view.byteLength);

export function encodeRunSeries(series: RunSeries): RunSeriesPayload {
  const startBase = series.count > 0 ? (series.starts[0] as number) : 0;
  const starts = Int32Array.from(series.starts, (s) => s - startBase);
  return {
    count: series.count,
    window: series.window,
    startBase,
    starts: bytesToBase64(asBytes(starts)),
    features: bytesToBase64(asBytes(series.features)),
    isolationForest: bytesToBase64(asBytes(series.isolationForest)),
    autoencoder: bytesToBase64(asBytes(series.autoencoder)),
    dbscan: bytesToBase64(series.dbscan),
    dbscanSettings: series.dbscanSettings,
  };
}

function checkLength(name: string, actual: number, expected: number): void {
  if (actual !== expected) throw new RangeError(`run series: ${name} has ${actual} values for ${expected} windows`);
}

export function decodeRunSeries(payload: RunSeriesPayload): RunSeries {
  const n = payload.count;
  const starts = new Int32Array(base64ToBytes(payload.starts).buffer);
  const features = new Float32Array(base64ToBytes(payload.features).buffer);
  const isolationForest = new Float64Array(base64ToBytes(payload.isolationForest).buffer);
  const autoencoder = new Float64Array(base64ToBytes(payload.autoencoder).buffer);
  const dbscan = base64ToBytes(payload.dbscan);
  checkLength("starts", starts.length, n);
  checkLength("features", features.length, n * FEATURE_COUNT);
  checkLength("isolation forest scores", isolationForest.length, n);
  checkLength("autoencoder errors", autoencoder.length, n);
  checkLength("DBSCAN labels", dbscan.length, n);
  return {
    count: n,
    window: payload.window,
    starts: Float64Array.from(starts, (s) => s + payload.startBase),
    features,
    isolationForest,
    autoencoder,
    dbscan,
    dbscanSettings: payload.dbscanSettings,
  };
}

/**
 * One feature's values across all windows. The row width comes from the matrix itself: a run with
 * extra (template) features stores more than FEATURE_COUNT per row, the seed eight first.
 */
export function featureColumn(series: Pick<RunSeries, "count" | "features">, feature: number): Float32Array {
  const stride = series.count > 0 ? Math.round(series.features.length / series.count) : FEATURE_COUNT;
  const out = new Float32Array(series.count);
  for (let i = 0; i < series.count; i++) out[i] = series.features[i * stride + feature] as number;
  return out;
}
