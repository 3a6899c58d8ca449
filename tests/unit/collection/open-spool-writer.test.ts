import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openSpoolWriter } from "../../../server/collection/open-spool-writer";

describe("openSpoolWriter", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-spool-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("[COLLECTION]: writes every line in order, across chunk boundaries and for lines larger than a chunk, with backpressure", async () => {
    const file = path.join(dir, "nested", "spool.ndjson");
    const writer = await openSpoolWriter(file);
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const line = `${JSON.stringify({ i, text: `Núñez ${"x".repeat(i % 997)}` })}\n`;
      lines.push(line);
      const wait = writer.write(line);
      if (wait) await wait;
    }
    const huge = `${JSON.stringify({ big: "é".repeat(2_000_000) })}\n`;
    lines.push(huge);
    const before = writer.position();
    await writer.write(huge);
    // position() is where a line starts in the file: the pieces tally's byte ranges rely on it.
    expect(writer.position() - before).toBe(Buffer.byteLength(huge));
    await writer.close();
    expect(fs.readFileSync(file, "utf8")).toBe(lines.join(""));
    expect(writer.position()).toBe(fs.statSync(file).size);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(writer.error()).toBeNull();
  });

  it("[COLLECTION]: refuses a spool path it cannot create", async () => {
    const blocker = path.join(dir, "a-file");
    fs.writeFileSync(blocker, "");
    await expect(openSpoolWriter(path.join(blocker, "spool.ndjson"))).rejects.toMatchObject({ code: expect.stringMatching(/^E/) });
  });
});
