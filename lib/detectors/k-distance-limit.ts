/**
 * The largest k (DBSCAN min samples) the server draws a k-distance curve for: the API refuses more
 * (400) and the run page's min-samples slider stops there. Pure, so client components import it.
 *
 * kDistanceCurve keeps a k-entry neighbour heap per window, so its time grows with k. Measured on
 * the 10,046 windows of a generated 1M-line log (2 cores, Node 20): k = 5: 0.3 s, 100: 1.2 s,
 * 500: 3.2 s, 1000: 5.3 s, 2000: 8.4 s, 10000: 17 s. At 1000 a curve stays a few seconds of one
 * compute thread per 10k windows, while covering every useful choice: DBSCAN's min samples is
 * usually a few times the feature count (8 or 12), the slider's default range stops at 50, and
 * 1000 is still 1% of a 100k-window run. A bound at the window count would not help: k = 10000 on
 * 10k windows is the 17 s measured. Beyond the window count the curve is flat (every window's
 * farthest neighbour), which the detector already handles, so small runs need no lower bound.
 */
export const MAX_K_DISTANCE_MIN_SAMPLES = 1000;
