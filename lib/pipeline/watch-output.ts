import { open, type FileHandle } from "node:fs/promises";
import { UserInputError } from "@/lib/domain/user-input-error";
import { explainWriteError, type OutputPlace } from "./write-failure";

const PLACE: OutputPlace = { what: "the results", option: "--out" };

/**
 * The results CSV of `npm run watch`, appended to as windows close: the header once, when the file
 * is new or empty; an existing file must have the same header (another model's columns would make
 * one file of two tables). Each append is one write of whole rows, so a reader never sees half a row.
 */
export class ResultsAppender {
  private constructor(
    private readonly file: FileHandle,
    private readonly path: string,
  ) {}

  static async open(path: string, header: string): Promise<ResultsAppender> {
    let file: FileHandle;
    try {
      file = await open(path, "a+");
    } catch (error) {
      throw await explainWriteError(error, PLACE, path);
    }
    const appender = new ResultsAppender(file, path);
    try {
      const { size } = await file.stat();
      if (size === 0) {
        await appender.append(`${header}\n`);
        return appender;
      }
      const head = Buffer.alloc(Math.min(size, header.length + 1));
      await file.read(head, 0, head.length, 0);
      if (head.toString("utf8") !== `${header}\n`.slice(0, head.length) || head.length < header.length + 1) {
        throw new UserInputError(
          `--out ${path} already holds results with other columns than this model's: give another --out file, or remove it to start again.`,
        );
      }
      return appender;
    } catch (error) {
      await file.close();
      throw error;
    }
  }

  async append(text: string): Promise<void> {
    if (text === "") return;
    try {
      await this.file.appendFile(text);
    } catch (error) {
      throw await explainWriteError(error, PLACE, this.path);
    }
  }

  async close(): Promise<void> {
    await this.file.close();
  }
}
