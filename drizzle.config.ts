import { defineConfig } from "drizzle-kit";

// Schema files arrive with the storage issue; until then the folder holds only an index.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema",
  out: "./src/db/migrations",
});
