import { formatCount, formatNumber, formatUtc } from "./format";
import { lowerBound, upperBound } from "./decimate-series";
import { MODEL_KEYS, MODEL_STYLE } from "./model-style";

/**
 * The timeline's keyboard: what a key does to the selected window and the visible range, as a
 * pure function of the current state, and the sentence a screen reader announces for a selection.
 *
 * ←/→ previous / next window · Shift+←/→ or Page Up/Down previous / next ensemble anomaly ·
 * Home/End first / last window · + / − zoom in / out around the selection · Enter opens the
 * selected window · Escape clears the selection.
 */

export interface TimeRange {
  min: number;
  max: number;
}

export interface TimelineKeyState {
  selected: number | null;
  /** Visible range. */
  range: TimeRange;
  /** The whole run. */
  bounds: TimeRange;
  /** Smallest visible span. */
  minSpan: number;
  /** Window length, seconds. */
  window: number;
  starts: ArrayLike<number>;
  /** Ensemble flags per window. */
  anomalies: ArrayLike<number>;
}

export type TimelineKeyAction =
  /** `range`: the new visible range (null = the whole run), absent when it stays. */
  | { type: "select"; index: number; range?: TimeRange | null }
  | { type: "zoom"; range: TimeRange | null }
  | { type: "open"; index: number }
  | { type: "clear" }
  /** A handled key that changes nothing; `message` says why (no later anomaly, ...). */
  | { type: "none"; message: string };

export interface KeyModifiers {
  shift?: boolean;
}

/** The range, unless it covers the whole run (then null: "not zoomed"). */
function normalize(range: TimeRange, bounds: TimeRange): TimeRange | null {
  return range.min <= bounds.min && range.max >= bounds.max ? null : range;
}

/** A range of the given span around `center`, kept inside the run. */
export function rangeAround(center: number, span: number, bounds: TimeRange): TimeRange {
  const width = Math.min(span, bounds.max - bounds.min);
  const min = Math.min(Math.max(center - width / 2, bounds.min), bounds.max - width);
  return { min, max: min + width };
}

/** The range moved (same span) so that window `index` lies inside it, or undefined when it already does. */
export function followSelection(state: TimelineKeyState, index: number): TimeRange | null | undefined {
  const start = state.starts[index] as number;
  const { range } = state;
  if (start >= range.min && start + state.window <= range.max) return undefined;
  return normalize(rangeAround(start + state.window / 2, range.max - range.min, state.bounds), state.bounds);
}

function nextFlagged(flags: ArrayLike<number>, from: number, step: 1 | -1): number | null {
  for (let i = from; i >= 0 && i < flags.length; i += step) if (flags[i]) return i;
  return null;
}

function select(state: TimelineKeyState, index: number): TimelineKeyAction {
  const range = followSelection(state, index);
  return range === undefined ? { type: "select", index } : { type: "select", index, range };
}

function zoom(state: TimelineKeyState, factor: number): TimelineKeyAction {
  const { range, bounds, selected, starts } = state;
  const span = range.max - range.min;
  const next = Math.min(Math.max(span * factor, state.minSpan), bounds.max - bounds.min);
  const center = selected !== null ? (starts[selected] as number) + state.window / 2 : (range.min + range.max) / 2;
  if (next === span) return { type: "none", message: factor < 1 ? "Zoomed in as far as it goes." : "The whole run is shown." };
  return { type: "zoom", range: normalize(rangeAround(center, next, bounds), bounds) };
}

/** What `key` (KeyboardEvent.key) does, or null when the timeline does not handle it. */
export function timelineKeyAction(key: string, modifiers: KeyModifiers, state: TimelineKeyState): TimelineKeyAction | null {
  const n = state.starts.length;
  if (n === 0) return null;
  const { selected } = state;
  // With nothing selected, arrows start from the visible range's edge.
  const firstVisible = Math.min(lowerBound(state.starts, state.range.min), n - 1);
  const lastVisible = Math.max(upperBound(state.starts, state.range.max - state.window) - 1, 0);
  const jump = (step: 1 | -1): TimelineKeyAction => {
    const from = selected === null ? (step === 1 ? firstVisible : lastVisible) : selected + step;
    const found = nextFlagged(state.anomalies, from, step);
    return found === null ? { type: "none", message: step === 1 ? "No later anomaly." : "No earlier anomaly." } : select(state, found);
  };
  switch (key) {
    case "ArrowRight":
      if (modifiers.shift) return jump(1);
      return select(state, selected === null ? firstVisible : Math.min(selected + 1, n - 1));
    case "ArrowLeft":
      if (modifiers.shift) return jump(-1);
      return select(state, selected === null ? lastVisible : Math.max(selected - 1, 0));
    case "PageDown":
      return jump(1);
    case "PageUp":
      return jump(-1);
    case "Home":
      return select(state, 0);
    case "End":
      return select(state, n - 1);
    case "+":
    case "=":
      return zoom(state, 0.5);
    case "-":
    case "_":
      return zoom(state, 2);
    case "Enter":
      return selected === null ? { type: "none", message: "Select a window first: use the arrow keys." } : { type: "open", index: selected };
    case "Escape":
      return selected === null ? null : { type: "clear" };
    default:
      return null;
  }
}

export interface WindowSummary {
  index: number;
  start: number;
  /** Events in the window (event_count), when known. */
  events: number | null;
  /** The plotted feature, when it is not the event count. */
  feature?: { label: string; value: number };
  flags: { isolationForest: boolean; dbscan: boolean; autoencoder: boolean; ensemble: boolean };
}

const list = (names: string[]) => (names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`);

/** "Flagged by Isolation Forest and DBSCAN: an ensemble anomaly." or "No model flags it." */
export function describeVerdict(flags: WindowSummary["flags"]): string {
  const flagged = MODEL_KEYS.filter((k) => flags[k]).map((k) => MODEL_STYLE[k].name);
  if (flagged.length === 0) return "No model flags it.";
  return `Flagged by ${list(flagged)}${flags.ensemble ? ": an ensemble anomaly." : "; not an ensemble anomaly."}`;
}

/** "Window #1234, 2005-06-14 15:16:00 UTC: 45 events. Flagged by Isolation Forest and DBSCAN: an ensemble anomaly." */
export function describeWindow(w: WindowSummary): string {
  const events = w.events === null || !Number.isFinite(w.events) ? "" : `: ${formatCount(w.events)} event${w.events === 1 ? "" : "s"}`;
  const feature = w.feature ? `, ${w.feature.label} ${formatNumber(w.feature.value)}` : "";
  return `Window #${w.index}, ${formatUtc(w.start)} UTC${events}${feature}. ${describeVerdict(w.flags)}`;
}
