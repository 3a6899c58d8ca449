import { describe, expect, it } from "vitest";
import { parseExerciseClaims } from "../../../server/drp/drp-exercise-claims";
import { DrpError } from "../../../server/drp/drp-error";

const base = { "drp.version": "1.0", exercise: "access", regime: "ccpa", name: "Olivia Example", email: "olivia@example.com" };

// Issue 16 item 7: the https-only rule was a case-sensitive prefix check, so "HTTP://" passed.
describe("status_callback in production", () => {
  it("[SECURITY]: plain http is refused however the scheme is spelled", () => {
    for (const url of ["http://agent.example/cb", "HTTP://agent.example/cb", "Http://agent.example/cb", "hTtP://agent.example/cb"]) {
      const attempt = () => parseExerciseClaims({ ...base, status_callback: url }, { isProduction: true });
      expect(attempt).toThrow(DrpError);
      expect(attempt).toThrow("status_callback must be an https URL.");
    }
  });

  it("[DRP]: https in any case is accepted; development accepts http", () => {
    expect(parseExerciseClaims({ ...base, status_callback: "HTTPS://agent.example/cb" }, { isProduction: true }).statusCallback).toBe("HTTPS://agent.example/cb");
    expect(parseExerciseClaims({ ...base, status_callback: "http://127.0.0.1:9/cb" }, { isProduction: false }).statusCallback).toBe("http://127.0.0.1:9/cb");
  });
});
