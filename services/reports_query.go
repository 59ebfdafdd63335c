package services

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services/eligibility"
)

// The report's SQL. Every figure is an aggregate over referral_milestones
// (migrations/00011_reports.sql): one row per referral with the first day
// (UTC) it reached each state. "Reached S by the end of as_of" is
// "s_on <= as_of".

// funnelStages are the stages of the funnel after "matched", in order. Exit
// stages (declined, screen_failed, withdrawn) leave the funnel.
var funnelStages = []struct {
	Name string
	Exit bool
}{
	{"invited", false}, {"declined", true}, {"accepted_or_interested", false}, {"prescreening", false},
	{"screen_failed", true}, {"eligible", false}, {"consented", false}, {"enrolled", false},
	{"treated", false}, {"completed", false}, {"withdrawn", true},
}

// Indexes of two stages that other sections build on.
var (
	stageScreenFailed = stageIndex("screen_failed")
	stageEnrolled     = stageIndex("enrolled")
)

func stageIndex(name string) int {
	for i, st := range funnelStages {
		if st.Name == name {
			return i
		}
	}
	panic("no funnel stage " + name)
}

// funnelRow counts, for one site and one screen-failure reason (NULL for
// referrals that did not fail screening), the referrals that reached each
// stage by as_of.
type funnelRow struct {
	SiteID                                                              uuid.UUID
	ScreenFailReason                                                    *string
	Invited, Declined, AcceptedOrInterested, Prescreening, ScreenFailed int
	Eligible, Consented, Enrolled, Treated, Completed, Withdrawn        int
}

func (r funnelRow) stages() []int {
	return []int{r.Invited, r.Declined, r.AcceptedOrInterested, r.Prescreening, r.ScreenFailed,
		r.Eligible, r.Consented, r.Enrolled, r.Treated, r.Completed, r.Withdrawn}
}

const funnelSQL = `
SELECT site_id, screen_fail_reason,
       count(*) FILTER (WHERE invited_on <= @as_of)                               AS invited,
       count(*) FILTER (WHERE declined_on <= @as_of)                              AS declined,
       count(*) FILTER (WHERE accepted_on <= @as_of OR interested_on <= @as_of)   AS accepted_or_interested,
       count(*) FILTER (WHERE prescreening_on <= @as_of)                          AS prescreening,
       count(*) FILTER (WHERE screen_failed_on <= @as_of)                         AS screen_failed,
       count(*) FILTER (WHERE eligible_on <= @as_of)                              AS eligible,
       count(*) FILTER (WHERE consented_on <= @as_of)                             AS consented,
       count(*) FILTER (WHERE enrolled_on <= @as_of)                              AS enrolled,
       count(*) FILTER (WHERE treated_on <= @as_of)                               AS treated,
       count(*) FILTER (WHERE completed_on <= @as_of)                             AS completed,
       count(*) FILTER (WHERE withdrawn_on <= @as_of)                             AS withdrawn
FROM referral_milestones
WHERE trial_id = @trial %s
GROUP BY site_id, screen_fail_reason`

// enrolledRow is one group of the people enrolled by as_of: by week of
// enrollment (Monday, UTC), by whole days from invitation or interest to
// enrollment, or by the value of one stratum (NULL: not known).
type enrolledRow struct {
	Grouping string
	Week     *time.Time
	Days     *int
	Value    *string
	Count    int
}

const enrolledSQL = `
SELECT CASE WHEN GROUPING(week) = 0 THEN 'week' WHEN GROUPING(days) = 0 THEN 'days'
            WHEN GROUPING(sex) = 0 THEN 'sex' WHEN GROUPING(age_band) = 0 THEN 'age_band'
            WHEN GROUPING(country) = 0 THEN 'country' WHEN GROUPING(race) = 0 THEN 'race'
            ELSE 'ethnicity' END AS grouping,
       week, days, coalesce(sex, age_band, country, race, ethnicity) AS value, count(*) AS count
FROM (SELECT enrolled_on - (extract(isodow FROM enrolled_on)::int - 1) AS week, -- its Monday
             enrolled_on - coalesce(invited_on, interested_on) AS days,
             sex, age_band, country, race, ethnicity
      FROM referral_milestones
      WHERE trial_id = @trial AND enrolled_on <= @as_of %s) AS enrolled
GROUP BY GROUPING SETS ((week), (days), (sex), (age_band), (country), (race), (ethnicity))`

// reportData is what the queries return, before suppression.
type reportData struct {
	funnel   []funnelRow
	enrolled []enrolledRow
	goals    []DiversityGoal
}

// load runs the report's queries in one read-only snapshot, so that every
// table adds up to the same totals even while referrals move.
func (s *ReportService) load(ctx context.Context, trialID uuid.UUID, sc reportScope, asOf models.Date) (reportData, error) {
	var d reportData
	siteFilter := ""
	args := map[string]any{"trial": trialID, "as_of": asOf}
	if !sc.allSites {
		siteFilter, args["sites"] = "AND site_id IN @sites", sc.siteIDs()
	}
	err := s.DB.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		// The scans take tens of milliseconds: parallel workers would cost
		// more to start than they save, and are better left to the registry
		// searches.
		if err := tx.Exec("SET LOCAL max_parallel_workers_per_gather = 0").Error; err != nil {
			return err
		}
		if err := tx.Raw(fmt.Sprintf(funnelSQL, siteFilter), args).Scan(&d.funnel).Error; err != nil {
			return fmt.Errorf("report funnel: %w", err)
		}
		if err := tx.Raw(fmt.Sprintf(enrolledSQL, siteFilter), args).Scan(&d.enrolled).Error; err != nil {
			return fmt.Errorf("report enrolled: %w", err)
		}
		var err error
		d.goals, err = loadGoals(tx, trialID)
		return err
	}, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
	return d, err
}

// matched counts the matchable volunteers who are eligible or possibly
// eligible for the trial's criteria on the reference date, with distances
// judged from the sites in scope: the feasibility count (from the kept
// ranking for today over all sites). It is live: the registry of today, not
// of the reference date.
func (s *ReportService) matched(ctx context.Context, view TrialView, sc reportScope, ref models.Date) (int, error) {
	criteria, err := s.Trials.DecodeCriteria(ctx, view.Trial.Criteria)
	if err != nil {
		return 0, err
	}
	evalCtx := eligibility.EvalContext{ReferenceDate: ref, Sites: engineSites(sc.sites)}
	eligible, possible, err := s.Matching.countByVerdict(ctx, view, criteria, view.Trial.Criteria, evalCtx, sc.allSites)
	if err != nil {
		return 0, fmt.Errorf("report matched: %w", err)
	}
	return eligible + possible, nil
}
