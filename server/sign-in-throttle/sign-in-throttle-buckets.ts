import type { Env } from "../env";
import { keyedHash } from "../sessions/session-secret";
import type { SignInAccountKind } from "./sign-in-throttle-policy";

/** Where a sign-in attempt comes from and which address it names (normalised, as stored). */
export interface SignInOrigin {
  kind: SignInAccountKind;
  email: string;
  /** The client IP as the HTTP layer saw it; undefined when unknown (one shared bucket then). */
  ip: string | undefined;
}

/**
 * The keyed-hash buckets an attempt counts in (no address or IP stored in clear). The pair is keyed
 * by the typed address, not the account id, so an unknown address is throttled exactly like a real
 * one and the wait message never tells whether an account exists (X3).
 */
export function signInThrottleBuckets(env: Env, origin: SignInOrigin): { pair: string; ip: string } {
  const ip = origin.ip ?? "unknown";
  return {
    pair: keyedHash(env, "rate-limit-bucket", `sign-in:pair:${origin.kind}:${origin.email}:${ip}`),
    ip: keyedHash(env, "rate-limit-bucket", `sign-in:ip:${ip}`),
  };
}

/** One account's alert episode (one mail per episode, ADR 040). */
export function signInEpisodeBucket(env: Env, account: { kind: SignInAccountKind; id: string }): string {
  return keyedHash(env, "rate-limit-bucket", `sign-in:episode:${account.kind}:${account.id}`);
}
