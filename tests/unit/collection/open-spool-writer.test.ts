import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeAscii, writeByte, writeJsonNumber, writeJsonString } from "../../../server/collection/encode-json-bytes";
import { openSpoolWriter } from "../../../server/collection/open-spool-writer";
import { openSpoolReader, SPOOL_SEGMENT_SIZE } from "../../../server/collection/spool-cipher";
import { readSealedSpool, TEST_SPOOL_KEY } from "../../support/spool-key";

describe("openSpoolWriter", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-spool-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("[COLLECTION]: writes every line in order, across chunk boundaries and for lines larger than a chunk, with backpressure", async () => {
    const file = path.join(dir, "nested", "spool.ndjson");
    const writer = await openSpoolWriter(file, TEST_SPOOL_KEY);
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
    // position() is where a line starts in the plaintext: the pieces tally's byte ranges rely on it.
    expect(writer.position() - before).toBe(Buffer.byteLength(huge));
    await writer.close();
    expect(readSealedSpool(file).toString("utf8")).toBe(lines.join(""));
    expect(writer.position()).toBe(readSealedSpool(file).length);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(writer.error()).toBeNull();
  });

  it("[COLLECTION]: lines encoded into the writer's own buffer, mixed with written ones and one larger than the buffer, keep their order and positions", async () => {
    const file = path.join(dir, "encoded.ndjson");
    const writer = await openSpoolWriter(file, TEST_SPOOL_KEY);
    const lines: string[] = [];
    const starts: number[] = [];
    for (let i = 0; i < 12_000; i++) {
      const text = i === 6_000 ? "x".repeat(3_000_000) : `Núñez "${i}" ${"y".repeat(i % 613)}`;
      starts.push(writer.position());
      if (i % 3 === 0) {
        const line = `${JSON.stringify([i, text])}\n`;
        lines.push(line);
        const wait = writer.write(line);
        if (wait) await wait;
        continue;
      }
      const before = writer.bytes.length;
      writeByte(writer.bytes, 91);
      writeJsonNumber(writer.bytes, i);
      writeByte(writer.bytes, 44);
      writeJsonString(writer.bytes, text);
      writeAscii(writer.bytes, "]\n");
      lines.push(`${JSON.stringify([i, text])}\n`);
      expect(writer.position() - starts[i]!).toBe(writer.bytes.length - before);
      const wait = writer.wrote();
      if (wait) await wait;
    }
    await writer.close();
    const plain = readSealedSpool(file);
    expect(plain.toString("utf8")).toBe(lines.join(""));
    for (const i of [1, 5_999, 6_000, 6_001, 11_999]) expect(plain.subarray(starts[i]!, starts[i]! + Buffer.byteLength(lines[i]!)).toString("utf8")).toBe(lines[i]);
  });

  it("[SECURITY]: the spool on disk is ciphertext: no line, name or value of the person appears in the file (ADR 035)", async () => {
    const file = path.join(dir, "private.ndjson");
    const writer = await openSpoolWriter(file, TEST_SPOOL_KEY);
    for (let i = 0; i < 3_000; i++) await writer.write(`${JSON.stringify(["jane.q.consumer@example.com", "Jane Q. Consumer", `203.0.113.${i % 250}`])}\n`);
    await writer.close();
    const stored = fs.readFileSync(file);
    for (const clear of ["jane.q.consumer", "Jane Q. Consumer", "203.0.113.", "example.com"]) expect(stored.includes(clear)).toBe(false);
    expect(readSealedSpool(file).toString("utf8")).toContain("Jane Q. Consumer");
  });

  it("[SECURITY]: a reader starts at any plaintext offset, and a spool changed, cut or read with another key fails without text", async () => {
    const file = path.join(dir, "seek.ndjson");
    const writer = await openSpoolWriter(file, TEST_SPOOL_KEY);
    const starts: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      starts.push(writer.position());
      await writer.write(`[${i},"record ${i}"]\n`);
    }
    await writer.close();
    const plain = readSealedSpool(file);
    const reader = await openSpoolReader(file, TEST_SPOOL_KEY);
    expect(reader.size).toBe(plain.length);
    // Offsets on, just before and just after segment boundaries, and the last record.
    for (const i of [0, 1, 4_000, 9_999, 19_999]) {
      const buffer = Buffer.alloc(40);
      const { bytesRead } = await reader.read(buffer, 0, 40, starts[i]!);
      expect(buffer.subarray(0, bytesRead).toString("utf8")).toBe(plain.subarray(starts[i]!, starts[i]! + 40).toString("utf8"));
      expect(buffer.toString("utf8")).toMatch(new RegExp(`^\\[${i},"record ${i}"\\]`));
    }
    const across = Buffer.alloc(SPOOL_SEGMENT_SIZE * 3);
    const { bytesRead } = await reader.read(across, 0, across.length, SPOOL_SEGMENT_SIZE - 5);
    expect(across.subarray(0, bytesRead).equals(plain.subarray(SPOOL_SEGMENT_SIZE - 5, SPOOL_SEGMENT_SIZE - 5 + bytesRead))).toBe(true);
    await reader.close();

    const stored = fs.readFileSync(file);
    const flipped = Buffer.from(stored);
    flipped[flipped.length - 100]! ^= 1;
    const cutAtSegment = stored.subarray(0, 32 + (SPOOL_SEGMENT_SIZE + 16) * 2);
    for (const [name, bytes, key] of [["flipped", flipped, TEST_SPOOL_KEY], ["cut", cutAtSegment, TEST_SPOOL_KEY], ["other-key", stored, Buffer.alloc(32, 9)]] as const) {
      const bad = path.join(dir, `${name}.ndjson`);
      fs.writeFileSync(bad, bytes);
      const other = await openSpoolReader(bad, key);
      const error = await other.read(Buffer.alloc(other.size), 0, other.size, 0).catch((e: unknown) => e as Error);
      await other.close();
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/^spool: the segment at byte \d+ failed authentication$/);
    }
    // A plaintext spool (as written before ADR 035) is refused, not read.
    const legacy = path.join(dir, "legacy.ndjson");
    fs.writeFileSync(legacy, `${"[0,\"plain\"]\n".repeat(10)}`);
    await expect(openSpoolReader(legacy, TEST_SPOOL_KEY)).rejects.toThrow("spool: the file is not an encrypted spool");
  });

  it("[SECURITY]: a rewritten spool is private whatever the umask and the old file's mode", async () => {
    const file = path.join(dir, "reused.ndjson");
    fs.writeFileSync(file, "old", { mode: 0o644 });
    const previous = process.umask(0o022);
    try {
      const writer = await openSpoolWriter(file, TEST_SPOOL_KEY);
      await writer.write("[1]\n");
      await writer.close();
    } finally {
      process.umask(previous);
    }
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it("[COLLECTION]: refuses a spool path it cannot create", async () => {
    const blocker = path.join(dir, "a-file");
    fs.writeFileSync(blocker, "");
    await expect(openSpoolWriter(path.join(blocker, "spool.ndjson"), TEST_SPOOL_KEY)).rejects.toMatchObject({ code: expect.stringMatching(/^E/) });
  });
});
