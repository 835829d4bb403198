import { decodeColumns, encodeColumns, type ColumnArray } from "./binary-columns";
import type { ScoreVerdict } from "@/lib/detectors/ensemble";
import { featureColumn, type RunSeries } from "./run-series";

/**
 * What the Run page fetches of a run besides its HTML, as binary columns (binary-columns.ts):
 *
 * - core: window starts (int32 seconds after the first), Isolation Forest scores and autoencoder
 *   errors (float64: relabelling in the browser must cut exactly where the server cuts), the stored
 *   DBSCAN labels and one or two feature columns (float32, for drawing): about 1.3 MB for 51,600
 *   windows, against 3.7 MB of base64 inside the HTML before;
 * - feature: one more feature column, when the timeline switches to it;
 * - dbscan: DBSCAN labels under other eps / min samples (one byte per window), instead of paging
 *   through every flagged window's JSON;
 * - distance: each window's stored distance to the nearest DBSCAN core point (float64, Infinity
 *   when there is none), for the evaluation curves of runs with ground truth.
 */

export interface DbscanSettings {
  eps: number;
  minSamples: number;
}

/** A run's per-window data in the browser. */
export interface ClientSeries {
  count: number;
  /** Window length, seconds. */
  window: number;
  /** Window starts, Unix seconds, ascending. */
  starts: Float64Array;
  isolationForest: Float64Array;
  autoencoder: Float64Array;
  /** Stored DBSCAN labels and the settings that made them. */
  dbscan: Uint8Array;
  dbscanSettings: DbscanSettings | null;
  /** The feature columns that came with it, by feature index. */
  features: ReadonlyMap<number, Float32Array>;
  /** Runs that combine by score: the combined score per window and its cut. */
  score: ScoreVerdict | null;
}

interface CoreMeta {
  kind: "core";
  count: number;
  window: number;
  startBase: number;
  dbscanSettings: DbscanSettings | null;
  features: number[];
  /** The score ensemble's cut; with it comes a `combined` column. Absent: the run combines by vote. */
  scoreCut?: number;
}

interface FeatureMeta {
  kind: "feature";
  count: number;
  feature: number;
}

interface DbscanMeta {
  kind: "dbscan";
  count: number;
  eps: number;
  minSamples: number;
}

interface DistanceMeta {
  kind: "distance";
  count: number;
}

const featureKey = (f: number) => `feature:${f}`;

/** The core part with the given feature columns (indices into the run's features). */
export function encodeSeriesCore(series: RunSeries, features: readonly number[]): Uint8Array<ArrayBuffer> {
  const startBase = series.count > 0 ? (series.starts[0] as number) : 0;
  const starts = new Int32Array(series.count);
  for (let i = 0; i < series.count; i++) starts[i] = (series.starts[i] as number) - startBase;
  const columns: Record<string, ColumnArray> = {
    starts,
    isolationForest: series.isolationForest,
    autoencoder: series.autoencoder,
    dbscan: series.dbscan,
  };
  const unique = [...new Set(features)];
  for (const f of unique) columns[featureKey(f)] = featureColumn(series, f);
  const meta: CoreMeta = { kind: "core", count: series.count, window: series.window, startBase, dbscanSettings: series.dbscanSettings, features: unique };
  if (series.score) {
    columns.combined = Float64Array.from(series.score.combined);
    meta.scoreCut = series.score.cut;
  }
  return encodeColumns(meta, columns);
}

export function encodeFeaturePart(series: RunSeries, feature: number): Uint8Array<ArrayBuffer> {
  const meta: FeatureMeta = { kind: "feature", count: series.count, feature };
  return encodeColumns(meta, { [featureKey(feature)]: featureColumn(series, feature) });
}

export function encodeDbscanPart(labels: Uint8Array, settings: DbscanSettings): Uint8Array<ArrayBuffer> {
  const meta: DbscanMeta = { kind: "dbscan", count: labels.length, eps: settings.eps, minSamples: settings.minSamples };
  return encodeColumns(meta, { dbscan: labels });
}

export function encodeDistancePart(distances: Float64Array): Uint8Array<ArrayBuffer> {
  const meta: DistanceMeta = { kind: "distance", count: distances.length };
  return encodeColumns(meta, { dbscanDistance: distances });
}

function column<T extends ColumnArray>(columns: Record<string, ColumnArray>, name: string, type: new (n: number) => T, length: number): T {
  const array = columns[name];
  if (!(array instanceof type)) throw new RangeError(`run series: no ${name} column`);
  if (array.length !== length) throw new RangeError(`run series: ${name} has ${array.length} values for ${length} windows`);
  return array;
}

function readKind<M extends { kind: string; count: number }>(buffer: ArrayBuffer, kind: M["kind"]) {
  const decoded = decodeColumns<M>(buffer);
  if (decoded.meta?.kind !== kind || !Number.isInteger(decoded.meta.count)) throw new RangeError(`run series: expected a ${kind} part`);
  return decoded;
}

export function decodeSeriesCore(buffer: ArrayBuffer): ClientSeries {
  const { meta, columns } = readKind<CoreMeta>(buffer, "core");
  const n = meta.count;
  const offsets = column(columns, "starts", Int32Array, n);
  const starts = new Float64Array(n);
  for (let i = 0; i < n; i++) starts[i] = (offsets[i] as number) + meta.startBase;
  const features = new Map<number, Float32Array>();
  for (const f of meta.features) features.set(f, column(columns, featureKey(f), Float32Array, n));
  return {
    count: n,
    window: meta.window,
    starts,
    isolationForest: column(columns, "isolationForest", Float64Array, n),
    autoencoder: column(columns, "autoencoder", Float64Array, n),
    dbscan: column(columns, "dbscan", Uint8Array, n),
    dbscanSettings: meta.dbscanSettings,
    features,
    score: meta.scoreCut === undefined ? null : { combined: column(columns, "combined", Float64Array, n), cut: meta.scoreCut },
  };
}

export function decodeFeaturePart(buffer: ArrayBuffer): { feature: number; values: Float32Array } {
  const { meta, columns } = readKind<FeatureMeta>(buffer, "feature");
  return { feature: meta.feature, values: column(columns, featureKey(meta.feature), Float32Array, meta.count) };
}

export function decodeDbscanPart(buffer: ArrayBuffer): { settings: DbscanSettings; labels: Uint8Array } {
  const { meta, columns } = readKind<DbscanMeta>(buffer, "dbscan");
  return { settings: { eps: meta.eps, minSamples: meta.minSamples }, labels: column(columns, "dbscan", Uint8Array, meta.count) };
}

export function decodeDistancePart(buffer: ArrayBuffer): Float64Array {
  const { meta, columns } = readKind<DistanceMeta>(buffer, "distance");
  return column(columns, "dbscanDistance", Float64Array, meta.count);
}

/**
 * A short token that changes whenever what the series route would answer changes (a run's windows
 * never change once it has succeeded; a relabelling changes the stored DBSCAN labels), so the
 * browser may keep an answer for good under a URL that carries it.
 */
export function seriesVersion(parts: readonly (string | number | null | undefined)[]): string {
  // FNV-1a over the parts' text: short, stable, no crypto needed for a cache key.
  let hash = 0x811c9dc5;
  const text = parts.map((p) => String(p ?? "")).join("|");
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}
