import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";

/** Every response carries an id that also appears in its log line, so a user's report can be traced. */
export const requestId: RequestHandler = (req, res, next) => {
  const incoming = req.get("x-request-id");
  const id = incoming && /^[\w-]{8,64}$/.test(incoming) ? incoming : randomUUID();
  res.locals.requestId = id;
  res.setHeader("x-request-id", id);
  next();
};
