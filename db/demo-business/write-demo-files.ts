import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import { encodePng } from "./encode-png";
import { mulberry32 } from "./rng";
import type { DemoBusinessDb } from "./schema";

/**
 * Writes the demo business's stored files (ADR 027): a lobby-camera still and a signature image
 * for every office visit, at the storage keys the visitor log holds, so that a disclosure has real
 * images to carry. Each image is drawn from a PRNG seeded by its key: the same key gives the same
 * bytes on every machine. Files already present are left alone (a second start costs a stat per
 * file); the folder and files are private (0700/0600, DESIGN.md §7: files under DATA_DIR).
 */
export async function writeDemoFiles(db: Kysely<DemoBusinessDb>, dir: string): Promise<{ files: number; written: number }> {
  const visits = await db.selectFrom("office_visits").select(["signature_ref", "cctv_still_ref"]).orderBy("id").execute();
  let written = 0;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const visit of visits) {
    for (const [key, draw] of [[visit.signature_ref, drawSignature], [visit.cctv_still_ref, drawCameraStill]] as const) {
      const file = path.join(dir, ...key.split("/"));
      if (fs.existsSync(file)) continue;
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.writeFileSync(file, draw(seedOf(key)), { mode: 0o600 });
      written++;
    }
  }
  return { files: visits.length * 2, written };
}

function seedOf(key: string): number {
  return createHash("sha256").update(key).digest().readUInt32BE(0);
}

/** A 240x80 ink scribble on paper: a pen path of a few seeded strokes. */
export function drawSignature(seed: number): Buffer {
  const [w, h] = [240, 80];
  const rnd = mulberry32(seed);
  const px = new Uint8Array(w * h * 3).fill(250);
  const ink = (x: number, y: number) => {
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const [xx, yy] = [Math.round(x + dx), Math.round(y + dy)];
        if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
        px.set([20, 30, 90], (yy * w + xx) * 3);
      }
    }
  };
  const strokes = 2 + Math.floor(rnd() * 3);
  let x = 16;
  for (let s = 0; s < strokes; s++) {
    const [a, f, p, len] = [10 + rnd() * 18, 0.08 + rnd() * 0.2, rnd() * 6, 40 + rnd() * 40];
    for (let t = 0; t < len && x < w - 12; t += 0.25) {
      ink(x + t, h / 2 + a * Math.sin(f * t * 3 + p) * Math.cos(f * t + p / 2));
    }
    x += len + 4;
  }
  for (let t = 12; t < w - 12; t++) ink(t, h - 12 + Math.sin(t / 9) * 0.6); // the line signed on
  return encodePng(w, h, px);
}

/** A 160x120 grey lobby: floor and wall, a doorway, a seeded figure, and camera noise. */
export function drawCameraStill(seed: number): Buffer {
  const [w, h] = [160, 120];
  const rnd = mulberry32(seed);
  const px = new Uint8Array(w * h * 3);
  const door = 20 + Math.floor(rnd() * 100);
  const figure = { x: 20 + Math.floor(rnd() * 120), y: 40 + Math.floor(rnd() * 20), tone: 40 + Math.floor(rnd() * 40) };
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let v = y < 70 ? 150 + (x >> 3) : 95 + ((x + y) % 16 < 8 ? 10 : 0);
      if (x >= door && x < door + 30 && y >= 20 && y < 70) v = 60;
      const dx = x - figure.x;
      const dy = y - figure.y;
      if (dx * dx + (dy + 18) * (dy + 18) < 49 || (Math.abs(dx) < 9 && dy > -11 && dy < 40)) v = figure.tone;
      v += Math.floor(rnd() * 14) - 7;
      px.set([v, v, Math.min(255, v + 6)], (y * w + x) * 3);
    }
  }
  for (let x = 4; x < 60; x++) for (let y = 4; y < 10; y++) px.set([230, 230, 230], (y * w + x) * 3); // timestamp bar
  return encodePng(w, h, px);
}
