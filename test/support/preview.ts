import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PreviewProvider } from "../../src/providers/preview/client.ts";

/**
 * The offline preview provider for engine tests: videos at once (previewSeconds 0), in a fresh
 * folder, and no input images (a picture job fails at submission and is refunded).
 */
export function instantPreview(name: string): { previewDir: string; preview: PreviewProvider } {
  const previewDir = mkdtempSync(join(tmpdir(), `framecast-${name}-`));
  const preview = new PreviewProvider({
    outputDir: previewDir,
    previewSeconds: 0,
    fetchImage: () => Promise.reject(new Error("no images here")),
  });
  return { previewDir, preview };
}
