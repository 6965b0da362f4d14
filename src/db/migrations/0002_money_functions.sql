-- The money rules' atomic steps, each one call (one round trip, one transaction). Which counters a
-- request moves and their limits are decided by the application (src/core/quota/policy.ts) and
-- passed in; these functions only apply them, all or nothing.

-- What a counter holds for the window starting at `start`: its value if the stored window is that
-- one (or a later one, should clocks disagree), else 0 (the stored window has ended).
CREATE OR REPLACE FUNCTION framecast_window(stored_start timestamptz, start timestamptz, value integer)
RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN stored_start >= start THEN value ELSE 0 END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION framecast_fits(used integer, add integer, maximum integer)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT maximum IS NULL OR used + add <= maximum
$$;
--> statement-breakpoint
-- framecast_reserve: p_counters is a JSON array, sorted by key (rows are locked in that order, so
-- concurrent reservations never deadlock), of
--   {key, day, week, month,                       the current windows' starts
--    dv, ds, dc, wv, ws, wc, mv, ms, mc}          limits: videos/seconds/credits per day/week/month (null: none)
-- Each counter moves with one conditional upsert (`… ON CONFLICT DO UPDATE … WHERE used + cost
-- <= limit RETURNING`). If any limit would break it raises SQLSTATE FC001 with
-- {"index": i, "used": {"day": {videos, seconds, credits}, "week": …, "month": …}} as its message,
-- which rolls back everything it did. Otherwise it returns {"status":"reserved"}, or
-- {"status":"already_reserved"} for a replay (which moves nothing).
CREATE OR REPLACE FUNCTION framecast_reserve(
  p_job_id text, p_platform text, p_workspace_id text, p_user_id text,
  p_videos integer, p_seconds integer, p_credits integer, p_counters jsonb
) RETURNS jsonb AS $$
DECLARE
  c record;
  cur usage_counters%ROWTYPE;
  moved jsonb := '[]'::jsonb;
