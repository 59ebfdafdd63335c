-- +goose Up
-- Organisations: sponsors (who run trials) and sites (hospitals).
CREATE TABLE organisations (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    kind       text NOT NULL CHECK (kind IN ('sponsor', 'site')),
    name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    country    text CHECK (country ~ '^[A-Z]{2}$'),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A sponsor account acts for one sponsor organisation.
ALTER TABLE users ADD COLUMN organisation_id uuid REFERENCES organisations(id) ON DELETE SET NULL;

CREATE TABLE trials (
    id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    sponsor_id         uuid NOT NULL REFERENCES organisations(id),
    nct_id             text UNIQUE CHECK (nct_id ~ '^NCT[0-9]{8}$'),
    title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
    summary            jsonb NOT NULL DEFAULT '{}',
    phases             text[] NOT NULL DEFAULT '{}',
    status             text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'recruiting', 'paused', 'closed')),
    target_enrollment  int CHECK (target_enrollment >= 0),
    criteria           jsonb NOT NULL DEFAULT '[]',
    conditions         text[] NOT NULL DEFAULT '{}',
    unmapped_conditions text[] NOT NULL DEFAULT '{}',
    source             text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'ctgov')),
    version            int NOT NULL DEFAULT 1,
    created_by         uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX trials_sponsor_idx ON trials (sponsor_id, created_at);
CREATE INDEX trials_status_idx ON trials (status, created_at, id);

CREATE TABLE trial_sites (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    trial_id          uuid NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
    name              text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    city              text NOT NULL DEFAULT '',
    country           text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    latitude          double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude         double precision CHECK (longitude BETWEEN -180 AND 180),
    target_enrollment int CHECK (target_enrollment >= 0),
    created_at        timestamptz NOT NULL DEFAULT now(),
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX trial_sites_trial_idx ON trial_sites (trial_id);

-- Investigator accounts on a site: principal investigator or coordinator.
CREATE TABLE site_staff (
    site_id    uuid NOT NULL REFERENCES trial_sites(id) ON DELETE CASCADE,
    user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role       text NOT NULL CHECK (role IN ('principal_investigator', 'coordinator')),
    added_by   uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site_id, user_id)
);
CREATE INDEX site_staff_user_idx ON site_staff (user_id);

-- +goose Down
DROP TABLE site_staff;
DROP TABLE trial_sites;
DROP TABLE trials;
ALTER TABLE users DROP COLUMN organisation_id;
DROP TABLE organisations;
