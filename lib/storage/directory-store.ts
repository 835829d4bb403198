import { randomBytes } from "node:crypto";
import { copyFile, mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";
import type { Config } from "@/lib/config/env";
import { dataDirCheck, findUnwritableDir, workDirChecks } from "@/lib/ops/writable-dirs";
import { checkKey, type BlobStore, type CheckOptions, type PutOptions, type StorageArea, type StoredObject } from "./blob-store";

/**
 * The folder layout Logscope always had: `uploads/` and `labels/` under DATA_DIR, model directories
 * under MODELS_DIR. Several machines share it by mounting the same folders (NFS, a cloud file
 * share) at the same paths. A key's file is its own local copy, so nothing is ever copied to read it.
 */
export class DirectoryStore implements BlobStore {
  readonly kind = "dir";
  readonly location: string;
  private readonly roots: Record<StorageArea, string>;

  constructor(private readonly settings: Pick<Config, "dataDir" | "modelsDir">) {
    this.location = settings.dataDir;
    this.roots = { uploads: join(settings.dataDir, "uploads"), labels: join(settings.dataDir, "labels"), models: settings.modelsDir };
  }

  /** The file (or, for a prefix ending in "/", the folder) a key names. */
  private pathOf(key: string): string {
    const area = checkKey(key);
    return join(this.roots[area], key.slice(area.length + 1));
  }

  localPath(key: string): string {
    return this.pathOf(key);
  }

  async put(key: string, localPath: string, options: PutOptions = {}): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    if (options.move) {
      try {
        // One disk (uploads arrive in uploads/.incoming): a rename, as before there was a store.
        await rename(localPath, target);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EXDEV") throw error;
      }
    }
    // A copy goes to a hidden sibling first, so a reader never opens a half-written file.
    const temporary = join(dirname(target), `.${randomBytes(6).toString("hex")}.partial`);
    try {
      await copyFile(localPath, temporary);
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    if (options.move) await rm(localPath, { force: true });
  }

  async fetch(key: string, localPath: string): Promise<void> {
    await copyFile(this.pathOf(key), localPath);
  }

  async openRead(key: string): Promise<Readable> {
    // Opened here so that a missing file rejects now (ENOENT), not on the stream's first read.
    const handle = await open(this.pathOf(key), "r");
    return handle.createReadStream();
  }

  async size(key: string): Promise<number | null> {
    const info = await stat(this.pathOf(key)).catch(() => null);
    return info?.isFile() ? info.size : null;
  }

  async exists(key: string): Promise<boolean> {
    return (await this.size(key)) !== null;
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const cut = prefix.lastIndexOf("/");
    const dirKey = prefix.slice(0, cut + 1);
    const start = prefix.slice(cut + 1);
    const found: StoredObject[] = [];
    const walk = async (key: string, match: string): Promise<void> => {
      const entries = await readdir(this.pathOf(key), { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        if (!entry.name.startsWith(match)) continue;
        const child = `${key}${entry.name}`;
        if (entry.isDirectory()) {
          if (!entry.name.startsWith(".")) await walk(`${child}/`, "");
        }
        else if (entry.isFile()) {
          // A file removed while it is listed is left out.
          const size = await this.size(child);
          if (size !== null) found.push({ key: child, size });
        }
      }
    };
    await walk(dirKey, start);
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async deletePrefix(prefix: string): Promise<void> {
    const cut = prefix.lastIndexOf("/");
    const dir = this.pathOf(prefix.slice(0, cut + 1));
    const start = prefix.slice(cut + 1);
    if (start === "") {
      await rm(dir, { recursive: true, force: true });
      return;
    }
    const names = await readdir(dir).catch(() => [] as string[]);
    await Promise.all(names.filter((name) => name.startsWith(start)).map((name) => rm(join(dir, name), { recursive: true, force: true })));
  }

  /** DATA_DIR, its uploads folder and MODELS_DIR take a new file (lib/ops/writable-dirs.ts). */
  async check(options: CheckOptions): Promise<string | null> {
    return findUnwritableDir([dataDirCheck(this.settings), ...workDirChecks(this.settings)], { create: options.createFolders });
  }
}
