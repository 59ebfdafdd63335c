-- +goose Up
-- Diversity goals: the share of the enrolled population a sponsor aims for
-- per stratum (the strata of an FDA diversity action plan). A goal is a
-- target, not a limit; the goals of one dimension add up to at most 100 %.
CREATE TABLE trial_diversity_goals (
    trial_id       uuid NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
    dimension      text NOT NULL CHECK (dimension IN ('sex', 'age_band', 'country', 'race', 'ethnicity')),
    value          text NOT NULL CHECK (length(value) BETWEEN 1 AND 100),
    target_percent numeric(5, 2) NOT NULL CHECK (target_percent BETWEEN 0 AND 100),
    position       int NOT NULL,
    updated_by     uuid REFERENCES users(id) ON DELETE SET NULL,
    updated_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (trial_id, dimension, value)
);

-- Report milestones: one row per referral with the first day (UTC) it
-- reached each state, copied from its history (referral_events) by the
-- trigger below, and the coarse strata reports group by, mirrored from
-- referrals. The history stays the source of truth; this narrow table only
-- lets an enrollment report of a trial with 100,000 referrals be one scan of
-- small rows instead of a join over every event. Reports are as of the end
-- of a day: "reached state S by as_of" is "s_on <= as_of", so a report as of
-- a past day reproduces exactly what a report on that day said.
CREATE TABLE referral_milestones (
    referral_id        uuid PRIMARY KEY REFERENCES referrals(id) ON DELETE CASCADE,
    trial_id           uuid NOT NULL,
    site_id            uuid NOT NULL,
    invited_on         date,
    accepted_on        date,
    declined_on        date,
    interested_on      date,
    prescreening_on    date,
    screen_failed_on   date,
    eligible_on        date,
    consented_on       date,
    enrolled_on        date,
    treated_on         date,
    completed_on       date,
    withdrawn_on       date,
    screen_fail_reason text,
    age_band           text,
    sex                text,
    country            text,
    race               text,
    ethnicity          text
);
-- The funnel of a trial, by site and screen-failure reason: an index-only
-- scan of the trial's entries, already in group order.
CREATE INDEX referral_milestones_funnel_idx ON referral_milestones (trial_id, site_id, screen_fail_reason)
    INCLUDE (invited_on, accepted_on, declined_on, interested_on, prescreening_on, screen_failed_on,
             eligible_on, consented_on, enrolled_on, treated_on, completed_on, withdrawn_on);
-- The people enrolled, with what the weekly series, the time to enrollment
-- and the diversity table need: an index-only scan.
CREATE INDEX referral_milestones_enrolled_idx ON referral_milestones (trial_id, enrolled_on)
    INCLUDE (site_id, invited_on, interested_on, sex, age_band, country, race, ethnicity) WHERE enrolled_on IS NOT NULL;

-- +goose StatementBegin
CREATE FUNCTION referral_milestones_record() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    day_reached date := (NEW.occurred_at AT TIME ZONE 'UTC')::date;
BEGIN
    INSERT INTO referral_milestones (referral_id, trial_id, site_id, age_band, sex, country, race, ethnicity)
    SELECT id, trial_id, site_id, age_band, sex, country, race, ethnicity FROM referrals WHERE id = NEW.referral_id
    ON CONFLICT (referral_id) DO NOTHING;
    UPDATE referral_milestones SET
        invited_on       = CASE WHEN NEW.to_state = 'invited'       THEN least(invited_on, day_reached)       ELSE invited_on END,
        accepted_on      = CASE WHEN NEW.to_state = 'accepted'      THEN least(accepted_on, day_reached)      ELSE accepted_on END,
        declined_on      = CASE WHEN NEW.to_state = 'declined'      THEN least(declined_on, day_reached)      ELSE declined_on END,
        interested_on    = CASE WHEN NEW.to_state = 'interested'    THEN least(interested_on, day_reached)    ELSE interested_on END,
        prescreening_on  = CASE WHEN NEW.to_state = 'prescreening'  THEN least(prescreening_on, day_reached)  ELSE prescreening_on END,
        screen_failed_on = CASE WHEN NEW.to_state = 'screen_failed' THEN least(screen_failed_on, day_reached) ELSE screen_failed_on END,
        eligible_on      = CASE WHEN NEW.to_state = 'eligible'      THEN least(eligible_on, day_reached)      ELSE eligible_on END,
        consented_on     = CASE WHEN NEW.to_state = 'consented'     THEN least(consented_on, day_reached)     ELSE consented_on END,
        enrolled_on      = CASE WHEN NEW.to_state = 'enrolled'      THEN least(enrolled_on, day_reached)      ELSE enrolled_on END,
        treated_on       = CASE WHEN NEW.to_state = 'treated'       THEN least(treated_on, day_reached)       ELSE treated_on END,
        completed_on     = CASE WHEN NEW.to_state = 'completed'     THEN least(completed_on, day_reached)     ELSE completed_on END,
        withdrawn_on     = CASE WHEN NEW.to_state = 'withdrawn'     THEN least(withdrawn_on, day_reached)     ELSE withdrawn_on END,
        screen_fail_reason = CASE WHEN NEW.to_state = 'screen_failed'
            THEN coalesce(NEW.reason_code, (SELECT r.screen_fail_reason FROM referrals r WHERE r.id = NEW.referral_id))
            ELSE screen_fail_reason END
    WHERE referral_id = NEW.referral_id;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER referral_events_milestones AFTER INSERT ON referral_events
    FOR EACH ROW EXECUTE FUNCTION referral_milestones_record();

