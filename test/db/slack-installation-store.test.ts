import { describe, expect, it } from "vitest";
import { SqlSlackInstallations } from "../../src/db/slack-installation-store.ts";
import { useTestDatabase } from "../support/database.ts";

const database = useTestDatabase();
const team = { teamId: "T0STORE001", enterpriseId: undefined, enterpriseInstall: false };

describe("Slack installations in the database", () => {
  it("GIVEN an install THEN read back; GIVEN a reinstall THEN replaced; GIVEN an uninstall THEN gone", async () => {
    const store = new SqlSlackInstallations(database().db);
    expect(await store.get(team)).toBeUndefined();
    await store.save(team, { bot: { token: "xoxb-1" }, team: { id: team.teamId } });
    await store.save(team, { bot: { token: "xoxb-2" }, team: { id: team.teamId } });
    expect(await store.get(team)).toEqual({ bot: { token: "xoxb-2" }, team: { id: team.teamId } });
    await store.delete(team);
    expect(await store.get(team)).toBeUndefined();
  });

  it("GIVEN an org-wide install THEN found by the enterprise, whatever the workspace", async () => {
    const store = new SqlSlackInstallations(database().db);
    const org = { teamId: undefined, enterpriseId: "E0ORG00001", enterpriseInstall: true };
    await store.save(org, { enterprise: { id: "E0ORG00001" } });
    expect(await store.get({ ...org, teamId: "T0ANYTEAM1" })).toEqual({ enterprise: { id: "E0ORG00001" } });
  });
});
