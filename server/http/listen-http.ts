import type { Server } from "node:http";
import type { Express } from "express";
import { StartupError } from "../bootstrap";
import type { Env } from "../env";

/** Listens on HOST:PORT; a port in use or refused becomes a StartupError naming the setting. */
export async function listenHttp(app: Express, env: Pick<Env, "HOST" | "PORT">): Promise<Server> {
  const server = app.listen(env.PORT, env.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new StartupError(
          error.code === "EADDRINUSE"
            ? `Invalid setting PORT: ${env.HOST}:${env.PORT} is already in use`
            : `Cannot listen on ${env.HOST}:${env.PORT}: ${error.code ?? error.message}`,
        ),
      ),
    );
  });
  return server;
}
