-- +goose Up
CREATE EXTENSION IF NOT EXISTS citext;

CREATE TABLE users (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email         citext NOT NULL,
    password_hash text NOT NULL,
    role          text NOT NULL CHECK (role IN ('volunteer', 'investigator', 'sponsor', 'admin')),
    status        text NOT NULL CHECK (status IN ('active', 'pending', 'disabled')),
    display_name  text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    locale        text NOT NULL CHECK (locale IN ('en', 'tr', 'ru', 'kk')),
    approved_at   timestamptz,
    approved_by   uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (email);
CREATE INDEX users_status_created_idx ON users (status, created_at, id);

-- Refresh tokens are stored hashed. Every rotation adds a row to the same
-- family; presenting a spent token revokes the whole family (reuse detection).
CREATE TABLE refresh_tokens (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id     uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    family_id   uuid NOT NULL,
    token_hash  bytea NOT NULL UNIQUE,
    expires_at  timestamptz NOT NULL,
    spent_at    timestamptz,
    revoked_at  timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_idx ON refresh_tokens (user_id);

-- Failed-login counters per key ("account:<email>" or "addr:<ip>") in fixed
-- windows; kept in PostgreSQL so every instance shares them.
CREATE TABLE login_throttle (
    key          text NOT NULL,
    window_start timestamptz NOT NULL,
    failures     int NOT NULL DEFAULT 0,
    PRIMARY KEY (key, window_start)
);

-- Append-only audit trail. The application may INSERT and SELECT only; a
-- trigger refuses UPDATE and DELETE whatever the role.
CREATE TABLE audit_events (
    id           bigserial PRIMARY KEY,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    actor_id     uuid,
    actor_role   text,
    action       text NOT NULL,
    subject_type text NOT NULL,
    subject_id   text,
    request_id   text,
    details      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at DESC, id DESC);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, occurred_at DESC);
CREATE INDEX audit_events_subject_idx ON audit_events (subject_type, subject_id);

-- +goose StatementBegin
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- +goose Down
DROP TABLE audit_events;
DROP FUNCTION audit_events_append_only();
DROP TABLE login_throttle;
DROP TABLE refresh_tokens;
DROP TABLE users;
