import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileStoreError } from "../../../server/connectors/files/file-store";
import { openDirectoryFileStore } from "../../../server/connectors/files/open-directory-file-store";
import { sniffContentType } from "../../../server/connectors/files/sniff-content-type";
import { drawCameraStill } from "../../../db/demo-business/write-demo-files";

// ADR 027: keys come from the business's database and are untrusted; the store must never read
// outside its directory, and a missing file is a reported state, not a crash.
describe("directory file store", () => {
  let base: string;
  let dir: string;
  const png = drawCameraStill(7);

  beforeAll(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-store-"));
    dir = path.join(base, "store");
    fs.mkdirSync(path.join(dir, "cctv"), { recursive: true });
    fs.writeFileSync(path.join(dir, "cctv", "still.jpg"), png); // a PNG behind a .jpg name
    fs.writeFileSync(path.join(dir, "sig_0001"), png);
    fs.writeFileSync(path.join(dir, "big.bin"), Buffer.alloc(2048));
    fs.writeFileSync(path.join(base, "secret.txt"), "outside the store");
    fs.symlinkSync(path.join(base, "secret.txt"), path.join(dir, "escape"));
    fs.symlinkSync(base, path.join(dir, "up"));
    fs.symlinkSync(path.join(dir, "sig_0001"), path.join(dir, "inside-link"));
  });
  afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

  const codeOf = async (promise: Promise<unknown>) => {
    try {
      await promise;
      return "resolved";
    } catch (error) {
      expect(error).toBeInstanceOf(FileStoreError);
      // The message never repeats the key (keys may embed names or dates).
      expect((error as Error).message).not.toContain("secret");
      return (error as FileStoreError).code;
    }
  };

  it("reads a stored file by key, its type sniffed from the bytes rather than the extension", async () => {
    const store = openDirectoryFileStore(dir);
    expect(await store.stat("cctv/still.jpg")).toEqual({ bytes: png.length, contentType: "image/png" });
    expect(await store.stat("sig_0001")).toEqual({ bytes: png.length, contentType: "image/png" });
    const chunks: Buffer[] = [];
    for await (const chunk of await store.open("cctv/still.jpg")) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).equals(png)).toBe(true);
  });

  it("refuses traversal, absolute paths and odd segments before touching the disk", async () => {
    const store = openDirectoryFileStore(dir);
    for (const key of ["../secret.txt", "cctv/../../secret.txt", "/etc/passwd", "C:/x", "a//b", "./sig_0001", "cctv\\..\\x", "a\0b", "", "x".repeat(2000)]) {
      expect(await codeOf(store.stat(key)), key).toBe("invalid_key");
      expect(await codeOf(store.open(key)), key).toBe("invalid_key");
    }
  });

  it("refuses symbolic links that lead out of the store, and follows those that stay inside", async () => {
    const store = openDirectoryFileStore(dir);
    expect(await codeOf(store.open("escape"))).toBe("outside_store");
    expect(await codeOf(store.stat("up/secret.txt"))).toBe("outside_store");
    expect((await store.stat("inside-link")).contentType).toBe("image/png");
  });

  it("reports a missing file, a directory and a file over the cap as such", async () => {
    const store = openDirectoryFileStore(dir, { maxFileBytes: 1024 });
    expect(await codeOf(store.stat("cctv/none.png"))).toBe("not_found");
    expect(await codeOf(store.stat("nothing/here"))).toBe("not_found");
    expect(await codeOf(store.stat("cctv"))).toBe("not_a_file");
    expect(await codeOf(store.open("big.bin"))).toBe("too_large");
  });

  it("check() names a missing directory; a readable one passes", async () => {
    expect(await openDirectoryFileStore(dir).check()).toEqual([]);
    const problems = await openDirectoryFileStore(path.join(base, "missing")).check();
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("does not exist");
    expect(await codeOf(openDirectoryFileStore(path.join(base, "missing")).stat("sig_0001"))).toBe("unreadable");
  });

  it("sniffs common types and calls anything else application/octet-stream", () => {
    expect(sniffContentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(sniffContentType(Buffer.from("%PDF-1.7"))).toBe("application/pdf");
    expect(sniffContentType(Buffer.from("RIFF\0\0\0\0WEBPVP8 "))).toBe("image/webp");
    expect(sniffContentType(Buffer.from("<html><script>"))).toBe("application/octet-stream");
    expect(sniffContentType(Buffer.alloc(0))).toBe("application/octet-stream");
  });
});