BEGIN
  -- First, so that a concurrent replay waits here for the original and then moves nothing.
  INSERT INTO reservations (job_id, platform, workspace_id, user_id, state, videos, seconds, credits)
  VALUES (p_job_id, p_platform, p_workspace_id, p_user_id, 'reserved', p_videos, p_seconds, p_credits)
  ON CONFLICT (job_id) DO NOTHING;
  IF NOT FOUND THEN
    RETURN '{"status":"already_reserved"}'::jsonb;
  END IF;
  FOR c IN
    SELECT x.ordinality - 1 AS i, x.value->>'key' AS key,
           (x.value->>'day')::timestamptz AS day, (x.value->>'week')::timestamptz AS week,
           (x.value->>'month')::timestamptz AS month,
           (x.value->>'dv')::integer AS dv, (x.value->>'ds')::integer AS ds, (x.value->>'dc')::integer AS dc,
           (x.value->>'wv')::integer AS wv, (x.value->>'ws')::integer AS ws, (x.value->>'wc')::integer AS wc,
           (x.value->>'mv')::integer AS mv, (x.value->>'ms')::integer AS ms, (x.value->>'mc')::integer AS mc
    FROM jsonb_array_elements(p_counters) WITH ORDINALITY AS x(value, ordinality)
    ORDER BY x.ordinality
  LOOP
    cur := NULL;
    -- One conditional upsert moves the counter (creating it on a subject's first use), unless
    -- the request alone is over a limit, which refuses whatever the row holds.
    IF framecast_fits(0, p_videos, c.dv) AND framecast_fits(0, p_seconds, c.ds) AND framecast_fits(0, p_credits, c.dc)
       AND framecast_fits(0, p_videos, c.wv) AND framecast_fits(0, p_seconds, c.ws) AND framecast_fits(0, p_credits, c.wc)
       AND framecast_fits(0, p_videos, c.mv) AND framecast_fits(0, p_seconds, c.ms) AND framecast_fits(0, p_credits, c.mc) THEN
      INSERT INTO usage_counters AS u (counter_key, day_start, day_videos, day_seconds, day_credits,
        week_start, week_videos, week_seconds, week_credits, month_start, month_videos, month_seconds, month_credits)
      VALUES (c.key, c.day, p_videos, p_seconds, p_credits, c.week, p_videos, p_seconds, p_credits,
        c.month, p_videos, p_seconds, p_credits)
      ON CONFLICT (counter_key) DO UPDATE SET
        day_videos = framecast_window(u.day_start, c.day, u.day_videos) + p_videos,
        day_seconds = framecast_window(u.day_start, c.day, u.day_seconds) + p_seconds,
        day_credits = framecast_window(u.day_start, c.day, u.day_credits) + p_credits,
        day_start = greatest(u.day_start, c.day),
        week_videos = framecast_window(u.week_start, c.week, u.week_videos) + p_videos,
        week_seconds = framecast_window(u.week_start, c.week, u.week_seconds) + p_seconds,
        week_credits = framecast_window(u.week_start, c.week, u.week_credits) + p_credits,
        week_start = greatest(u.week_start, c.week),
        month_videos = framecast_window(u.month_start, c.month, u.month_videos) + p_videos,
        month_seconds = framecast_window(u.month_start, c.month, u.month_seconds) + p_seconds,
        month_credits = framecast_window(u.month_start, c.month, u.month_credits) + p_credits,
        month_start = greatest(u.month_start, c.month),
        updated_at = now()
      WHERE framecast_fits(framecast_window(u.day_start, c.day, u.day_videos), p_videos, c.dv)
        AND framecast_fits(framecast_window(u.day_start, c.day, u.day_seconds), p_seconds, c.ds)
        AND framecast_fits(framecast_window(u.day_start, c.day, u.day_credits), p_credits, c.dc)
        AND framecast_fits(framecast_window(u.week_start, c.week, u.week_videos), p_videos, c.wv)
        AND framecast_fits(framecast_window(u.week_start, c.week, u.week_seconds), p_seconds, c.ws)
        AND framecast_fits(framecast_window(u.week_start, c.week, u.week_credits), p_credits, c.wc)
        AND framecast_fits(framecast_window(u.month_start, c.month, u.month_videos), p_videos, c.mv)
        AND framecast_fits(framecast_window(u.month_start, c.month, u.month_seconds), p_seconds, c.ms)
        AND framecast_fits(framecast_window(u.month_start, c.month, u.month_credits), p_credits, c.mc)
      RETURNING * INTO cur;
    END IF;
    IF cur.counter_key IS NULL THEN
      -- Refused: report what the counter holds now; the application names the limit.
      SELECT * INTO cur FROM usage_counters WHERE counter_key = c.key;
      RAISE EXCEPTION USING ERRCODE = 'FC001', MESSAGE = jsonb_build_object('index', c.i, 'used', jsonb_build_object(
        'day', jsonb_build_object('videos', coalesce(framecast_window(cur.day_start, c.day, cur.day_videos), 0),
          'seconds', coalesce(framecast_window(cur.day_start, c.day, cur.day_seconds), 0),
          'credits', coalesce(framecast_window(cur.day_start, c.day, cur.day_credits), 0)),
        'week', jsonb_build_object('videos', coalesce(framecast_window(cur.week_start, c.week, cur.week_videos), 0),
          'seconds', coalesce(framecast_window(cur.week_start, c.week, cur.week_seconds), 0),
          'credits', coalesce(framecast_window(cur.week_start, c.week, cur.week_credits), 0)),
        'month', jsonb_build_object('videos', coalesce(framecast_window(cur.month_start, c.month, cur.month_videos), 0),
          'seconds', coalesce(framecast_window(cur.month_start, c.month, cur.month_seconds), 0),
          'credits', coalesce(framecast_window(cur.month_start, c.month, cur.month_credits), 0))))::text;
    END IF;
    moved := moved || jsonb_build_object('key', cur.counter_key, 'day', cur.day_start, 'week', cur.week_start,
      'month', cur.month_start);
  END LOOP;
  INSERT INTO ledger (job_id, kind, videos, seconds, credits, counters)
  VALUES (p_job_id, 'reserve', p_videos, p_seconds, p_credits, moved);
  RETURN '{"status":"reserved"}'::jsonb;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- framecast_charge: reserved → charged, once. Returns 'settled', or the state it was left in
-- ('charged', 'refunded'), or 'unknown_job'.
CREATE OR REPLACE FUNCTION framecast_charge(p_job_id text) RETURNS text AS $$
DECLARE
  r reservations%ROWTYPE;
BEGIN
  UPDATE reservations SET state = 'charged', settled_at = now()
  WHERE job_id = p_job_id AND state = 'reserved'
  RETURNING * INTO r;
  IF NOT FOUND THEN
    RETURN coalesce((SELECT state FROM reservations WHERE job_id = p_job_id), 'unknown_job');
  END IF;
  INSERT INTO ledger (job_id, kind, videos, seconds, credits, counters)
  VALUES (r.job_id, 'charge', r.videos, r.seconds, r.credits, '[]'::jsonb)
  ON CONFLICT DO NOTHING;
  RETURN 'settled';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- framecast_refund: reserved → refunded, once, giving back to every counter the reservation took
-- from, in each window that is still current (locked in the order framecast_reserve uses).
-- Returns like framecast_charge.
CREATE OR REPLACE FUNCTION framecast_refund(p_job_id text, p_reason text) RETURNS text AS $$
DECLARE
  taken ledger%ROWTYPE;
BEGIN
  UPDATE reservations SET state = 'refunded', reason = p_reason, settled_at = now()
  WHERE job_id = p_job_id AND state = 'reserved';
  IF NOT FOUND THEN
    RETURN coalesce((SELECT state FROM reservations WHERE job_id = p_job_id), 'unknown_job');
  END IF;
  SELECT * INTO taken FROM ledger WHERE job_id = p_job_id AND kind = 'reserve';
  IF NOT FOUND THEN
    RETURN 'settled';
  END IF;
  PERFORM 1 FROM usage_counters u
  WHERE u.counter_key IN (SELECT x->>'key' FROM jsonb_array_elements(taken.counters) AS x)
  ORDER BY u.counter_key COLLATE "C"
  FOR UPDATE;
  UPDATE usage_counters u SET
    day_videos = u.day_videos - CASE WHEN u.day_start = x.day THEN taken.videos ELSE 0 END,
    day_seconds = u.day_seconds - CASE WHEN u.day_start = x.day THEN taken.seconds ELSE 0 END,
    day_credits = u.day_credits - CASE WHEN u.day_start = x.day THEN taken.credits ELSE 0 END,
    week_videos = u.week_videos - CASE WHEN u.week_start = x.week THEN taken.videos ELSE 0 END,
    week_seconds = u.week_seconds - CASE WHEN u.week_start = x.week THEN taken.seconds ELSE 0 END,
    week_credits = u.week_credits - CASE WHEN u.week_start = x.week THEN taken.credits ELSE 0 END,
    month_videos = u.month_videos - CASE WHEN u.month_start = x.month THEN taken.videos ELSE 0 END,
    month_seconds = u.month_seconds - CASE WHEN u.month_start = x.month THEN taken.seconds ELSE 0 END,
    month_credits = u.month_credits - CASE WHEN u.month_start = x.month THEN taken.credits ELSE 0 END,
    updated_at = now()
  FROM jsonb_to_recordset(taken.counters) AS x(key text, day timestamptz, week timestamptz, month timestamptz)
  WHERE u.counter_key = x.key;
  INSERT INTO ledger (job_id, kind, videos, seconds, credits, counters, reason)
  VALUES (p_job_id, 'refund', taken.videos, taken.seconds, taken.credits, taken.counters, p_reason)
  ON CONFLICT DO NOTHING;
  RETURN 'settled';
END;
$$ LANGUAGE plpgsql;
