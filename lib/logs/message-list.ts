import type { WindowCounts } from "./window-counts";

/** Reusable arrays for the distinct messages of one window at a time. */
export class MessageList {
  ids = new Int32Array(256);
  counts = new Int32Array(256);

  fill(counts: WindowCounts): number {
    if (this.ids.length < counts.messages) {
      this.ids = new Int32Array(counts.messages * 2);
      this.counts = new Int32Array(counts.messages * 2);
    }
    return counts.listMessages(this.ids, this.counts);
  }
}
