import { describe, expect, it } from "vitest";
import { assertPublicCallbackHost, isPublicAddress } from "../../../server/drp/check-callback-host";

describe("status callback host guard", () => {
  it("[DRP]: loopback, private, link-local and mapped private addresses are not public", () => {
    for (const ip of ["127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1"]) {
      expect({ ip, public: isPublicAddress(ip) }).toEqual({ ip, public: false });
    }
    for (const ip of ["93.184.216.34", "8.8.8.8", "2606:4700::1111"]) expect({ ip, public: isPublicAddress(ip) }).toEqual({ ip, public: true });
    expect(isPublicAddress("not-an-ip")).toBe(false);
  });

  it("[DRP]: a callback URL naming a private address is refused with EBLOCKED", async () => {
    await expect(assertPublicCallbackHost("https://127.0.0.1:8443/drp/status")).rejects.toMatchObject({ code: "EBLOCKED" });
    await expect(assertPublicCallbackHost("https://[::1]/status")).rejects.toMatchObject({ code: "EBLOCKED" });
    await expect(assertPublicCallbackHost("https://[::ffff:127.0.0.1]/status")).rejects.toMatchObject({ code: "EBLOCKED" });
    await expect(assertPublicCallbackHost("https://localhost/status")).rejects.toMatchObject({ code: "EBLOCKED" });
    await expect(assertPublicCallbackHost("https://93.184.216.34/status")).resolves.toBeUndefined();
  });
});
