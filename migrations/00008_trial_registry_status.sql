-- +goose Up
-- The status a registry (ClinicalTrials.gov) gives the study, kept beside the
-- platform's own status: an imported trial starts as a draft whatever it is.
ALTER TABLE trials ADD COLUMN registry_status text;

-- +goose Down
ALTER TABLE trials DROP COLUMN registry_status;
