-- +goose Up
-- The facts of each volunteer's clinical profile that eligibility criteria
-- read, one column per fact, NULL = unknown (services/eligibility: Facts,
-- FactsRow; docs/eligibility.md). The rows are derived in Go from the profile
-- and rewritten whenever it changes; candidate search and feasibility counts
-- run the compiled criteria (eligibility.CompileSQL) over this table.
CREATE TABLE volunteer_facts (
    volunteer_id  uuid PRIMARY KEY REFERENCES volunteers(id) ON DELETE CASCADE,
    -- matchable: the volunteer consented to matching and the profile is
    -- active; every search reads only these rows (the indexes are partial).
    matchable     boolean NOT NULL DEFAULT false,
    registered_at timestamptz NOT NULL,

    date_of_birth     date,
    sex               text CHECK (sex IN ('female', 'male')),
    country           text CHECK (country ~ '^[A-Z]{2}$'),
    latitude          double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude         double precision CHECK (longitude BETWEEN -180 AND 180),
    healthy_volunteer boolean,

    -- Diagnoses: their codes, the codes with all their ancestors, and per
    -- diagnosis [{code, lineage, antigens}] for condition criteria with
    -- antigen requirements. All three are NULL together (diagnoses unknown).
    condition_codes    text[],
    condition_lineage  text[],
    diagnoses          jsonb CHECK (jsonb_typeof(diagnoses) = 'array'),
    primary_condition  text,
    first_diagnosed_on date,

    -- The primary diagnosis' disease facts. The relapse count is a range:
    -- at least relapse_count_min, at most relapse_count_max (NULL: unknown).
    disease_status text CHECK (disease_status IN
        ('newly_diagnosed', 'in_remission', 'relapsed', 'refractory', 'primary_refractory')),
    relapse_count_min integer NOT NULL DEFAULT 0 CHECK (relapse_count_min >= 0),
    relapse_count_max integer CHECK (relapse_count_max >= relapse_count_min),
    relapse_sites     text[] NOT NULL DEFAULT '{}', -- one entry per listed relapse with a known site
    relapse_dates     date[] NOT NULL DEFAULT '{}',
    relapse_dates_complete boolean NOT NULL DEFAULT false,
    isolated_extramedullary_relapse boolean,
    antigens     jsonb, -- {"CD19": "positive", …}
    philadelphia text CHECK (philadelphia IN ('positive', 'negative')),
    cns_status   text CHECK (cns_status IN ('CNS1', 'CNS2', 'CNS3')),
    mrd          text CHECK (mrd IN ('positive', 'negative')),

    -- Therapy history: all NULL when it is unknown.
    prior_lines                   integer CHECK (prior_lines >= 0),
    prior_categories              text[],
    prior_categories_complete     boolean NOT NULL DEFAULT false,
    prior_targets                 text[],
    prior_targets_complete        boolean NOT NULL DEFAULT false,
    prior_car_t                   boolean,
    refractory_to_last_line       boolean,
    refractory_categories         text[],
    refractory_unknown_categories text[],
    line_remissions               jsonb, -- {"1": {"reached_cr": true, "remission_months": 7}}

    -- Transplants of each type: had one, the latest's date, a relapse after
    -- it and the completed months to the first such relapse.
    allo_sct                boolean,
    allo_sct_last_on        date,
    allo_sct_relapse_after  boolean,
    allo_sct_relapse_months integer,
    auto_sct                boolean,
    auto_sct_last_on        date,
    auto_sct_relapse_after  boolean,
    auto_sct_relapse_months integer,
    active_gvhd             boolean,
    allo_sct_eligible       boolean,

    -- Performance: the score and its equivalents on the common scales.
    performance_scale text CHECK (performance_scale IN ('ecog', 'karnofsky', 'lansky')),
    performance_score integer,
    ecog_equivalent   integer CHECK (ecog_equivalent BETWEEN 0 AND 5),
    karnofsky_low     integer CHECK (karnofsky_low BETWEEN 0 AND 100),
    karnofsky_high    integer CHECK (karnofsky_high BETWEEN 0 AND 100),
    CHECK ((performance_scale IS NULL) = (performance_score IS NULL))
);

