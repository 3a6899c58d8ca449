import { describe, expect, it } from "vitest";
import { openSignedMessage } from "../../../server/drp/open-signed-message";
import { DrpAgentSimulator, pythonJson } from "../../support/drp-agent-simulator";

/** OSIRAA's public development key pair (drp.md §4.1): seed and the verify key it derives to. */
const OSIRAA_SEED = "098LMB1ayJW1N45oQ4J22ddU96gXr3/x5hEmKnPFpP0=";
const OSIRAA_VERIFY_KEY = "jkX15E7+NA/0E7K5YAp7+GndMP6/Fa0dJJYyr1GJPoQ=";

describe("openSignedMessage", () => {
  const agent = new DrpAgentSimulator("CR_AA_DRP_ID_001_LOCAL", { seed: OSIRAA_SEED });

  it("[DRP]: a PyNaCl seed derives the directory's verify key", () => {
    expect(agent.verifyKey).toBe(OSIRAA_VERIFY_KEY);
  });

  it("[DRP]: returns the signed bytes exactly as the agent serialised them", () => {
    const text = pythonJson({ "agent-id": agent.id, name: "José Núñez", n: 1 });
    expect(text).toBe('{"agent-id": "CR_AA_DRP_ID_001_LOCAL", "name": "Jos\\u00e9 N\\u00fa\\u00f1ez", "n": 1}');
    expect(openSignedMessage(agent.sign(null, text), OSIRAA_VERIFY_KEY)?.toString("utf8")).toBe(text);
  });

  it("[DRP]: refuses a changed byte, another key, a short body and non-base64 text", () => {
    const body = agent.sign({ reason: "x" });
    const bytes = Buffer.from(body, "base64");
    bytes[bytes.length - 2]! ^= 1;
    expect(openSignedMessage(bytes.toString("base64"), OSIRAA_VERIFY_KEY)).toBeNull();
    expect(openSignedMessage(body, new DrpAgentSimulator("OTHER").verifyKey)).toBeNull();
    expect(openSignedMessage(Buffer.alloc(64).toString("base64"), OSIRAA_VERIFY_KEY)).toBeNull();
    expect(openSignedMessage("not base64 at all!", OSIRAA_VERIFY_KEY)).toBeNull();
    expect(openSignedMessage(body, "c2hvcnQ=")).toBeNull();
  });
});
