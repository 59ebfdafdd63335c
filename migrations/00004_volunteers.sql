-- +goose Up
-- A volunteer profile belongs to an account: the account holder's own
-- ("self") or a dependent ("child", "ward") whose guardian is the account.
CREATE TABLE volunteers (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    account_id   uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    relationship text NOT NULL CHECK (relationship IN ('self', 'child', 'ward')),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX volunteers_account_idx ON volunteers (account_id, created_at);
CREATE UNIQUE INDEX volunteers_one_self_idx ON volunteers (account_id) WHERE relationship = 'self';

-- Identity is kept apart from the clinical profile: staff never see it before
-- a volunteer accepts an invitation, and every read by staff is audited.
CREATE TABLE volunteer_identities (
    volunteer_id       uuid PRIMARY KEY REFERENCES volunteers(id) ON DELETE CASCADE,
    given_name         text NOT NULL CHECK (length(given_name) BETWEEN 1 AND 100),
    family_name        text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
    email              text CHECK (length(email) <= 254),
    phone              text CHECK (length(phone) <= 32),
    preferred_language text NOT NULL CHECK (preferred_language IN ('en', 'tr', 'ru', 'kk')),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- The clinical profile exactly as the volunteer gave it (API.md's JSON). The
-- facts that searching needs are derived from it into volunteer_facts.
CREATE TABLE volunteer_clinical (
    volunteer_id uuid PRIMARY KEY REFERENCES volunteers(id) ON DELETE CASCADE,
    profile      jsonb NOT NULL,
    version      int NOT NULL DEFAULT 1,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- Consents per scope; a row is one grant, closed by withdrawn_at. At most one
-- open grant per volunteer and scope.
CREATE TABLE consents (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    volunteer_id  uuid NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
    scope         text NOT NULL CHECK (scope IN ('matching', 'contact')),
    text_version  int NOT NULL,
    locale        text NOT NULL CHECK (locale IN ('en', 'tr', 'ru', 'kk')),
    granted_by    uuid NOT NULL,
    granted_at    timestamptz NOT NULL DEFAULT now(),
    withdrawn_at  timestamptz,
    withdrawn_by  uuid,
    FOREIGN KEY (scope, text_version, locale) REFERENCES consent_texts (scope, version, locale)
);
CREATE UNIQUE INDEX consents_one_open_idx ON consents (volunteer_id, scope) WHERE withdrawn_at IS NULL;
CREATE INDEX consents_volunteer_idx ON consents (volunteer_id, granted_at);

-- +goose Down
DROP TABLE consents;
DROP TABLE volunteer_clinical;
DROP TABLE volunteer_identities;
DROP TABLE volunteers;
