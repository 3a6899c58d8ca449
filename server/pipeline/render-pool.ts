import { fork, type ChildProcess } from "node:child_process";
import { childExecArgv, siblingModule } from "../lib/module-path";
import type { RenderDisclosureOptions, RenderedDisclosure } from "../reports/render-disclosure";

const CHILD = siblingModule(import.meta.url, "render-disclosure-child");

/**
 * Old-space limit of a render process. The renderer's live set is 40-80 MB for any number of
 * records (ADR 008); without a limit V8 lets garbage pile up to ~160 MB more before collecting,
 * which took a 100,000-record render past the 256 MB budget (ADR 015). 128 MB holds it with room.
 */
export const RENDER_HEAP_MB = 128;

/**
 * Where the render process's old space starts before V8 grows it. Under a cap this small V8 grows
 * the old space by about 1.3x its live set after each full collection (16-17 MB live between
 * renders), so an ordinary render often ended in a mark-compact: 26 of them in 90 renders, and
 * 9 ms of GC a render in all. 48 MB gives 15 and 7 ms. 64 gave 7 and 5.6 ms but took a
 * 1,000,000-record render's peak RSS from 192 to 233-244 MB, too near the 256 MB budget; 48 keeps
 * it at 202 MB. The cap itself is unchanged (ADR 065).
 */
const RENDER_INITIAL_OLD_SPACE_MB = 48;

export type RenderJob = RenderDisclosureOptions & { json: string; pdf: string };
/** The render's result, the render's own peak RSS (KB) and the pid of the process that rendered it. */
export type PooledRender = RenderedDisclosure & { peakRssKb: number; pid: number };

export interface RenderPoolOptions {
  /** Render processes at most (each renders one disclosure at a time). Default 1. */
  size?: number;
  /** A process is replaced after this many renders, so whatever a render leaks is bounded. 1 = a fresh process per render. Default 1000. */
  maxRenders?: number;
  /** A process idle this long exits and gives its memory back; the next render starts a new one. */
  idleMs?: number;
}

export interface RenderPool {
  render(job: RenderJob): Promise<PooledRender>;
  /** Starts the render processes now rather than at the first render (a dedicated worker). */
  warm(): void;
  /** Pids of the live render processes (tests, bench: their CPU counts too). */
  pids(): number[];
  /** Ends every render process (a running render rejects) and waits for them to exit. */
  close(): Promise<void>;
}

type Answer = { ok: true; result: RenderedDisclosure; peakRssKb: number } | { ok: false; message: string };

interface Slot {
  child: ChildProcess;
  exited: Promise<void>;
  renders: number;
  busy: boolean;
  idleTimer?: NodeJS.Timeout;
}

/**
 * Long-lived render processes (ADR 047): a process loads the renderer's modules once (0.5-0.6 s of
 * CPU under tsx) and renders many disclosures, instead of one fresh process per render. Each keeps
 * the heap cap, is replaced after `maxRenders` or when it dies (crash, out of memory, killed), and
 * a render whose process dies rejects, so only that job fails and is retried. Idle processes hold
 * no reference on the parent's event loop and exit by themselves when the parent goes (their IPC
 * channel closes), so a killed worker leaves no render process behind.
 */
export function createRenderPool({ size = 1, maxRenders = 1000, idleMs = 5 * 60_000 }: RenderPoolOptions = {}): RenderPool {
  const slots = new Set<Slot>();
  const waiting: Array<() => void> = [];
  let closed = false;

  function start(): Slot {
    const child = fork(CHILD, [], { execArgv: [`--max-old-space-size=${RENDER_HEAP_MB}`, `--initial-old-space-size=${RENDER_INITIAL_OLD_SPACE_MB}`, ...childExecArgv()], stdio: ["ignore", "inherit", "inherit", "ipc"], serialization: "advanced" });
    const slot: Slot = { child, renders: 0, busy: false, exited: new Promise((resolve) => child.once("exit", () => resolve())) };
    // A process that dies while idle is simply forgotten; one that dies busy also rejects its render.
    void slot.exited.then(() => retire(slot));
    // Spawn failures surface as "exit" too; without a listener an "error" event would throw.
    child.on("error", () => {});
    slots.add(slot);
    return slot;
  }

  function retire(slot: Slot): void {
    clearTimeout(slot.idleTimer);
    if (!slots.delete(slot)) return;
    if (slot.child.connected) slot.child.disconnect();
    waiting.shift()?.();
  }

  /** An idle process or room for a new one; else waits for a render to finish. */
  async function acquire(): Promise<Slot> {
    for (;;) {
      if (closed) throw new Error("render: the render pool is closed");
      const idle = [...slots].find((s) => !s.busy && s.child.connected);
      if (idle) return idle;
      if (slots.size < size) return start();
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  }

  function hold(slot: Slot, busy: boolean): void {
    slot.busy = busy;
    clearTimeout(slot.idleTimer);
    // A busy process keeps the parent alive until its answer; an idle one does not.
    if (busy) {
      slot.child.ref();
      slot.child.channel?.ref();
    } else {
      slot.child.unref();
      slot.child.channel?.unref();
      slot.idleTimer = setTimeout(() => retire(slot), idleMs).unref();
    }
  }

  async function render(job: RenderJob): Promise<PooledRender> {
    const slot = await acquire();
    hold(slot, true);
    slot.renders += 1;
    const pid = slot.child.pid!;
    try {
      const answer = await new Promise<Answer>((resolve, reject) => {
        const onExit = (code: number | null, signal: string | null) =>
          reject(new Error(`render: the render process ended without an answer (${signal ?? `exit ${code}`})`));
        slot.child.once("exit", onExit);
        slot.child.once("message", (message: Answer) => {
          slot.child.off("exit", onExit);
          resolve(message);
        });
        slot.child.send(job);
      });
      if (!answer.ok) throw new Error(answer.message);
      return { ...answer.result, peakRssKb: answer.peakRssKb, pid };
    } finally {
      if (slot.renders >= maxRenders || closed) retire(slot);
      else if (slots.has(slot)) {
        hold(slot, false);
        waiting.shift()?.();
      }
    }
  }

  return {
    render,
    warm() {
      while (!closed && slots.size < size) hold(start(), false);
    },
    pids: () => [...slots].map((s) => s.child.pid!),
    async close() {
      closed = true;
      const all = [...slots];
      for (const slot of all) slot.child.kill("SIGTERM");
      await Promise.all(all.map((s) => s.exited));
      for (const wake of waiting.splice(0)) wake();
    },
  };
}
