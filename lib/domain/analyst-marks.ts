/**
 * How a run's ground-truth source (Run.truthSource, "<file>: <description>") records the marks an
 * analyst gave from the window page. Marks on a run with a labels file append a count
 * ("labels.csv: window starts (5 windows) + 3 analyst marks"); the first mark on a run without
 * labels starts a source of its own ("Analyst marks (1 mark)"), where every unmarked window counts
 * as normal. Imports nothing, so the store, the server and the page all read the same text.
 */

const MARKS_ONLY = /^Analyst marks \((\d+) marks?\)$/;
const MARKS_ADDED = / \+ (\d+) analyst marks?$/;

const marks = (n: number) => `${n} mark${n === 1 ? "" : "s"}`;

/** The source after one more mark that changed the truth; null = the run had no ground truth. */
export function sourceWithMark(previous: string | null): string {
  if (previous === null) return `Analyst marks (${marks(1)})`;
  const only = MARKS_ONLY.exec(previous);
  if (only) return `Analyst marks (${marks(Number(only[1]) + 1)})`;
  const added = MARKS_ADDED.exec(previous);
  const base = added ? previous.slice(0, added.index) : previous;
  const count = Number(added?.[1] ?? 0) + 1;
  return `${base} + ${count} analyst mark${count === 1 ? "" : "s"}`;
}

/** True when the ground truth is the analyst's marks alone (no labels file behind it). */
export function isAnalystMarksOnly(source: string): boolean {
  return MARKS_ONLY.test(source);
}