-- A selective search (b_all children) narrows by diagnosis and birth date;
-- the compiled prefilter ORs "matches", "less specific" and "unknown", which
-- PostgreSQL serves with a BitmapOr over these.
CREATE INDEX volunteer_facts_lineage_idx ON volunteer_facts USING gin (condition_lineage) WHERE matchable;
CREATE INDEX volunteer_facts_codes_idx ON volunteer_facts USING gin (condition_codes) WHERE matchable;
CREATE INDEX volunteer_facts_no_diagnoses_idx ON volunteer_facts (volunteer_id)
    WHERE matchable AND condition_codes IS NULL;
CREATE INDEX volunteer_facts_birth_idx ON volunteer_facts (date_of_birth) WHERE matchable;
CREATE INDEX volunteer_facts_country_idx ON volunteer_facts (country) WHERE matchable;
-- A broad search reads every matchable row; this keeps it to those rows and
-- serves "earliest registration first".
CREATE INDEX volunteer_facts_registered_idx ON volunteer_facts (registered_at, volunteer_id) WHERE matchable;
CREATE INDEX volunteer_facts_prior_targets_idx ON volunteer_facts USING gin (prior_targets) WHERE matchable;

-- Completed years from born to on_date: someone born on 29 February turns a
-- year older on 1 March in non-leap years (comparing (month, day) pairs),
-- exactly as eligibility.CompletedYears. NULL in, NULL out; not STRICT so
-- that the planner can inline it.
CREATE FUNCTION tm_completed_years(born date, on_date date) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (extract(year FROM on_date)::integer - extract(year FROM born)::integer)
        - CASE WHEN (extract(month FROM on_date), extract(day FROM on_date))
                    < (extract(month FROM born), extract(day FROM born)) THEN 1 ELSE 0 END;

-- Completed calendar months from from_date to to_date; a monthly anniversary
-- that does not exist is reached on the 1st of the next month
-- (eligibility.CompletedMonths).
CREATE FUNCTION tm_completed_months(from_date date, to_date date) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN (extract(year FROM to_date)::integer - extract(year FROM from_date)::integer) * 12
        + (extract(month FROM to_date)::integer - extract(month FROM from_date)::integer)
        - CASE WHEN extract(day FROM to_date) < extract(day FROM from_date) THEN 1 ELSE 0 END;

-- Great-circle (haversine) distance in km (eligibility.DistanceKm, the same
-- operations in the same order). NULL in, NULL out: the clamp to 1 (against
-- rounding, asin(>1) is an error) is a CASE because least() ignores NULLs.
CREATE FUNCTION tm_distance_km(lat1 double precision, lon1 double precision,
                               lat2 double precision, lon2 double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN 2 * 6371.0088 * asin(sqrt(CASE
        WHEN sin((lat2 - lat1) * (pi() / 180) / 2) * sin((lat2 - lat1) * (pi() / 180) / 2)
             + cos(lat1 * (pi() / 180)) * cos(lat2 * (pi() / 180))
               * sin((lon2 - lon1) * (pi() / 180) / 2) * sin((lon2 - lon1) * (pi() / 180) / 2) > 1 THEN 1
        ELSE sin((lat2 - lat1) * (pi() / 180) / 2) * sin((lat2 - lat1) * (pi() / 180) / 2)
             + cos(lat1 * (pi() / 180)) * cos(lat2 * (pi() / 180))
               * sin((lon2 - lon1) * (pi() / 180) / 2) * sin((lon2 - lon1) * (pi() / 180) / 2)
        END));

-- +goose Down
DROP FUNCTION tm_distance_km(double precision, double precision, double precision, double precision);
DROP FUNCTION tm_completed_months(date, date);
DROP FUNCTION tm_completed_years(date, date);
DROP TABLE volunteer_facts;
