import { and, eq } from "drizzle-orm";
import type { PreferenceOwner, PreferencesStore } from "../app/preferences/ports.ts";
import { type Preferences, preferencesSchema } from "../core/preferences/preferences.ts";
import type { Db } from "./client.ts";
import { userPreferences } from "./schema/user-preferences.ts";

type Row = typeof userPreferences.$inferSelect;
const p = userPreferences;

/** A row as preferences: null columns left out, and checked, so a hand-edited row can't slip through. */
function toPreferences(row: Row | undefined): Preferences {
  if (row === undefined) return {};
  const { model, quality, ratio, audio, suffix } = row;
  const present = Object.entries({ model, quality, ratio, audio, suffix }).filter(([, v]) => v !== null);
  return preferencesSchema.parse(Object.fromEntries(present));
}

const whose = (o: PreferenceOwner) =>
  and(eq(p.platform, o.platform), eq(p.workspaceId, o.workspaceId), eq(p.userId, o.userId));

export class SqlPreferencesStore implements PreferencesStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async get(owner: PreferenceOwner): Promise<Preferences> {
    const [row] = await this.#db.select().from(p).where(whose(owner));
    return toPreferences(row);
  }

  update(owner: PreferenceOwner, change: (current: Preferences) => Preferences): Promise<Preferences> {
    return this.#db.transaction(async (tx) => {
      // Create the row if needed, then lock it, so two changes by one person apply one after another.
      await tx.insert(p).values(owner).onConflictDoNothing();
      const [row] = await tx.select().from(p).where(whose(owner)).for("update");
      const next = preferencesSchema.parse(change(toPreferences(row)));
      await tx
        .update(p)
        .set({
          model: next.model ?? null,
          quality: next.quality ?? null,
          ratio: next.ratio ?? null,
          audio: next.audio ?? null,
          suffix: next.suffix ?? null,
          updatedAt: new Date(),
        })
        .where(whose(owner));
      return next;
    });
  }
}
