import { MODEL_KEYS, type ModelKey } from "./model-style";

/**
 * How the three detectors agree: windows per exact combination of flags (a window flagged by IF
 * and DBSCAN but not the AE counts under "IF + DBSCAN" only), and the pairwise Jaccard index
 * |A ∩ B| / |A ∪ B| of the flagged sets.
 */

export type ModelFlags = Record<ModelKey, ArrayLike<number>>;

/** Bit 1 = Isolation Forest, 2 = DBSCAN, 4 = autoencoder; 0 = no model. */
export const COMBINATIONS = [
  { mask: 1, label: "IF only" },
  { mask: 2, label: "DBSCAN only" },
  { mask: 4, label: "AE only" },
  { mask: 3, label: "IF + DBSCAN" },
  { mask: 5, label: "IF + AE" },
  { mask: 6, label: "DBSCAN + AE" },
  { mask: 7, label: "All three" },
] as const;

export interface Agreement {
  /** Windows per combination mask (index 0..7). */
  byMask: Uint32Array;
  /** Windows flagged per model. */
  perModel: Record<ModelKey, number>;
  /** jaccard[a][b] for models in MODEL_KEYS order; null when neither model flags anything. */
  jaccard: (number | null)[][];
  /** Windows flagged by at least one model. */
  anyModel: number;
  total: number;
}

export function computeAgreement(flags: ModelFlags): Agreement {
  const n = flags.isolationForest.length;
  const byMask = new Uint32Array(8);
  for (let i = 0; i < n; i++) {
    const mask = (flags.isolationForest[i] ? 1 : 0) | (flags.dbscan[i] ? 2 : 0) | (flags.autoencoder[i] ? 4 : 0);
    byMask[mask] = (byMask[mask] as number) + 1;
  }
  const bit = (k: ModelKey) => 1 << MODEL_KEYS.indexOf(k);
  const sumWhere = (test: (mask: number) => boolean) => {
    let total = 0;
    for (let m = 1; m < 8; m++) if (test(m)) total += byMask[m] as number;
    return total;
  };
  const perModel = Object.fromEntries(MODEL_KEYS.map((k) => [k, sumWhere((m) => (m & bit(k)) !== 0)])) as Record<ModelKey, number>;
  const jaccard = MODEL_KEYS.map((a) =>
    MODEL_KEYS.map((b) => {
      const both = sumWhere((m) => (m & bit(a)) !== 0 && (m & bit(b)) !== 0);
      const either = sumWhere((m) => (m & (bit(a) | bit(b))) !== 0);
      return either === 0 ? null : both / either;
    }),
  );
  return { byMask, perModel, jaccard, anyModel: n - (byMask[0] as number), total: n };
}
