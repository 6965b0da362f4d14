import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** One accepted video request, from acceptance to delivery or refund. */
export const jobs = pgTable(
  "jobs",
  {
    id: text("id").primaryKey(),
    platform: text("platform").notNull(),
    workspaceId: text("workspace_id").notNull(),
    channelId: text("channel_id").notNull(),
    userId: text("user_id").notNull(),
    userName: text("user_name").notNull().default(""),
    /** The validated VideoRequest (core/request.ts). */
    request: jsonb("request").notNull(),
    mode: text("mode").notNull(),
    model: text("model").notNull(),
    provider: text("provider"),
    /** Kept as text: PixVerse ids are int64 and exceed JavaScript's safe integers. */
    providerJobId: text("provider_job_id"),
    /** URLs the provider returned to follow (fal, Replicate). */
    providerUrls: jsonb("provider_urls"),
    state: text("state").notNull(),
    /** 0–100. */
    progress: integer("progress").notNull().default(0),
    costCredits: integer("cost_credits").notNull(),
    costUsdCents: integer("cost_usd_cents").notNull(),
    seedUsed: bigint("seed_used", { mode: "number" }),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    resultUrl: text("result_url"),
    // The chat message that shows this job, so any instance can edit it.
    chatChannelId: text("chat_channel_id"),
    chatMessageId: text("chat_message_id"),
    /** The message that carries the finished video, recorded as soon as it is posted. */
    videoMessageId: text("video_message_id"),
    /** When delivery began (the provider's video was ready): its deadline counts from here. */
    deliveryStartedAt: timestamp("delivery_started_at", { withTimezone: true }),
    /** Tries to post the video that failed; a job with one doesn't hold a concurrency slot. */
    deliveryFailures: integer("delivery_failures").notNull().default(0),
    /** A Continue chain's segment: the chain (chains.id) and its place in it (1, 2, …). */
    chainId: text("chain_id"),
    chainIndex: integer("chain_index"),
    /** Discord: edits the original response for 15 minutes; secret, never logged. */
    interactionToken: text("interaction_token"),
    interactionTokenExpiresAt: timestamp("interaction_token_expires_at", { withTimezone: true }),
    /** Slack: 5 uses within 30 minutes; secret, never logged. */
    responseUrl: text("response_url"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().default(sql`now()`),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("jobs_state_idx").on(t.state),
    index("jobs_user_idx").on(t.platform, t.workspaceId, t.userId, t.createdAt),
    index("jobs_chain_idx").on(t.chainId, t.chainIndex),
  ],
);
