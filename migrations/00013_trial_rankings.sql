-- +goose Up
-- Each trial's ranked candidates, kept so that a candidate page is an index
-- read instead of a judgement of the whole registry (docs/benchmarks.md).
-- The rows are the compiled CandidatesQuery of the trial's criteria and sites
-- for one reference date; trial_ranking_states says for which, with the
-- totals by verdict. A ranking whose inputs no longer match the trial, or
-- whose date is not today, is stale and is rebuilt before it is read.
CREATE TABLE trial_ranking_states (
    trial_id          uuid PRIMARY KEY REFERENCES trials(id) ON DELETE CASCADE,
    reference_date    date NOT NULL,
    inputs_hash       text NOT NULL,
    eligible          int NOT NULL DEFAULT 0 CHECK (eligible >= 0),
    possibly_eligible int NOT NULL DEFAULT 0 CHECK (possibly_eligible >= 0),
    built_at          timestamptz NOT NULL DEFAULT now()
);

-- Rows are only inserted and deleted, never updated: the totals follow them.
CREATE TABLE trial_rankings (
    trial_id      uuid NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
    volunteer_id  uuid NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
    possible      boolean NOT NULL,
    unknown_count int NOT NULL,
    distance_km   double precision NOT NULL, -- 'Infinity' when unknown
    registered_at timestamptz NOT NULL,
    PRIMARY KEY (trial_id, volunteer_id)
);
CREATE INDEX trial_rankings_order_idx ON trial_rankings (trial_id, possible, unknown_count, distance_km, registered_at, volunteer_id);
CREATE INDEX trial_rankings_volunteer_idx ON trial_rankings (volunteer_id);

-- +goose StatementBegin
CREATE FUNCTION trial_rankings_count_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE trial_ranking_states s
       SET eligible = s.eligible + d.eligible, possibly_eligible = s.possibly_eligible + d.possible
      FROM (SELECT trial_id, count(*) FILTER (WHERE NOT possible) AS eligible, count(*) FILTER (WHERE possible) AS possible
              FROM inserted GROUP BY trial_id) d
     WHERE s.trial_id = d.trial_id;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION trial_rankings_count_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE trial_ranking_states s
       SET eligible = greatest(s.eligible - d.eligible, 0), possibly_eligible = greatest(s.possibly_eligible - d.possible, 0)
      FROM (SELECT trial_id, count(*) FILTER (WHERE NOT possible) AS eligible, count(*) FILTER (WHERE possible) AS possible
              FROM deleted GROUP BY trial_id) d
     WHERE s.trial_id = d.trial_id;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION trial_rankings_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'trial_rankings rows are deleted and inserted, never updated';
END $$;
-- +goose StatementEnd

CREATE TRIGGER trial_rankings_inserted AFTER INSERT ON trial_rankings
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION trial_rankings_count_inserted();
CREATE TRIGGER trial_rankings_deleted AFTER DELETE ON trial_rankings
    REFERENCING OLD TABLE AS deleted FOR EACH STATEMENT EXECUTE FUNCTION trial_rankings_count_deleted();
CREATE TRIGGER trial_rankings_updated BEFORE UPDATE ON trial_rankings
    FOR EACH ROW EXECUTE FUNCTION trial_rankings_no_update();

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
DROP TABLE trial_rankings;
DROP FUNCTION trial_rankings_no_update();
DROP FUNCTION trial_rankings_count_deleted();
DROP FUNCTION trial_rankings_count_inserted();
DROP TABLE trial_ranking_states;
