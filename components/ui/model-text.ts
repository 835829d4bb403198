import type { LabelKey } from "@/lib/ui/model-style";

/**
 * Each model's colour as text: the same hue, darkened just enough for WCAG AA (4.5:1) on white and
 * on the model's own tint (MODEL_STYLE's `color` stays the colour of markers, lines and bars).
 */
export const MODEL_TEXT: Record<LabelKey, string> = {
  isolationForest: "#a04e0a",
  dbscan: "#7c3aed",
  autoencoder: "#0b6580",
  ensemble: "#b91c1c",
};

/** The grey "normal" badge: slate-600 on slate-100. */
export const NORMAL_BADGE = { backgroundColor: "#f1f5f9", color: "#475569" } as const;
