import express, { type NextFunction, type Request, type Response, type Router } from "express";
import type { AppContext } from "../context";
import { errorCode } from "../lib/errors";
import { authenticateDrpAgent } from "./authenticate-drp-agent";
import { DrpError } from "./drp-error";
import { getDrpStatus } from "./get-drp-status";
import { issueDrpToken } from "./issue-drp-token";
import { loadDrpDirectory } from "./load-drp-directory";
import { revokeDrpRequest } from "./revoke-drp-request";
import { submitDrpRequest } from "./submit-drp-request";

type Handler = (req: Request) => Promise<unknown>;

/**
 * The Data Rights Protocol 1.0 API (DRP 1.0 §2), mounted by server/index.ts at DRP_BASE_PATH; the
 * business directory's api_base is PUBLIC_URL + that path (docs/drp.md). Signed bodies are read
 * as raw text whatever their Content-Type (the spec's text/plain; the reference agent's DELETE
 * sends none); every answer is JSON, 200 on success, the error object otherwise. Thin: each route
 * authenticates and calls one service. With DRP_DIRECTORY unset every path answers 404.
 */
export function createDrpRouter(ctx: AppContext): Router {
  const router = express.Router();
  router.use(express.text({ type: () => true, limit: "64kb" }));
  const body = (req: Request): string => (typeof req.body === "string" ? req.body : "");
  const caller = (req: Request) => authenticateDrpAgent(ctx, req.get("authorization"));

  router.post("/v1/agent/:agentId", answer(ctx, (req) => issueDrpToken(ctx, { drpAgentId: req.params.agentId!, body: body(req) })));
  router.get(
    "/v1/agent/:agentId",
    answer(ctx, async (req) => {
      const { entry } = await caller(req);
      if (entry.id !== req.params.agentId) throw new DrpError(403, "The token does not belong to this agent.");
      return {};
    }),
  );
  // Express matches the trailing-slash form too (pre-0.9.3 agents post to ".../data-rights-request/").
  router.post("/v1/data-rights-request", answer(ctx, async (req) => submitDrpRequest(ctx, { caller: await caller(req), body: body(req) })));
  router.get("/v1/data-rights-request/:requestId", answer(ctx, async (req) => getDrpStatus(ctx, { caller: await caller(req), requestId: req.params.requestId! })));
  router.delete(
    "/v1/data-rights-request/:requestId",
    answer(ctx, async (req) => revokeDrpRequest(ctx, { caller: await caller(req), requestId: req.params.requestId!, body: body(req) })),
  );
  router.use(
    answer(ctx, async () => {
      await loadDrpDirectory(ctx.env); // 404 "not enabled" when DRP is off
      throw new DrpError(404, "No such DRP endpoint.");
    }),
  );
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    // body-parser: over 64 kB or an unreadable body. Nothing of the body is echoed.
    send(res, new DrpError(400, "The request body could not be read.", { fatal: true }));
  });
  return router;
}

function answer(ctx: AppContext, handler: Handler) {
  return (req: Request, res: Response): void => {
    handler(req).then(
      (result) => {
        res.status(200).set("Cache-Control", "no-store").json(result);
      },
      (error: unknown) => {
        if (error instanceof DrpError) return send(res, error);
        ctx.logger.error({ errorCode: errorCode(error) }, "DRP request failed");
        res.status(500).set("Cache-Control", "no-store").json({ code: "500", message: "Internal error; try again later." });
      },
    );
  };
}

function send(res: Response, error: DrpError): void {
  res.status(error.status).set("Cache-Control", "no-store");
  if (error.emptyBody) res.end();
  else res.json(error.toBody());
}
