-- Accepting a job and claiming its slot, each one call: one round trip, one transaction. Before,
-- acceptance was BEGIN, reserve, INSERT job, INSERT queue entry, COMMIT and a queue-position count
-- (six round trips), and a claim held the schema's slot lock across five round trips, so under load
-- every claim waited for the busiest client's event loop while holding everyone else up.

-- framecast_accept: the quota reservation (framecast_reserve, which raises FC001 on a refusal and
-- so rolls everything back), the job row, the job's first queue step and its place in line, all
-- or none. p_enqueue is the queue's own statement that sends the first step (pg-boss's INSERT,
-- captured from its send(), src/queue/jobs-queue.ts) with its one parameter p_enqueue_arg; null:
-- no queue (contract tests). A button's job (p_repeat_lock set) is a duplicate if any of
-- p_repeat_ids exists, checked under that advisory lock. Returns
-- {"status":"accepted","position":n} (n = 1 + queued jobs accepted before it) or
-- {"status":"duplicate"} (this job, or the repeated click's, was accepted before: nothing moved).
CREATE OR REPLACE FUNCTION framecast_accept(
  p_job_id text, p_platform text, p_workspace_id text, p_channel_id text, p_user_id text,
  p_user_name text, p_request jsonb, p_mode text, p_model text, p_cost_credits integer,
  p_cost_usd_cents integer, p_videos integer, p_seconds integer, p_credits integer,
  p_counters jsonb, p_repeat_lock text, p_repeat_ids text[], p_enqueue text, p_enqueue_arg text
) RETURNS jsonb AS $$
DECLARE
  reserved jsonb;
  ahead integer;
BEGIN
  IF p_repeat_lock IS NOT NULL THEN
    -- Held to the end of the transaction: a concurrent repeat waits, then sees this job.
    PERFORM pg_advisory_xact_lock(hashtextextended(p_repeat_lock, 0));
    PERFORM 1 FROM jobs WHERE id = ANY (p_repeat_ids);
    IF FOUND THEN
      RETURN '{"status":"duplicate"}'::jsonb;
    END IF;
  END IF;
  reserved := framecast_reserve(p_job_id, p_platform, p_workspace_id, p_user_id,
                                p_videos, p_seconds, p_credits, p_counters);
  IF reserved->>'status' = 'already_reserved' THEN
    RETURN '{"status":"duplicate"}'::jsonb;
  END IF;
  INSERT INTO jobs (id, platform, workspace_id, channel_id, user_id, user_name, request, mode, model,
                    state, cost_credits, cost_usd_cents, chat_channel_id)
  VALUES (p_job_id, p_platform, p_workspace_id, p_channel_id, p_user_id, p_user_name, p_request, p_mode,
          p_model, 'queued', p_cost_credits, p_cost_usd_cents, p_channel_id);
  IF p_enqueue IS NOT NULL THEN
    EXECUTE p_enqueue USING p_enqueue_arg;
  END IF;
  -- As SqlJobStore.queuePosition: the job's created_at is now(), the transaction's start.
  SELECT count(*) INTO ahead FROM jobs q
  WHERE q.state = 'queued' AND (q.created_at, q.id) < (now(), p_job_id);
  RETURN jsonb_build_object('status', 'accepted', 'position', ahead + 1);
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- framecast_claim_slot: moves a queued job to 'submitting' if the concurrency caps leave room
-- (the workspace's own caps, set by its admins, override the defaults passed in; null: no cap).
-- One lock per schema serialises claims, so the counts cannot change between reading them and
-- taking the slot; it is held only while this function runs, never across a round trip. A delivery
-- that failed once waits for its next try without a slot. Returns 'claimed', 'busy' or
-- 'not_queued'.
CREATE OR REPLACE FUNCTION framecast_claim_slot(
  p_job_id text, p_user_cap integer, p_workspace_cap integer, p_global_cap integer,
  p_started_at timestamptz
) RETURNS text AS $$
DECLARE
  me record;
  user_cap integer;
  workspace_cap integer;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('framecast:slots:' || current_schema()));
  SELECT j.platform, j.workspace_id, j.user_id,
         s.max_concurrent_per_user AS user_cap, s.max_concurrent_per_workspace AS workspace_cap
  INTO me
  FROM jobs j
  LEFT JOIN workspace_settings s ON s.platform = j.platform AND s.workspace_id = j.workspace_id
  WHERE j.id = p_job_id AND j.state = 'queued';
  IF NOT FOUND THEN
    RETURN 'not_queued';
  END IF;
  user_cap := coalesce(me.user_cap, p_user_cap);
  workspace_cap := coalesce(me.workspace_cap, p_workspace_cap);
  -- Only the counts a cap applies to are taken: without caps, claiming reads no other job.
  IF user_cap IS NOT NULL THEN
    IF user_cap <= (SELECT count(*) FROM jobs
                    WHERE platform = me.platform AND workspace_id = me.workspace_id AND user_id = me.user_id
                      AND (state IN ('submitting', 'running') OR (state = 'delivering' AND delivery_failures = 0))) THEN
      RETURN 'busy';
    END IF;
  END IF;
  IF workspace_cap IS NOT NULL THEN
    IF workspace_cap <= (SELECT count(*) FROM jobs
                         WHERE platform = me.platform AND workspace_id = me.workspace_id
                           AND (state IN ('submitting', 'running') OR (state = 'delivering' AND delivery_failures = 0))) THEN
      RETURN 'busy';
    END IF;
  END IF;
  IF p_global_cap IS NOT NULL THEN
    IF p_global_cap <= (SELECT count(*) FROM jobs
                        WHERE state IN ('submitting', 'running') OR (state = 'delivering' AND delivery_failures = 0)) THEN
      RETURN 'busy';
    END IF;
  END IF;
  UPDATE jobs SET state = 'submitting', started_at = p_started_at, updated_at = now()
  WHERE id = p_job_id AND state = 'queued';
  RETURN 'claimed';
END;
$$ LANGUAGE plpgsql;
