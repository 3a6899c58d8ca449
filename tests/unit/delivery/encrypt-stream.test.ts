import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { HEADER_LENGTH, ReportBlobError, TAG_LENGTH } from "../../../server/delivery/blob-format";
import { decryptStream } from "../../../server/delivery/decrypt-stream";
import { encryptStream } from "../../../server/delivery/encrypt-stream";

const KEY = randomBytes(32);
const CONTEXT = Buffer.from("report-id-0000000000000001");
const S = 64; // small segments so every edge is cheap to reach

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const out: Buffer[] = [];
  for await (const chunk of source) out.push(chunk);
  return out;
}

async function encrypt(plaintext: Buffer, pieces = [7, 1, 100, 64, 3]): Promise<Buffer> {
  async function* feed(): AsyncGenerator<Buffer> {
    for (let offset = 0, i = 0; offset < plaintext.length; i++) {
      const next = Math.min(plaintext.length, offset + pieces[i % pieces.length]!);
      yield plaintext.subarray(offset, next);
      offset = next;
    }
  }
  return Buffer.concat(await collect(encryptStream(feed(), { key: KEY, context: CONTEXT, segmentSize: S })));
}

async function* bytewise(blob: Buffer, step = 1): AsyncGenerator<Buffer> {
  for (let i = 0; i < blob.length; i += step) yield blob.subarray(i, i + step);
}

const decrypt = async (blob: Buffer, options = { key: KEY, context: CONTEXT }, step = 13): Promise<Buffer> =>
  Buffer.concat(await collect(decryptStream(bytewise(blob, step), options)));

