import { describe, expect, it } from "vitest";
import { assertTestDatabase } from "../support/database.ts";

describe("the test database guard", () => {
  it.each([
    "postgres://postgres@127.0.0.1:5432/test",
    "postgres://u@h/framecast_test",
    "postgres://u@h/test-2",
  ])("GIVEN %s THEN allowed", (url) => {
    expect(() => assertTestDatabase(url)).not.toThrow();
  });
  it.each(["postgres://postgres@127.0.0.1:5432/postgres", "postgres://u@h/framecast"])(
    "GIVEN %s THEN refused",
    (url) => {
      expect(() => assertTestDatabase(url)).toThrow('its name must contain "test"');
    },
  );
});
