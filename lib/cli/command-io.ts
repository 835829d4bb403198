/** Where a command writes: the terminal in real use, a buffer in tests. */
export interface CommandIo {
  /** Results and the closing summary. */
  out: (text: string) => void;
  /** Progress; `live` allows carriage-return updates of one line. */
  progress: (text: string) => void;
  live: boolean;
}

export const processIo: CommandIo = {
  out: (text) => process.stdout.write(text),
  progress: (text) => process.stderr.write(text),
  live: process.stderr.isTTY === true,
};
