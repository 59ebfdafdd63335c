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
CREATE INDEX volunteers_account_idx ON volunteers (account_id);
CREATE UNIQUE INDEX volunteers_one_self_idx ON volunteers (account_id) WHERE relationship = 'self';

-- +goose Down
DROP TABLE volunteers;
