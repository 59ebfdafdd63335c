-- +goose Up
-- The pseudonymous candidate id an investigator sees for a volunteer differs
-- per trial (an HMAC of both ids). It is recorded when a card is first shown
-- so that an invitation can name the candidate without naming the person.
CREATE TABLE trial_candidates (
    trial_id      uuid NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
    candidate_id  text NOT NULL,
    volunteer_id  uuid NOT NULL REFERENCES volunteers(id) ON DELETE CASCADE,
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (trial_id, candidate_id),
    UNIQUE (trial_id, volunteer_id)
);

-- +goose Down
DROP TABLE trial_candidates;
