-- +goose Up
-- Each trial's ranked candidates, kept so that a candidate page is an index
-- read instead of a judgement of the whole registry (docs/benchmarks.md).
-- The rows are the compiled CandidatesQuery of the trial's criteria and sites
-- for one reference date; trial_ranking_states says for which, with the
-- totals by verdict. A ranking whose inputs no longer match the trial, or
-- whose date is not today, is stale and is rebuilt before it is read.
--
-- Both tables are UNLOGGED: they are derived, and rebuilding a broad trial's
-- ranking writes hundreds of thousands of rows. After a crash PostgreSQL
-- empties both, so every ranking reads as stale and is rebuilt. The ranking
-- rows carry no foreign keys (two checks for each of a broad trial's 640k
-- rows at 1M volunteers); the triggers below remove the rows of a deleted
-- volunteer or trial instead. Totals are kept by the writers (RankingService).
CREATE UNLOGGED TABLE trial_ranking_states (
    trial_id          uuid PRIMARY KEY REFERENCES trials(id) ON DELETE CASCADE,
    reference_date    date NOT NULL,
    inputs_hash       text NOT NULL,
    eligible          int NOT NULL DEFAULT 0 CHECK (eligible >= 0),
    possibly_eligible int NOT NULL DEFAULT 0 CHECK (possibly_eligible >= 0),
    built_at          timestamptz NOT NULL DEFAULT now()
);

CREATE UNLOGGED TABLE trial_rankings (
    trial_id      uuid NOT NULL,
    volunteer_id  uuid NOT NULL,
    possible      boolean NOT NULL,
    unknown_count int NOT NULL,
    distance_km   double precision NOT NULL, -- 'Infinity' when unknown
    registered_at timestamptz NOT NULL
);
CREATE INDEX trial_rankings_order_idx ON trial_rankings (trial_id, possible, unknown_count, distance_km, registered_at, volunteer_id);
CREATE INDEX trial_rankings_volunteer_idx ON trial_rankings (volunteer_id);

-- An erased volunteer leaves every ranking at once, with the totals, under
-- the ranking writers' advisory lock (services.rankingLockKey).
-- +goose StatementBegin
CREATE FUNCTION trial_rankings_forget_volunteer() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(92691069226571);
    WITH gone AS (DELETE FROM trial_rankings WHERE volunteer_id = OLD.id RETURNING trial_id, possible)
    UPDATE trial_ranking_states s
       SET eligible = s.eligible - g.eligible, possibly_eligible = s.possibly_eligible - g.possible
      FROM (SELECT trial_id, count(*) FILTER (WHERE NOT possible) AS eligible, count(*) FILTER (WHERE possible) AS possible
              FROM gone GROUP BY trial_id) g
     WHERE s.trial_id = g.trial_id;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER volunteers_forget_rankings AFTER DELETE ON volunteers
    FOR EACH ROW EXECUTE FUNCTION trial_rankings_forget_volunteer();

-- +goose StatementBegin
CREATE FUNCTION trial_rankings_forget_trial() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM trial_rankings WHERE trial_id = OLD.id;
    RETURN NULL;
END $$;
-- +goose StatementEnd
CREATE TRIGGER trials_forget_rankings AFTER DELETE ON trials
    FOR EACH ROW EXECUTE FUNCTION trial_rankings_forget_trial();

-- The version of the set of trials as the matching engine reads it (trials,
-- their sites, their sponsors' names). Every change takes a new number from a
-- sequence, so a rolled-back change never reuses one, and a process's cache
-- of decoded trials knows with one primary-key read whether it is current.
CREATE SEQUENCE trial_catalog_seq;
CREATE TABLE trial_catalog_version (
    singleton boolean PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    version   bigint NOT NULL
);
INSERT INTO trial_catalog_version (version) VALUES (nextval('trial_catalog_seq'));

-- +goose StatementBegin
CREATE FUNCTION trial_catalog_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE trial_catalog_version SET version = nextval('trial_catalog_seq');
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER trials_catalog_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON trials
    FOR EACH STATEMENT EXECUTE FUNCTION trial_catalog_bump();
CREATE TRIGGER trial_sites_catalog_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON trial_sites
    FOR EACH STATEMENT EXECUTE FUNCTION trial_catalog_bump();
CREATE TRIGGER organisations_catalog_bump AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisations
    FOR EACH STATEMENT EXECUTE FUNCTION trial_catalog_bump();

-- +goose Down
DROP TRIGGER organisations_catalog_bump ON organisations;
DROP TRIGGER trial_sites_catalog_bump ON trial_sites;
DROP TRIGGER trials_catalog_bump ON trials;
DROP FUNCTION trial_catalog_bump();
DROP TABLE trial_catalog_version;
DROP SEQUENCE trial_catalog_seq;
DROP TRIGGER trials_forget_rankings ON trials;
DROP FUNCTION trial_rankings_forget_trial();
DROP TRIGGER volunteers_forget_rankings ON volunteers;
DROP FUNCTION trial_rankings_forget_volunteer();
DROP TABLE trial_rankings;
DROP TABLE trial_ranking_states;
