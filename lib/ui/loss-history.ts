/**
 * The autoencoder's loss per epoch, read off the job message the worker updates while training
 * ("... Epoch 12/40, loss 0.4213"). Polling sees some messages and misses others, so the history
 * keeps one point per epoch, in epoch order, whatever order they arrive in.
 */

export interface LossPoint {
  epoch: number;
  epochs: number;
  loss: number;
}

const EPOCH_MESSAGE = /epoch\s+(\d+)\s*\/\s*(\d+)\s*,?\s*loss[\s:=]+([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)/i;

export function parseEpochMessage(message: string | null | undefined): LossPoint | null {
  const match = message ? EPOCH_MESSAGE.exec(message) : null;
  if (!match) return null;
  const epoch = Number(match[1]);
  const epochs = Number(match[2]);
  const loss = Number(match[3]);
  if (!(epoch >= 1 && epochs >= epoch && Number.isFinite(loss))) return null;
  return { epoch, epochs, loss };
}

/** The history with `point` added (replacing an earlier report of the same epoch). */
export function addLossPoint(history: readonly LossPoint[], point: LossPoint | null): readonly LossPoint[] {
  if (!point) return history;
  const existing = history.find((p) => p.epoch === point.epoch);
  if (existing && existing.loss === point.loss) return history;
  return [...history.filter((p) => p.epoch !== point.epoch), point].sort((a, b) => a.epoch - b.epoch);
}
