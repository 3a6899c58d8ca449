import cluster, { type Worker } from "node:cluster";
import { ClusterMemoryStorePrimary } from "@express-rate-limit/cluster-memory-store";
import { StartupError } from "../bootstrap";
import type { Logger } from "../lib/logger";

/** What an HTTP worker sends its primary when it cannot start (the one line an operator sees). */
export interface HttpWorkerStartupFailure {
  type: "rtk:startup-failed";
  message: string;
}

function isHttpWorkerStartupFailure(message: unknown): message is HttpWorkerStartupFailure {
  return typeof message === "object" && message !== null && (message as { type?: unknown }).type === "rtk:startup-failed";
}

export interface HttpWorkers {
  /** Asks every worker to finish its open requests and exit; resolves when all have. */
  stop(): Promise<void>;
}

/**
 * Starts `count` HTTP worker processes (node:cluster, sharing the listening port) and resolves once
 * all of them listen (ADR 020). The primary keeps the rate-limit counts for all of them. If one
 * fails to start, the others are stopped and the worker's own message becomes a StartupError. If
 * one dies later, the portal stops (exit 1) for its supervisor to restart.
 */
export async function forkHttpWorkers(count: number, logger: Logger): Promise<HttpWorkers> {
  new ClusterMemoryStorePrimary().init();
  let stopping = false;
  const listening = new Set<Worker>();

  const fork = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      const worker = cluster.fork();
      let failure = `an HTTP worker process exited before it listened`;
      worker.on("message", (message: unknown) => {
        if (isHttpWorkerStartupFailure(message)) failure = message.message;
      });
      worker.once("listening", () => {
        listening.add(worker);
        resolve(worker);
      });
      worker.once("exit", (code, signal) => {
        if (!listening.delete(worker)) return reject(new StartupError(failure));
        if (stopping) return;
        // Fail fast: the others finish what they are answering and the whole portal exits 1, so
        // its supervisor (systemd, the container runtime) restarts it whole rather than leaving it
        // running at part capacity; in-flight jobs are taken over when their lease lapses.
        logger.error({ pid: worker.process.pid, exitCode: code, signal }, "an HTTP worker process died; stopping the portal");
        void stop().finally(() => process.exit(1));
      });
    });

  const stop = async (): Promise<void> => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            w.once("exit", () => resolve());
            w.disconnect();
          }),
      ),
    );
  };

  try {
    await Promise.all(Array.from({ length: count }, fork));
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
