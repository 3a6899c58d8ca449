// A console.error during a test is a bug we want to see as a failure, not as noise (Epic Stack habit).
import { afterEach, vi } from "vitest";

const original = console.error;
let errors: unknown[][] = [];
console.error = (...args: unknown[]) => {
  errors.push(args);
  original(...args);
};
afterEach(() => {
  const seen = errors;
  errors = [];
  vi.restoreAllMocks();
  if (seen.length) throw new Error(`console.error was called ${seen.length} time(s) during the test`);
});
