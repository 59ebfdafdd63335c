package services

import (
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services/eligibility"
)

// upsertFacts writes a volunteer's facts row; registered_at is the profile's
// creation time (the ranking's last tie-breaker).
func upsertFacts(tx *gorm.DB, v models.Volunteer, f eligibility.Facts, matchable bool) error {
	row := f.Row()
	row.VolunteerID = v.ID.String()
	row.Matchable = matchable
	row.RegisteredAt = v.CreatedAt
	return tx.Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "volunteer_id"}},
		DoUpdates: clause.AssignmentColumns(append([]string{"matchable"}, eligibility.FactColumns...)),
	}).Create(&row).Error
}
