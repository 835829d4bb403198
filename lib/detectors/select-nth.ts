/** Quickselect on `order[lo..hi]` by column `dim`, so that position `nth` holds its order statistic. */
export function selectNth(order: Int32Array, data: Float64Array, cols: number, dim: number, lo: number, hi: number, nth: number): void {
  const key = (p: number) => data[(order[p] as number) * cols + dim] as number;
  while (hi > lo) {
    const pivot = key((lo + hi) >> 1);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (key(i) < pivot) i++;
      while (key(j) > pivot) j--;
      if (i <= j) {
        const t = order[i] as number;
        order[i] = order[j] as number;
        order[j] = t;
        i++;
        j--;
      }
    }
    if (nth <= j) hi = j;
    else if (nth >= i) lo = i;
    else return;
  }
}
