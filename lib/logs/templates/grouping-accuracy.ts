/**
 * Grouping accuracy as defined by Loghub's benchmark (logparser's `get_accuracy`, Zhu et al., ICSE-SEIP
 * 2019): a line counts as correctly parsed when the lines sharing its predicted template are exactly
 * the lines sharing its ground-truth event. Returns the fraction of such lines (1 for no lines).
 */
export function groupingAccuracy(predicted: ArrayLike<number | string>, truth: ArrayLike<string>): number {
  const n = truth.length;
  if (predicted.length !== n) {
    throw new RangeError(`predicted has ${predicted.length} labels but truth has ${n}`);
  }
  if (n === 0) return 1;
  const truthSizes = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const event = truth[i] as string;
    truthSizes.set(event, (truthSizes.get(event) ?? 0) + 1);
  }
  // For each predicted group: its size and its ground-truth event, or null once two events mix.
  const groups = new Map<number | string, { size: number; event: string | null }>();
  for (let i = 0; i < n; i++) {
    const key = predicted[i] as number | string;
    const event = truth[i] as string;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { size: 1, event });
    else {
      group.size++;
      if (group.event !== event) group.event = null;
    }
  }
  let correct = 0;
  for (const { size, event } of groups.values()) {
    if (event !== null && truthSizes.get(event) === size) correct += size;
  }
  return correct / n;
}
