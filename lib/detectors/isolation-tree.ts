import type { Random } from "./random";
import type { Matrix } from "./types";

const EULER_GAMMA = 0.5772156649;

/**
 * Average path length of an unsuccessful binary-search-tree search over n points, docs/pipeline.md §5:
 * c(n) = 2 H(n - 1) - 2 (n - 1) / n with H(i) = ln(i) + Euler's constant, c(1) = 0 (and c(0) = 0).
 */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/**
 * Isolation trees of a whole forest, flattened into parallel typed arrays in pre-order, so a
 * node's left child is the next node and only the right child needs storing. A leaf has
 * feature -1 and `value` = depth + c(leaf size), the full path-length estimate of its points.
 */
export interface ForestArrays {
  feature: Int32Array;
  /** Split threshold (x <= value goes left) for inner nodes, path length for leaves. */
  value: Float64Array;
  right: Int32Array;
  /** Root node index of each tree. */
  roots: Int32Array;
}

/** Growable node storage used while building, trimmed into ForestArrays at the end. */
export class ForestBuilder {
  private feature = new Int32Array(1024);
  private value = new Float64Array(1024);
  private right = new Int32Array(1024);
  private count = 0;
  private readonly roots: number[] = [];

  /** Grows one tree on the rows `sample` of `x` (the array is reordered in place). */
  addTree(x: Matrix, sample: Int32Array, maxDepth: number, random: Random): void {
    this.roots.push(this.count);
    const featureOrder = new Int32Array(x.cols);
    this.grow(x, sample, 0, sample.length, 0, maxDepth, random, featureOrder);
  }

  finish(): ForestArrays {
    return {
      feature: this.feature.slice(0, this.count),
      value: this.value.slice(0, this.count),
      right: this.right.slice(0, this.count),
      roots: Int32Array.from(this.roots),
    };
  }

  private grow(
    x: Matrix,
    sample: Int32Array,
    start: number,
    end: number,
    depth: number,
    maxDepth: number,
    random: Random,
    featureOrder: Int32Array,
  ): void {
    const node = this.allocate();
    const size = end - start;
    const split = size > 1 && depth < maxDepth ? chooseSplit(x, sample, start, end, random, featureOrder) : null;
    if (!split) {
      this.feature[node] = -1;
      this.value[node] = depth + averagePathLength(size);
      return;
    }
    const { cols, data } = x;
    // Partition: rows with x[f] <= threshold first.
    let i = start;
    let j = end - 1;
    while (i <= j) {
      if ((data[(sample[i] as number) * cols + split.feature] as number) <= split.threshold) {
        i++;
      } else {
        const t = sample[i] as number;
        sample[i] = sample[j] as number;
        sample[j] = t;
        j--;
      }
    }
    this.feature[node] = split.feature;
    this.value[node] = split.threshold;
    this.grow(x, sample, start, i, depth + 1, maxDepth, random, featureOrder);
    this.right[node] = this.count;
    this.grow(x, sample, i, end, depth + 1, maxDepth, random, featureOrder);
  }

  private allocate(): number {
    if (this.count === this.feature.length) {
      const grow = <T extends Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
        const next = make(old.length * 2);
        next.set(old);
        return next;
      };
      this.feature = grow(this.feature, (n) => new Int32Array(n));
      this.value = grow(this.value, (n) => new Float64Array(n));
      this.right = grow(this.right, (n) => new Int32Array(n));
    }
    this.right[this.count] = -1;
    return this.count++;
  }
}

/**
 * A random feature among those not constant on the node's rows, and a threshold uniform in
 * [min, max) of that feature. Constant features are skipped (as scikit-learn's extra-tree
 * splitter does); a node where every feature is constant becomes a leaf.
 */
function chooseSplit(
  x: Matrix,
  sample: Int32Array,
  start: number,
  end: number,
  random: Random,
  featureOrder: Int32Array,
): { feature: number; threshold: number } | null {
  const { cols, data } = x;
  for (let k = 0; k < cols; k++) featureOrder[k] = k;
  // Lazy Fisher-Yates: draw features without replacement until a non-constant one turns up.
  for (let k = 0; k < cols; k++) {
    const pick = k + random.nextInt(cols - k);
    const f = featureOrder[pick] as number;
    featureOrder[pick] = featureOrder[k] as number;
    featureOrder[k] = f;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = start; i < end; i++) {
      const v = data[(sample[i] as number) * cols + f] as number;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (hi > lo) {
      let threshold = lo + random.nextFloat() * (hi - lo);
      // Rounding may land on hi, which would send every row left; lo keeps both sides non-empty.
      if (threshold >= hi) threshold = lo;
      return { feature: f, threshold };
    }
  }
  return null;
}
