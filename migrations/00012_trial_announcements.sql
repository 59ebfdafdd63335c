-- +goose Up
-- A trial that opens is announced to the holders of profiles that may fit
-- it. The search runs over the whole registry, so it is a job done by the
-- background sender, not part of the request that opened the trial.
CREATE TABLE trial_announcements (
    trial_id     uuid PRIMARY KEY REFERENCES trials(id) ON DELETE CASCADE,
    requested_at timestamptz NOT NULL DEFAULT now(),
    done_at      timestamptz,
    accounts     int
);
CREATE INDEX trial_announcements_due_idx ON trial_announcements (requested_at) WHERE done_at IS NULL;

-- +goose Down
DROP TABLE trial_announcements;
