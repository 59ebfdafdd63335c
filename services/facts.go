package services

import (
	"context"
	"sync"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services/eligibility"
)

// FactsService keeps volunteer_facts, the searchable facts derived from each
// clinical profile (eligibility.Derive is the one place they are derived),
// in step with the profile and the matching consent.
type FactsService struct {
	Deps
	Taxonomy *TaxonomyService
	// Rankings re-ranks the volunteer in the same transaction.
	Rankings *RankingService

	once sync.Once
	tax  *eligibility.Taxonomy
	err  error
}

// EngineTaxonomy returns the taxonomy in the form the eligibility engine uses.
func (s *FactsService) EngineTaxonomy(ctx context.Context) (*eligibility.Taxonomy, error) {
	s.once.Do(func() {
		nodes, err := s.Taxonomy.Nodes(ctx)
		if err != nil {
			s.err = err
			return
		}
		tn := make([]eligibility.TaxonomyNode, len(nodes))
		for i, n := range nodes {
			tn[i].Code = n.Code
			if n.ParentCode != nil {
				tn[i].ParentCode = *n.ParentCode
			}
		}
		s.tax, s.err = eligibility.NewTaxonomy(tn)
	})
	return s.tax, s.err
}

// Refresh re-derives a volunteer's facts inside tx: from the stored clinical
// profile, matchable only while the matching consent is open and the account
// active. With no clinical profile there is no facts row.
func (s *FactsService) Refresh(ctx context.Context, tx *gorm.DB, volunteerID uuid.UUID) error {
	var c models.VolunteerClinical
	err := tx.WithContext(ctx).First(&c, "volunteer_id = ?", volunteerID).Error
	if isNotFound(err) {
		if err := tx.Exec("DELETE FROM volunteer_facts WHERE volunteer_id = ?", volunteerID).Error; err != nil {
			return err
		}
		return s.Rankings.UpdateVolunteer(ctx, tx, volunteerID, nil, time.Time{})
	}
	if err != nil {
		return err
	}
	tax, err := s.EngineTaxonomy(ctx)
	if err != nil {
		return err
	}
	matchable, err := hasOpenConsent(tx, volunteerID, models.ConsentMatching)
	if err != nil {
		return err
	}
	var v models.Volunteer
	if err := tx.First(&v, "id = ?", volunteerID).Error; err != nil {
		return err
	}
	facts := eligibility.Derive(c.Profile, tax)
	if err := upsertFacts(tx, v, facts, matchable); err != nil {
		return err
	}
	if !matchable {
		return s.Rankings.UpdateVolunteer(ctx, tx, volunteerID, nil, v.CreatedAt)
	}
	return s.Rankings.UpdateVolunteer(ctx, tx, volunteerID, &facts, v.CreatedAt)
}

// Export returns the stored facts row of a volunteer as plain data (nil when
// there is none), for the privacy export.
func (s *FactsService) Export(ctx context.Context, tx *gorm.DB, volunteerID uuid.UUID) (map[string]any, error) {
	var rows []map[string]any
	if err := tx.WithContext(ctx).Raw("SELECT * FROM volunteer_facts WHERE volunteer_id = ?", volunteerID).Scan(&rows).Error; err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, nil
	}
	return rows[0], nil
}
