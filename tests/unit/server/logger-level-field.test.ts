import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../../server/lib/logger";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, stream };
}

describe("log lines with a `level` field (issue 16 item 9)", () => {
  it("[OPS]: a field named level never overwrites pino's level; it is kept as fieldLevel", async () => {
    const { lines, stream } = capture();
    const logger = createLogger("info", stream);
    logger.info({ requestId: "r1", level: "reasonably_high" }, "verification completed");
    logger.child({ jobId: "j1" }).error({ level: "debug" }, "job failed");
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ level: 30, fieldLevel: "reasonably_high", requestId: "r1", msg: "verification completed" });
    expect(lines[1]).toMatchObject({ level: 50, fieldLevel: "debug", jobId: "j1" });
  });

  it("[SECURITY]: redaction still applies", async () => {
    const { lines, stream } = capture();
    createLogger("info", stream).info({ email: "jane@example.com", level: "x" }, "m");
    await new Promise((resolve) => setImmediate(resolve));
    expect(JSON.stringify(lines[0])).not.toContain("jane@example.com");
  });
});