-- The strata are set when a referral is created and again at enrollment
-- (and may be coarsened later); the report copy follows every change.
-- +goose StatementBegin
CREATE FUNCTION referral_milestones_strata() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE referral_milestones
    SET age_band = NEW.age_band, sex = NEW.sex, country = NEW.country, race = NEW.race, ethnicity = NEW.ethnicity
    WHERE referral_id = NEW.id;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER referrals_milestone_strata AFTER UPDATE OF age_band, sex, country, race, ethnicity ON referrals
    FOR EACH ROW EXECUTE FUNCTION referral_milestones_strata();

-- Milestones of the referrals that exist already.
INSERT INTO referral_milestones
SELECT r.id, r.trial_id, r.site_id,
       min((e.occurred_at AT TIME ZONE 'UTC')::date) FILTER (WHERE e.to_state = 'invited'),
       min((e.occurred_at AT TIME ZONE 'UTC')::date) FILTER (WHERE e.to_state = 'accepted'),
       min((e.occurred_at AT TIME ZONE 'UTC')::date) FILTER (WHERE e.to_state = 'declined'),
       min((e.occurred_at AT TIME ZONE 'UTC')::date) FILTER (WHERE e.to_state = 'interested'),
       min((e.occurred_at AT TIME ZONE 'UTC')::date) FILTER (WHERE e.to_state = 'prescreening'),
       min((e.occurred_at AT TIME ZONE 'UTC')::date) FILTER (WHERE e.to_state = 'screen_failed'),
       min((e.occurred_at AT TIME ZONE 'UTC')::date) FILTER (WHERE e.to_state = 'eligible'),
       min((e.occurred_at AT TIME ZONE 'UTC')::date) FILTER (WHERE e.to_state = 'consented'),
       min((e.occurred_at AT TIME ZONE 'UTC')::date) FILTER (WHERE e.to_state = 'enrolled'),
       min((e.occurred_at AT TIME ZONE 'UTC')::date) FILTER (WHERE e.to_state = 'treated'),
       min((e.occurred_at AT TIME ZONE 'UTC')::date) FILTER (WHERE e.to_state = 'completed'),
       min((e.occurred_at AT TIME ZONE 'UTC')::date) FILTER (WHERE e.to_state = 'withdrawn'),
       coalesce(max(e.reason_code) FILTER (WHERE e.to_state = 'screen_failed'), r.screen_fail_reason),
       r.age_band, r.sex, r.country, r.race, r.ethnicity
FROM referrals r JOIN referral_events e ON e.referral_id = r.id
GROUP BY r.id;

-- +goose Down
DROP TRIGGER referrals_milestone_strata ON referrals;
DROP FUNCTION referral_milestones_strata();
DROP TRIGGER referral_events_milestones ON referral_events;
DROP FUNCTION referral_milestones_record();
DROP TABLE referral_milestones;
DROP TABLE trial_diversity_goals;
