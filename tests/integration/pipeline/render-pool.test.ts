import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, describe, expect, it } from "vitest";
import { createRenderPool, type RenderJob } from "../../../server/pipeline/render-pool";
import { inputFor, janeRecords, renderFixture, summaryFor, tempDir, writeSpool } from "../reports/fixtures";
import { TEST_SPOOL_KEY } from "../../support/spool-key";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const dir = tempDir("rtk-render-pool-");
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function jobFor(records: ReturnType<typeof janeRecords>, name: string): RenderJob {
  return {
    input: inputFor(summaryFor(records)),
    spoolPath: writeSpool(dir, records, `${name}.ndjson`),
    spoolKey: TEST_SPOOL_KEY,
    publicUrl: "https://portal.parlay.example/",
    json: path.join(dir, `${name}.json`),
    pdf: path.join(dir, `${name}.pdf`),
  };
}

/** A process that has exited (or is a zombie waiting for a reaper) no longer runs. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
}

async function gone(pid: number, ms = 10_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(50)) if (!alive(pid)) return true;
  return false;
}

// ADR 047: render processes are kept warm and reused, replaced after a number of renders or when
// they die; a death fails only the render it was doing (the job is retried, ADR 005).
describe("the render pool", () => {
  it("[OPS]: renders one disclosure after another in the same warm process, the same bytes as in-process, and replaces it after maxRenders", async () => {
    const pool = createRenderPool({ maxRenders: 2 });
    try {
      const records = janeRecords(30);
      const inProcess = await renderFixture(dir, "here", records, inputFor(summaryFor(records)));
      const first = await pool.render(jobFor(records, "first"));
      const second = await pool.render(jobFor(records, "second"));
      const third = await pool.render(jobFor(records, "third"));
      expect(second.pid).toBe(first.pid);
      expect(third.pid).not.toBe(first.pid);
      expect(await gone(first.pid)).toBe(true);
      for (const name of ["first", "second", "third"]) {
        expect(fs.readFileSync(path.join(dir, `${name}.pdf`))).toEqual(fs.readFileSync(inProcess.pdf));
        expect(fs.readFileSync(path.join(dir, `${name}.json`))).toEqual(fs.readFileSync(inProcess.json));
      }
      // Each render reports its own peak memory, not the largest of the process's lifetime.
      expect(third.peakRssKb).toBeGreaterThan(10_000);
    } finally {
      await pool.close();
    }
  });

  it("[OPS]: a render process that dies mid-render fails that render only; the next render gets a new process", async () => {
    const pool = createRenderPool();
    try {
      const rendering = pool.render(jobFor(janeRecords(3_000), "killed"));
      const [pid] = await until(() => pool.pids());
      process.kill(pid!, "SIGKILL");
      await expect(rendering).rejects.toThrow(/^render: the render process ended without an answer \(SIGKILL\)$/);
      const next = await pool.render(jobFor(janeRecords(5), "after"));
      expect(next.pid).not.toBe(pid);
      expect(next.records).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });

  it("[OPS]: killing the worker with SIGKILL mid-render leaves no render process behind", async () => {
    const job = jobFor(janeRecords(3_000), "orphan");
    const parent = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `import { createRenderPool } from "${ROOT}/server/pipeline/render-pool.ts";
         const pool = createRenderPool();
         void pool.render(JSON.parse(process.env.JOB)).then(() => console.log("finished"), () => console.log("failed"));
         const wait = setInterval(() => { const [pid] = pool.pids(); if (pid) { console.log("render pid " + pid); clearInterval(wait); } }, 5);`,
      ],
      { env: { ...process.env, JOB: JSON.stringify(job) }, stdio: ["ignore", "pipe", "inherit"] },
    );
    let output = "";
    parent.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const [pid] = await until(() => [...output.matchAll(/render pid (\d+)/g)].map((m) => Number(m[1])));
    expect(alive(pid!)).toBe(true);
    parent.kill("SIGKILL");
    await new Promise((resolve) => parent.once("exit", resolve));
    expect(output).not.toMatch(/finished|failed/);
    expect(await gone(pid!)).toBe(true);
  });
});

async function until<T>(get: () => T[], ms = 20_000): Promise<T[]> {
  for (const end = Date.now() + ms; Date.now() < end; await sleep(5)) {
    const found = get();
    if (found.length) return found;
  }
  throw new Error("nothing within the time allowed");
}
