import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { DEFAULT_MAX_FILE_BYTES, FileStoreError, type FileStore, type StoredFileStat } from "./file-store";
import { sniffContentType } from "./sniff-content-type";

const HEAD_BYTES = 16;
const MAX_KEY_LENGTH = 1024;

/**
 * A file store on a local directory: a key is a relative path inside it ("cctv/sf-cam1/x.png").
 * Keys come from the business's database, so they are treated as untrusted: no absolute path, no
 * "." or ".." segment, no backslash or NUL, and the real path (symlinks resolved) must stay inside
 * the directory's own real path, so a symlink cannot lead out of the store. Only regular files up
 * to `maxFileBytes` are read. The file is opened once and stat-ed through its descriptor, so what is
 * checked is what is read.
 */
export function openDirectoryFileStore(dir: string, options: { maxFileBytes?: number } = {}): FileStore {
  const root = path.resolve(dir);
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let realRoot: Promise<string> | undefined;

  const openChecked = async (key: string): Promise<{ handle: fs.promises.FileHandle; bytes: number }> => {
    const relative = checkKey(key);
    const rootPath = await (realRoot ??= fs.promises.realpath(root).catch(() => {
      realRoot = undefined;
      throw new FileStoreError("unreadable", "the file store's directory cannot be read");
    }));
    let real: string;
    try {
      real = await fs.promises.realpath(path.join(rootPath, relative));
    } catch (error) {
      throw asStoreError(error);
    }
    if (!real.startsWith(rootPath + path.sep)) throw new FileStoreError("outside_store", "the key leads outside the file store");
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(real, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
    } catch (error) {
      throw asStoreError(error);
    }
    const stat = await handle.stat();
    if (!stat.isFile()) {
      await handle.close();
      throw new FileStoreError("not_a_file", "the key names something that is not a file");
    }
    if (stat.size > max) {
      await handle.close();
      throw new FileStoreError("too_large", `the file is larger than the store's limit of ${max} bytes`);
    }
    return { handle, bytes: stat.size };
  };

  return {
    async stat(key): Promise<StoredFileStat> {
      const { handle, bytes } = await openChecked(key);
      try {
        const head = Buffer.alloc(Math.min(HEAD_BYTES, bytes));
        if (head.length > 0) await handle.read(head, 0, head.length, 0);
        return { bytes, contentType: sniffContentType(head) };
      } finally {
        await handle.close();
      }
    },
    async open(key): Promise<Readable> {
      const { handle } = await openChecked(key);
      return handle.createReadStream({ start: 0 });
    },
    async check() {
      try {
        const stat = await fs.promises.stat(root);
        if (!stat.isDirectory()) return [`${root} is not a directory`];
        await fs.promises.access(root, fs.constants.R_OK | fs.constants.X_OK);
        return [];
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return [code === "ENOENT" ? `the directory ${root} does not exist` : `the directory ${root} cannot be read (${code ?? "error"})`];
      }
    },
  };
}

/** The key as a relative path, or a FileStoreError: the rules hold for every store, not only this one. */
export function checkKey(key: unknown): string {
  if (typeof key !== "string" || key.length === 0 || key.length > MAX_KEY_LENGTH) throw new FileStoreError("invalid_key", "the key is empty or too long");
  if (key.includes("\0") || key.includes("\\")) throw new FileStoreError("invalid_key", "the key holds a NUL or a backslash");
  if (key.startsWith("/") || /^[A-Za-z]:/.test(key)) throw new FileStoreError("invalid_key", "the key is an absolute path");
  const segments = key.split("/");
  if (segments.some((s) => s === "" || s === "." || s === "..")) throw new FileStoreError("invalid_key", "the key has an empty, \".\" or \"..\" segment");
  return segments.join(path.sep);
}

function asStoreError(error: unknown): FileStoreError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT" || code === "ENOTDIR") return new FileStoreError("not_found", "no file is stored under the key");
  if (code === "ELOOP") return new FileStoreError("outside_store", "the key names a symbolic link");
  return new FileStoreError("unreadable", `the file cannot be read (${code ?? "error"})`);
}
