"use client";

import { useRouter } from "next/navigation";
import { useCallback, useRef, useState, type KeyboardEvent } from "react";
import { formatUtcShort } from "@/lib/ui/format";
import { timelineKeyAction, type TimeRange, type TimelineKeyState } from "@/lib/ui/timeline-keys";

interface TimelineKeysOptions {
  /** Null while the run's data loads (keys do nothing then). */
  state: TimelineKeyState | null;
  /** The sentence announced for a window (time, events, verdicts). */
  describe: (index: number) => string;
  windowHref: (index: number) => string;
  onSelect: (index: number | null) => void;
  onRangeChange: (range: TimeRange | null) => void;
}

/**
 * The timeline's keyboard handler and what it announces (shown in a role="status" element): each
 * key's effect comes from lib/ui/timeline-keys.ts; this hook applies it and words the result.
 */
export function useTimelineKeys({ state, describe, windowHref, onSelect, onRangeChange }: TimelineKeysOptions) {
  const router = useRouter();
  const [announcement, setAnnouncement] = useState("");
  const latest = useRef({ state, describe, windowHref, onSelect, onRangeChange });
  latest.current = { state, describe, windowHref, onSelect, onRangeChange };

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const current = latest.current;
      if (!current.state || event.altKey || event.ctrlKey || event.metaKey) return;
      const action = timelineKeyAction(event.key, { shift: event.shiftKey }, current.state);
      if (!action) return;
      event.preventDefault();
      switch (action.type) {
        case "select":
          current.onSelect(action.index);
          if (action.range !== undefined) current.onRangeChange(action.range);
          setAnnouncement(current.describe(action.index));
          break;
        case "zoom": {
          current.onRangeChange(action.range);
          const shown = action.range ?? current.state.bounds;
          setAnnouncement(action.range ? `Showing ${formatUtcShort(shown.min)} to ${formatUtcShort(shown.max)} UTC.` : "Showing the whole run.");
          break;
        }
        case "open":
          setAnnouncement(`Opening window #${action.index}.`);
          router.push(current.windowHref(action.index));
          break;
        case "clear":
          current.onSelect(null);
          setAnnouncement("Selection cleared.");
          break;
        case "none":
          setAnnouncement(action.message);
          break;
      }
    },
    [router],
  );

  /** A click on the chart selects too, and is announced the same way. */
  const selectByPointer = useCallback((index: number) => {
    latest.current.onSelect(index);
    setAnnouncement(latest.current.describe(index));
  }, []);

  return { onKeyDown, selectByPointer, announcement };
}
