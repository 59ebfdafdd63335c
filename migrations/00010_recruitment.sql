-- +goose Up
-- The message investigators send with an invitation; contact goes through
-- the platform, so it may hold no e-mail address or phone number.
ALTER TABLE trials ADD COLUMN invitation_message text NOT NULL DEFAULT '' CHECK (length(invitation_message) <= 2000);

-- Ethics approval per site (site_id NULL: every site of the trial).
-- Feasibility needs none; invitations need one in force on the day.
CREATE TABLE ethics_approvals (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    trial_id       uuid NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
    site_id        uuid REFERENCES trial_sites(id) ON DELETE CASCADE,
    reference      text NOT NULL CHECK (length(reference) BETWEEN 1 AND 200),
    approving_body text NOT NULL CHECK (length(approving_body) BETWEEN 1 AND 300),
    approved_on    date,
    expires_on     date NOT NULL,
    created_by     uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (approved_on IS NULL OR approved_on <= expires_on)
);
CREATE INDEX ethics_approvals_trial_idx ON ethics_approvals (trial_id, site_id, expires_on);

-- A volunteer may pause new invitations (e.g. while in a trial).
ALTER TABLE volunteers ADD COLUMN invitations_paused boolean NOT NULL DEFAULT false;

-- A referral is one volunteer × one trial × one site on its way through
-- screening. When the volunteer's account is deleted the row stays for the
-- enrollment statistics, unlinked (volunteer_id NULL) and coarsened to the
-- strata below.
CREATE TABLE referrals (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    trial_id          uuid NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
    site_id           uuid NOT NULL REFERENCES trial_sites(id),
    volunteer_id      uuid REFERENCES volunteers(id) ON DELETE SET NULL,
    candidate_id      text NOT NULL,
    origin            text NOT NULL CHECK (origin IN ('invitation', 'interest')),
    state             text NOT NULL CHECK (state IN ('invited', 'accepted', 'declined', 'interested', 'prescreening',
                          'screen_failed', 'eligible', 'consented', 'enrolled', 'treated', 'completed', 'withdrawn')),
    version           int NOT NULL DEFAULT 1,
    identity_released boolean NOT NULL DEFAULT false,
    screen_fail_reason text,
    -- Coarse strata for reports, kept after deletion: never a birth date.
    age_band          text,
    sex               text,
    country           text,
    race              text,
    ethnicity         text,
    created_by        uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX referrals_one_per_trial_idx ON referrals (trial_id, volunteer_id);
CREATE INDEX referrals_trial_state_idx ON referrals (trial_id, site_id, state);
CREATE INDEX referrals_volunteer_idx ON referrals (volunteer_id);

-- The history of a referral: append-only, like the audit trail.
CREATE TABLE referral_events (
    id           bigserial PRIMARY KEY,
    referral_id  uuid NOT NULL REFERENCES referrals(id) ON DELETE CASCADE,
    from_state   text,
    to_state     text NOT NULL,
    actor_id     uuid,
    actor_role   text,
    reason_code  text,
    criterion_id text,
    note         text CHECK (length(note) <= 2000),
    occurred_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referral_events_referral_idx ON referral_events (referral_id, id);
CREATE INDEX referral_events_to_state_idx ON referral_events (to_state, occurred_at);
-- +goose StatementBegin
CREATE FUNCTION referral_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
        RETURN OLD; -- the cascade of a deleted trial
    END IF;
    RAISE EXCEPTION 'referral_events is append-only';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER referral_events_no_update BEFORE UPDATE OR DELETE ON referral_events
    FOR EACH ROW EXECUTE FUNCTION referral_events_append_only();

-- Idempotency keys of creating POSTs: the first response, replayed to retries.
CREATE TABLE idempotency_keys (
    scope        text NOT NULL,
    key          text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    request_hash bytea NOT NULL,
    status       int NOT NULL,
    content_type text NOT NULL,
    body         bytea NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (scope, key)
);

-- Transactional outbox: written in the same transaction as the event, sent
-- by a background sender that retries with backoff.
CREATE TABLE outbox (
    id                bigserial PRIMARY KEY,
    kind              text NOT NULL,
    recipient_user_id uuid REFERENCES users(id) ON DELETE CASCADE,
    to_email          text NOT NULL,
    locale            text NOT NULL,
    payload           jsonb NOT NULL DEFAULT '{}',
    created_at        timestamptz NOT NULL DEFAULT now(),
    attempts          int NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz NOT NULL DEFAULT now(),
    sent_at           timestamptz,
    last_error        text
);
CREATE INDEX outbox_due_idx ON outbox (next_attempt_at) WHERE sent_at IS NULL;

-- In-app notifications, the same items as the e-mails.
CREATE TABLE notifications (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id    uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind       text NOT NULL,
    payload    jsonb NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at    timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);

-- The development mailbox: where e-mail goes when no SMTP server is set.
CREATE TABLE dev_mailbox (
    id         bigserial PRIMARY KEY,
    to_email   text NOT NULL,
    subject    text NOT NULL,
    body       text NOT NULL,
    sent_at    timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE dev_mailbox;
DROP TABLE notifications;
DROP TABLE outbox;
DROP TABLE idempotency_keys;
DROP TABLE referral_events;
DROP FUNCTION referral_events_append_only();
DROP TABLE referrals;
ALTER TABLE volunteers DROP COLUMN invitations_paused;
DROP TABLE ethics_approvals;
ALTER TABLE trials DROP COLUMN invitation_message;