describe("encrypted report blob format", () => {
  it("[SECURITY]: has a versioned header, then one tag per segment of plaintext", async () => {
    for (const size of [0, 1, S - 1, S, S + 1, 3 * S, 3 * S + 7]) {
      const blob = await encrypt(randomBytes(size));
      const segments = Math.max(1, Math.ceil(size / S));
      expect(blob.length).toBe(HEADER_LENGTH + size + segments * TAG_LENGTH);
      expect(blob.subarray(0, 4).toString("ascii")).toBe("RTKR");
      expect(blob[4]).toBe(1);
      expect(blob.readUInt32BE(5)).toBe(S);
    }
  });

  it("[SECURITY]: round-trips every size around the segment edges, fed in any chunking", async () => {
    for (const size of [0, 1, S - 1, S, S + 1, 2 * S, 5 * S + 3]) {
      const plaintext = randomBytes(size);
      const blob = await encrypt(plaintext);
      expect((await decrypt(blob, undefined, 1)).equals(plaintext)).toBe(true);
      expect((await decrypt(blob, undefined, 1000)).equals(plaintext)).toBe(true);
    }
  });

  it("[SECURITY]: holds no plaintext and never repeats (fresh salt and nonce prefix per blob)", async () => {
    const plaintext = Buffer.from("SSN-like marker 123-45-6789 ".repeat(20));
    const a = await encrypt(plaintext);
    const b = await encrypt(plaintext);
    expect(a.includes(Buffer.from("123-45-6789"))).toBe(false);
    expect(a.subarray(9, 32).equals(b.subarray(9, 32))).toBe(false);
    expect(a.subarray(HEADER_LENGTH).equals(b.subarray(HEADER_LENGTH))).toBe(false);
  });

  it("[SECURITY]: keeps memory to one segment: no yielded piece is larger than a segment", async () => {
    const big = randomBytes(50 * S);
    const pieces = await collect(encryptStream([big], { key: KEY, context: CONTEXT, segmentSize: S }));
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(S + TAG_LENGTH);
    const plain = await collect(decryptStream([Buffer.concat(pieces)], { key: KEY, context: CONTEXT }));
    expect(Math.max(...plain.map((p) => p.length))).toBeLessThanOrEqual(S);
  });

  it("[SECURITY]: rejects any single changed byte: header, ciphertext or tag", async () => {
    const blob = await encrypt(randomBytes(3 * S + 5));
    for (const position of [0, 4, 6, 12, 30, HEADER_LENGTH, HEADER_LENGTH + S + 2, HEADER_LENGTH + S + TAG_LENGTH - 1, blob.length - 1]) {
      const tampered = Buffer.from(blob);
      tampered[position] = tampered[position]! ^ 0x80;
      await expect(decrypt(tampered), `byte ${position}`).rejects.toBeInstanceOf(ReportBlobError);
    }
  });

  it("[SECURITY]: rejects truncation anywhere, including exactly at a segment boundary", async () => {
    const blob = await encrypt(randomBytes(3 * S));
    const boundary = HEADER_LENGTH + 2 * (S + TAG_LENGTH);
    for (const length of [0, 10, HEADER_LENGTH, HEADER_LENGTH + 5, boundary, boundary + 1, blob.length - 1]) {
      await expect(decrypt(blob.subarray(0, length)), `length ${length}`).rejects.toBeInstanceOf(ReportBlobError);
    }
  });

  it("[SECURITY]: rejects appended bytes and reordered or duplicated segments", async () => {
    const blob = await encrypt(randomBytes(3 * S));
    const seg = (i: number) => blob.subarray(HEADER_LENGTH + i * (S + TAG_LENGTH), HEADER_LENGTH + (i + 1) * (S + TAG_LENGTH));
    const header = blob.subarray(0, HEADER_LENGTH);
    await expect(decrypt(Buffer.concat([blob, Buffer.from([0])]))).rejects.toBeInstanceOf(ReportBlobError);
    await expect(decrypt(Buffer.concat([header, seg(1), seg(0), seg(2)]))).rejects.toBeInstanceOf(ReportBlobError);
    await expect(decrypt(Buffer.concat([header, seg(0), seg(0), seg(1), seg(2)]))).rejects.toBeInstanceOf(ReportBlobError);
  });

  it("[SECURITY]: rejects a wrong key or a blob presented as another report", async () => {
    const blob = await encrypt(randomBytes(100));
    await expect(decrypt(blob, { key: randomBytes(32), context: CONTEXT })).rejects.toBeInstanceOf(ReportBlobError);
    await expect(decrypt(blob, { key: KEY, context: Buffer.from("report-id-0000000000000002") })).rejects.toBeInstanceOf(ReportBlobError);
  });

  it("[SECURITY]: releases no plaintext of a tampered segment, only the verified ones before it", async () => {
    const plaintext = randomBytes(4 * S);
    const blob = await encrypt(plaintext);
    blob[HEADER_LENGTH + 2 * (S + TAG_LENGTH) + 5]! ^= 0x01;
    const released: Buffer[] = [];
    await expect(
      (async () => {
        for await (const chunk of decryptStream(bytewise(blob, 7), { key: KEY, context: CONTEXT })) released.push(chunk);
      })(),
    ).rejects.toBeInstanceOf(ReportBlobError);
    expect(Buffer.concat(released).equals(plaintext.subarray(0, 2 * S))).toBe(true);
  });

  it("[SECURITY]: refuses unknown versions and absurd segment sizes before buffering anything", async () => {
    const blob = await encrypt(randomBytes(10));
    const v2 = Buffer.from(blob);
    v2[4] = 2;
    await expect(decrypt(v2)).rejects.toThrow("unsupported report blob version");
    const huge = Buffer.from(blob);
    huge.writeUInt32BE(0xffff_ffff, 5);
    await expect(decrypt(huge)).rejects.toThrow("report blob header is corrupt");
    await expect(decrypt(Buffer.from("not a blob at all, just some text"))).rejects.toThrow("not a report blob");
  });

  it("[SECURITY]: refuses a key that is not 32 bytes", async () => {
    await expect(collect(encryptStream([Buffer.from("x")], { key: randomBytes(16) }))).rejects.toThrow(RangeError);
  });
});
