import { createServer } from "node:net";

/**
 * A loopback port nobody listens on now (the kernel's choice), for a service or server started a
 * moment later: the test services, the browser tests' servers, the load benchmarks.
 */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? done(address.port) : fail(new Error("no free port"))));
    });
  });
}
