package services

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
)

// AuditDiversityGoalsSet is written when a sponsor replaces a trial's goals.
const AuditDiversityGoalsSet = "trial.diversity_goals_set"

// DiversityDimensions are the strata of the enrolled population that reports
// break down and that sponsors set goals for, in report order.
var DiversityDimensions = []string{"sex", "age_band", "country", "race", "ethnicity"}

const maxDiversityGoals = 200

// Sexes are the values of the sex stratum.
var Sexes = []string{"female", "male"}

// AgeBands are the age bands referrals are coarsened to (see ageBand), from
// youngest to oldest.
var AgeBands = func() []string {
	var out []string
	for years := 0; years <= 120; years++ {
		if b := ageBand(years); !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	return out
}()

// stratumValues lists the known values of a dimension; nil for country,
// whose values are ISO 3166 codes.
func stratumValues(dimension string) []string {
	return map[string][]string{"sex": Sexes, "age_band": AgeBands, "race": Races, "ethnicity": Ethnicities}[dimension]
}

// DiversityGoal is the share of the enrolled population a sponsor aims for
// in one stratum.
type DiversityGoal struct {
	Dimension     string
	Value         string
	TargetPercent float64
}

// DiversityGoalInput is one goal as a client sent it (nil: missing).
type DiversityGoalInput struct {
	Dimension     string
	Value         string
	TargetPercent *float64
}

// DiversityGoals returns a trial's goals, to its sponsor and its site staff.
func (s *ReportService) DiversityGoals(ctx context.Context, actor Actor, trialID uuid.UUID) ([]DiversityGoal, error) {
	view, err := s.Trials.Get(ctx, actor, trialID)
	if err != nil {
		return nil, err
	}
	if !view.CanEdit && len(view.SiteIDs) == 0 {
		return nil, apperr.NotFoundf("No such trial.")
	}
	return loadGoals(s.DB.WithContext(ctx), trialID)
}

// SetDiversityGoals replaces a trial's goals as a whole (the sponsor).
func (s *ReportService) SetDiversityGoals(ctx context.Context, actor Actor, trialID uuid.UUID, in []DiversityGoalInput) ([]DiversityGoal, error) {
	if err := validateGoals(in); err != nil {
		return nil, err
	}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		t, err := s.Trials.editable(ctx, tx, actor, trialID)
		if err != nil {
			return err
		}
		if err := tx.Exec("DELETE FROM trial_diversity_goals WHERE trial_id = ?", t.ID).Error; err != nil {
			return err
		}
		for i, g := range in {
			if err := tx.Exec(`INSERT INTO trial_diversity_goals (trial_id, dimension, value, target_percent, position, updated_by, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, t.ID, g.Dimension, g.Value, *g.TargetPercent, i, actor.UserID, s.Now()).Error; err != nil {
				return err
			}
		}
		return writeAudit(ctx, tx, actor, AuditDiversityGoalsSet, "trial", t.ID.String(), models.JSONMap{"goals": len(in)})
	})
	if err != nil {
		return nil, err
	}
	return loadGoals(s.DB.WithContext(ctx), trialID)
}

func loadGoals(db *gorm.DB, trialID uuid.UUID) ([]DiversityGoal, error) {
	goals := []DiversityGoal{}
	err := db.Raw(`SELECT dimension, value, target_percent::float8 AS target_percent FROM trial_diversity_goals
		WHERE trial_id = ? ORDER BY position`, trialID).Scan(&goals).Error
	return goals, err
}

// validateGoals checks each goal and that the goals of a dimension add up to
// at most 100 %, naming the offending field.
func validateGoals(in []DiversityGoalInput) error {
	var fs apperr.Fields
	if len(in) > maxDiversityGoals {
		fs.Add("goals", "too_many", fmt.Sprintf("Set at most %d goals.", maxDiversityGoals))
		return fs.Err()
	}
	seen := map[[2]string]bool{}
	sums, over := map[string]float64{}, map[string]bool{}
	for i, g := range in {
		field := fmt.Sprintf("goals[%d].", i)
		switch known := stratumValues(g.Dimension); {
		case !slices.Contains(DiversityDimensions, g.Dimension):
			fs.Add(field+"dimension", "invalid", "Use sex, age_band, country, race or ethnicity.")
		case g.Dimension == "country":
			v := clinicalValidator{}
			v.country(field+"value", g.Value)
			fs = append(fs, v.check.Errors...)
		case !slices.Contains(known, g.Value):
			fs.Add(field+"value", "invalid", "Use one of: "+strings.Join(known, ", ")+".")
		}
		if seen[[2]string{g.Dimension, g.Value}] {
			fs.Add(field+"value", "duplicate", "This stratum already has a goal.")
		}
		seen[[2]string{g.Dimension, g.Value}] = true
		switch p := g.TargetPercent; {
		case p == nil:
			fs.Add(field+"target_percent", "required", "Give the target share in percent, from 0 to 100.")
		case math.IsNaN(*p) || *p < 0 || *p > 100:
			fs.Add(field+"target_percent", "out_of_range", "A target share is from 0 to 100 percent.")
		default:
			sums[g.Dimension] += *p
			if sums[g.Dimension] > 100.000001 && !over[g.Dimension] {
				over[g.Dimension] = true
				fs.Add(field+"target_percent", "sum_over_100", fmt.Sprintf("The %s goals add up to more than 100 percent.", g.Dimension))
			}
		}
	}
	return fs.Err()
}
