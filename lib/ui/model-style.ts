/**
 * How each detector looks everywhere in the dashboard. Colour alone is not enough (colour-blind
 * analysts, greyscale prints), so every model also has its own marker shape, used on the timeline,
 * in legends and in table badges alike.
 */

export const MODEL_KEYS = ["isolationForest", "dbscan", "autoencoder"] as const;
export type ModelKey = (typeof MODEL_KEYS)[number];
export type LabelKey = ModelKey | "ensemble";
export const LABEL_KEYS: readonly LabelKey[] = [...MODEL_KEYS, "ensemble"];

/** Chart.js point styles used by the markers. */
export type MarkerShape = "triangle" | "rectRot" | "rect" | "circle";

export interface ModelStyle {
  name: string;
  short: string;
  color: string;
  /** Translucent fill for areas and badges. */
  tint: string;
  shape: MarkerShape;
}

export const MODEL_STYLE: Record<LabelKey, ModelStyle> = {
  isolationForest: { name: "Isolation Forest", short: "IF", color: "#d97706", tint: "rgba(217, 119, 6, 0.14)", shape: "triangle" },
  dbscan: { name: "DBSCAN", short: "DB", color: "#7c3aed", tint: "rgba(124, 58, 237, 0.14)", shape: "rectRot" },
  autoencoder: { name: "Autoencoder", short: "AE", color: "#0e7490", tint: "rgba(14, 116, 144, 0.14)", shape: "rect" },
  ensemble: { name: "Ensemble", short: "ENS", color: "#dc2626", tint: "rgba(220, 38, 38, 0.12)", shape: "circle" },
};

/** The series line and neutral chart colours. */
export const SERIES_COLOR = "#2563eb";
export const SERIES_FILL = "rgba(37, 99, 235, 0.08)";
export const GRID_COLOR = "#eef0f4";
export const AXIS_TEXT_COLOR = "#64748b";
