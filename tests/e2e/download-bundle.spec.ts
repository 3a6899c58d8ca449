import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { demoPerson } from "../../db/demo-business/demo-people";
import { DEMO_ADMIN, signInAsStaff } from "../support/ops-sign-in";
import { readZip } from "../support/read-zip";
import { requestSpecificPiecesToReview } from "./support/request-to-review";
import { checkPage } from "./support/check-page";

// Issue 15.6 with 14.7: Olivia asks for a copy of her specific pieces, ops approves, and she
// downloads one ZIP from her request page. The spec opens it and checks every entry against the
// SHA-256 lines of README.txt, her camera still and signature images among them (ADR 027, 028).

const olivia = demoPerson("ordinary");
const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

test("[CONSUMER]: Olivia downloads her disclosure as one ZIP with the PDF, the JSON, CSVs, her images and checksums", async ({ page, browser }) => {
  test.setTimeout(300_000);
  const requestId = await requestSpecificPiecesToReview(page, olivia);

  const staff = await browser.newContext();
  const ops = await staff.newPage();
  await signInAsStaff(ops, DEMO_ADMIN);
  await ops.goto(`/ops/requests/${requestId}`);
  await ops.getByRole("region", { name: "Disclosure review" }).getByRole("button", { name: "Approve and release" }).click();
  await expect(ops.getByText(/Disclosure approved/)).toBeVisible();
  await staff.close();

  await page.reload();
  const zipLink = page.getByRole("link", { name: "Download everything (ZIP)" });
  await expect(zipLink).toBeVisible({ timeout: 60_000 });
  await checkPage(page, "consumer-download-bundle");

  const download = await Promise.all([page.waitForEvent("download"), zipLink.click()]).then(([d]) => d);
  expect(download.suggestedFilename()).toBe(`disclosure-${requestId}.zip`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rtk-e2e-zip-")), "bundle.zip");
  await download.saveAs(file);
  const entries = await readZip(file);
  const byName = new Map(entries.map((e) => [e.name, e.bytes]));

  // README.txt: one "<sha256>  <name>" line per other entry, each the entry's own hash.
  const readme = byName.get("README.txt")!.toString("utf8");
  const listed = new Map([...readme.matchAll(/^([0-9a-f]{64}) {2}(\S+)\r$/gm)].map((m) => [m[2]!, m[1]!]));
  expect([...listed.keys()].sort()).toEqual(entries.map((e) => e.name).filter((n) => n !== "README.txt").sort());
  for (const entry of entries) if (entry.name !== "README.txt") expect(listed.get(entry.name), entry.name).toBe(sha256(entry.bytes));

  // The same PDF and JSON as the single downloads; her images are in it, as the JSON states them.
  const json = await page.context().request.get(`/requests/${requestId}/disclosure.json`);
  expect(Buffer.from(await json.body()).equals(byName.get("disclosure.json")!)).toBe(true);
  const pdf = await page.context().request.get(`/requests/${requestId}/disclosure.pdf`);
  expect(Buffer.from(await pdf.body()).equals(byName.get("disclosure.pdf")!)).toBe(true);
  const doc = JSON.parse(byName.get("disclosure.json")!.toString("utf8"));
  const pieces = doc.specificPieces.categories.flatMap((c: any) => c.datasets.flatMap((d: any) => d.records.flatMap((r: any) => r.pieces))).filter((p: any) => "file" in p);
  for (const kind of ["cctv_still_ref", "signature_ref"]) expect(pieces.some((p: any) => p.file?.endsWith(`/${kind}.png`)), kind).toBe(true);
  for (const piece of pieces) {
    const bytes = byName.get(piece.file)!;
    expect(bytes.subarray(1, 4).toString("latin1")).toBe("PNG");
    expect(piece.sha256).toBe(sha256(bytes));
  }
  const csv = byName.get("csv/parlay_app.office_visits.csv")!;
  expect(csv.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
  expect(csv.toString("utf8")).toContain("Lobby camera still (stored image)");

  // Another browser without Olivia's session gets nothing.
  const stranger = await browser.newContext();
  expect((await stranger.request.get(`/requests/${requestId}/disclosure.zip`)).status()).toBe(404);
  await stranger.close();
});
