// Loaded with `node --import` before the app: any import or require that resolves into a package
// that `npm ci --omit=dev` would not install (package-lock.json marks it "dev") throws, so a
// process that runs with this hook proves it needs no dev dependency, direct or transitive.

import { readFileSync } from "node:fs";
import { registerHooks } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const lock = JSON.parse(readFileSync(`${root}package-lock.json`, "utf8")) as {
  packages: Record<string, { dev?: boolean }>;
};

/** "node_modules/a/node_modules/@b/c" for a file inside that package, as the lock file keys it. */
function lockKey(path: string): string | undefined {
  if (!path.startsWith(root)) return undefined;
  const match = /^((?:node_modules\/(?:@[^/]+\/)?[^/]+\/)*node_modules\/(?:@[^/]+\/)?[^/]+)/u.exec(
    path.slice(root.length),
  );
  return match?.[1];
}

registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    if (resolved.url.startsWith("file:")) {
      const key = lockKey(fileURLToPath(resolved.url));
      if (key !== undefined && lock.packages[key]?.dev === true)
        throw new Error(`a dev-only package was loaded at run time: ${key} (imported as "${specifier}")`);
    }
    return resolved;
  },
});
