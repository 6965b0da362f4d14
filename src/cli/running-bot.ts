// Asking the bot that holds the embedded database (src/http/control-socket.ts) a read-only
// question. Undefined when no bot answers there.

import { request } from "node:http";
import type { z } from "zod";
import { controlSocketPath } from "../http/control-socket.ts";

export function askRunningBot<T>(
  dataDir: string,
  path: string,
  schema: z.ZodType<T>,
  timeoutMs = 10_000,
): Promise<T | undefined> {
  return new Promise((resolve) => {
    const req = request(
      { socketPath: controlSocketPath(dataDir), path, method: "GET", timeout: timeoutMs },
      (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (d: string) => {
          text += d;
        });
        res.on("end", () => {
          if (res.statusCode !== 200) return resolve(undefined);
          try {
            const parsed = schema.safeParse(JSON.parse(text));
            resolve(parsed.success ? parsed.data : undefined);
          } catch {
            resolve(undefined);
          }
        });
      },
    );
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(undefined));
    req.end();
  });
}
