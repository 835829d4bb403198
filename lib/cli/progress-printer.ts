import type { PipelineListener } from "@/lib/pipeline/types";
import type { CommandIo } from "./command-io";

/**
 * Prints pipeline progress: stage changes (a live percentage on a terminal) on the progress
 * stream, and one `Epoch i/N, Loss: x` line per autoencoder epoch on the output, as the seed's
 * Keras training did.
 */
export function createProgressPrinter(io: CommandIo): PipelineListener {
  let lastMessage = "";
  let lastPercent = -1;
  const endLiveLine = () => {
    if (io.live && lastPercent >= 0) io.progress("\n");
    lastPercent = -1;
  };
  return (event) => {
    if (event.kind === "epoch") {
      endLiveLine();
      io.out(`Epoch ${event.epoch}/${event.epochs}, Loss: ${event.loss.toFixed(6)}\n`);
      return;
    }
    if (event.message !== lastMessage) {
      endLiveLine();
      lastMessage = event.message;
      if (!io.live) io.progress(`${event.message}...\n`);
    }
    const percent = Math.floor(event.fraction * 100);
    if (io.live && percent !== lastPercent) {
      lastPercent = percent;
      io.progress(`\r${event.message}... ${percent}%`);
    }
  };
}
