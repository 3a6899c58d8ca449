import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { protectDataDir } from "../../../server/lib/protect-data-dir";

// DATA_DIR is locked down at start-up (issue 16 item 4), but a shared folder such as /tmp must
// never be: chmod 700 on it locked apt, MariaDB's temp tables and every other user out of /tmp.
describe("protectDataDir on a shared folder", () => {
  const shared = fs.mkdtempSync(path.join(os.tmpdir(), "rtk-shared-"));
  afterAll(() => fs.rmSync(shared, { recursive: true, force: true }));

  it("[SECURITY]: refuses a sticky, world-writable folder and changes nothing in it", () => {
    fs.chmodSync(shared, 0o1777);
    const someone = path.join(shared, "someone-elses-file");
    fs.writeFileSync(someone, "x");
    fs.chmodSync(someone, 0o644);
    expect(() => protectDataDir(shared)).toThrow(/shared folder/);
    expect(fs.statSync(shared).mode & 0o7777).toBe(0o1777);
    expect(fs.statSync(someone).mode & 0o777).toBe(0o644);
  });
});
