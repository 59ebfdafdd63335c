package services

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm/clause"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services/eligibility"
)

// MatchingService runs the eligibility engine: one volunteer against one
// trial in Go (with the explanation), and a trial's criteria over the whole
// registry in SQL (candidates and counts), without loading the registry.
type MatchingService struct {
	Deps
	Trials   *TrialService
	Facts    *FactsService
	Catalog  *TrialCatalog
	Rankings *RankingService
	// Volunteers validates the profiles of stateless evaluations.
	Volunteers *VolunteerService
	// PseudonymKey keys the per-trial candidate ids.
	PseudonymKey []byte
	// SmallCell is the suppression threshold: counts from 1 to SmallCell-1
	// are reported as "<SmallCell".
	SmallCell int
}

// referenceDate is today in UTC unless the request names a date.
func (s *MatchingService) referenceDate(given *models.Date) models.Date {
	if given != nil {
		return *given
	}
	return models.NewDate(s.Now().UTC())
}

// Evaluate judges a profile against criteria without storing anything (the
// criteria editor's live preview). The profile is validated as a stored one
// would be; its errors name fields under "profile.".
func (s *MatchingService) Evaluate(ctx context.Context, rawCriteria json.RawMessage, p models.ClinicalProfile, ref *models.Date) (eligibility.Result, error) {
	criteria, err := s.Trials.DecodeCriteria(ctx, rawCriteria)
	if err != nil {
		return eligibility.Result{}, err
	}
	check, err := s.Volunteers.CheckClinical(ctx, &p)
	if err != nil {
		return eligibility.Result{}, err
	}
	if len(check.Errors) > 0 {
		fields := make(apperr.Fields, len(check.Errors))
		for i, f := range check.Errors {
			fields[i] = f
			fields[i].Field = "profile." + f.Field
		}
		return eligibility.Result{}, fields.Err()
	}
	tax, err := s.Facts.EngineTaxonomy(ctx)
	if err != nil {
		return eligibility.Result{}, err
	}
	return eligibility.Evaluate(criteria, eligibility.Derive(p, tax), eligibility.EvalContext{ReferenceDate: s.referenceDate(ref)}), nil
}

func engineSites(sites []SiteView) []eligibility.Site {
	out := make([]eligibility.Site, len(sites))
	for i, s := range sites {
		out[i] = eligibility.Site{Latitude: s.Site.Latitude, Longitude: s.Site.Longitude, Country: s.Site.Country}
	}
	return out
}

// candidateID is the volunteer's pseudonym for one trial.
func (s *MatchingService) candidateID(trialID, volunteerID uuid.UUID) string {
	mac := hmac.New(sha256.New, s.PseudonymKey)
	mac.Write(trialID[:])
	mac.Write(volunteerID[:])
	return "C-" + base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(mac.Sum(nil)[:8])
}

// Candidate is a de-identified card: no name, contact, exact birth date or
// city, only what screening needs.
type Candidate struct {
	CandidateID    string
	Verdict        eligibility.Verdict
	UnknownCount   int
	AgeYears       *int
	Sex            *string
	Conditions     []string
	Country        *string
	NearestSiteKm  *float64
	WithinReach    *bool
	TherapySummary TherapySummary
	Explanation    eligibility.Result
	RegisteredAt   time.Time
}

type TherapySummary struct {
	PriorLines      *int
	Categories      []string
	Targets         []string
	PriorCART       *bool
	AlloTransplant  *bool
	DiseaseStatus   *string
	PerformanceECOG *int
}

// candidateCursor is the keyset of the ranking: verdict, unknowns, distance
// (absent when unknown, ranked last), registration, id.
type candidateCursor struct {
	Possible     bool      `json:"p"`
	UnknownCount int       `json:"u"`
	DistanceKm   *float64  `json:"d,omitempty"`
	RegisteredAt time.Time `json:"r"`
	VolunteerID  uuid.UUID `json:"v"`
}

func (c candidateCursor) distance() float64 {
	if c.DistanceKm == nil {
		return math.Inf(1)
	}
	return *c.DistanceKm
}

// CandidatesFilter narrows a candidate list.
type CandidatesFilter struct {
	Verdict       string
	SiteID        *uuid.UUID
	Limit         int
	Cursor        string
	ReferenceDate *models.Date
}

// Candidates ranks the volunteers who consented to matching and are eligible
// or possibly eligible for a trial of the investigator's sites.
func (s *MatchingService) Candidates(ctx context.Context, actor Actor, trialID uuid.UUID, f CandidatesFilter) (Page[Candidate], error) {
	var page Page[Candidate]
	limit, err := ClampLimit(f.Limit)
	if err != nil {
		return page, err
	}
	if f.Verdict != "" && f.Verdict != string(eligibility.Eligible) && f.Verdict != string(eligibility.PossiblyEligible) {
		return page, apperr.FromFields([]apperr.FieldError{{Field: "verdict", Code: "invalid", Message: "Use eligible or possibly_eligible."}})
	}
	var cur *candidateCursor
	if f.Cursor != "" {
		cur = &candidateCursor{}
		b, err := base64.RawURLEncoding.DecodeString(f.Cursor)
		if err == nil {
			err = json.Unmarshal(b, cur)
		}
		if err != nil || cur.VolunteerID == uuid.Nil {
			return page, apperr.FromFields([]apperr.FieldError{{Field: "cursor", Code: "invalid", Message: "The cursor is not one this server gave out."}})
		}
	}
	view, err := s.Trials.Get(ctx, actor, trialID)
	if err != nil {
		return page, err
	}
	if actor.Role != models.RoleInvestigator || len(view.SiteIDs) == 0 {
		return page, apperr.NotFoundf("No such trial.")
	}
	sites := view.Sites
	if f.SiteID != nil {
		if !slices.Contains(view.SiteIDs, *f.SiteID) {
			return page, apperr.FromFields([]apperr.FieldError{{Field: "site_id", Code: "not_your_site", Message: "Choose a site of this trial that you are on."}})
		}
		sites = slices.DeleteFunc(slices.Clone(sites), func(sv SiteView) bool { return sv.Site.ID != *f.SiteID })
	}
	criteria, err := s.Trials.DecodeCriteria(ctx, view.Trial.Criteria)
	if err != nil {
		return page, err
	}
	evalCtx := eligibility.EvalContext{ReferenceDate: s.referenceDate(f.ReferenceDate), Sites: engineSites(sites)}
	var rows []rankedRow
	if f.SiteID == nil && evalCtx.ReferenceDate == s.referenceDate(nil) {
		// Today's ranking over all the trial's sites is kept (RankingService).
		target, err := s.rankingTarget(view, criteria, nil)
		if err == nil {
			_, err = s.Rankings.ensure(ctx, target, evalCtx.ReferenceDate)
		}
		if err == nil {
			rows, err = s.Rankings.page(ctx, trialID, f.Verdict, cur, limit+1)
		}
		if err != nil {
			return page, err
		}
	} else if rows, err = s.searchCandidates(ctx, criteria, evalCtx, f.Verdict, cur, limit+1); err != nil {
		return page, err
	}
	if len(rows) > limit {
		rows = rows[:limit]
		last := rows[limit-1]
		c := candidateCursor{Possible: last.Verdict == string(eligibility.PossiblyEligible), UnknownCount: last.UnknownCount,
			DistanceKm: last.NearestSiteKm, RegisteredAt: last.RegisteredAt, VolunteerID: last.VolunteerID}
		b, err := json.Marshal(c)
		if err != nil {
			return page, err
		}
		next := base64.RawURLEncoding.EncodeToString(b)
		page.NextCursor = &next
	}
	ids := make([]uuid.UUID, len(rows))
	for i, r := range rows {
		ids[i] = r.VolunteerID
	}
	profiles, err := s.profiles(ctx, ids)
	if err != nil {
		return page, err
	}
	tax, err := s.Facts.EngineTaxonomy(ctx)
	if err != nil {
		return page, err
	}
	page.Items = make([]Candidate, 0, len(rows))
	pseudonyms := make([]map[string]any, 0, len(rows))
	for _, r := range rows {
		p := profiles[r.VolunteerID]
		facts := eligibility.Derive(p, tax)
		c := Candidate{
			CandidateID: s.candidateID(trialID, r.VolunteerID), Verdict: eligibility.Verdict(r.Verdict), UnknownCount: r.UnknownCount,
			Sex: facts.Sex, Conditions: facts.ConditionCodes, Country: facts.Country, RegisteredAt: r.RegisteredAt,
			Explanation: eligibility.Evaluate(criteria, facts, evalCtx),
		}
		if facts.DateOfBirth != nil {
			age := eligibility.CompletedYears(*facts.DateOfBirth, evalCtx.ReferenceDate)
			c.AgeYears = &age
		}
		if r.NearestSiteKm != nil {
			km := math.Round(*r.NearestSiteKm/10) * 10 // coarse: a distance must not pinpoint a home
			c.NearestSiteKm = &km
		}
		c.WithinReach = withinReach(p, sites, r.NearestSiteKm)
		c.TherapySummary = summarizeTherapy(facts)
		page.Items = append(page.Items, c)
		pseudonyms = append(pseudonyms, map[string]any{"trial_id": trialID, "candidate_id": c.CandidateID, "volunteer_id": r.VolunteerID})
	}
	if len(pseudonyms) > 0 {
		if err := s.DB.WithContext(ctx).Table("trial_candidates").Clauses(clause.OnConflict{DoNothing: true}).Create(pseudonyms).Error; err != nil {
			return page, err
		}
	}
	return page, nil
}

// searchCandidates judges the registry for criteria in SQL and returns up to
// limit rows of the ranking after the cursor: for a single site or a past
// reference date, which no kept ranking serves.
func (s *MatchingService) searchCandidates(ctx context.Context, criteria []eligibility.Criterion, evalCtx eligibility.EvalContext, verdict string, cur *candidateCursor, limit int) ([]rankedRow, error) {
	plan, err := eligibility.CompileSQL(criteria, evalCtx)
	if err != nil {
		return nil, err
	}
	inner, args := plan.CandidatesQuery()
	q := "SELECT volunteer_id, verdict, unknown_count, nearest_site_km, registered_at FROM (" + inner + ") AS ranked WHERE TRUE"
	if verdict != "" {
		q += " AND verdict = ?"
		args = append(args, verdict)
	}
	if cur != nil {
		q += " AND (verdict = 'possibly_eligible', unknown_count, coalesce(nearest_site_km, 'Infinity'::float8), registered_at, volunteer_id) > (?, ?, ?::float8, ?, ?)"
		args = append(args, cur.Possible, cur.UnknownCount, cur.distance(), cur.RegisteredAt, cur.VolunteerID)
	}
	q += " ORDER BY verdict = 'possibly_eligible', unknown_count, coalesce(nearest_site_km, 'Infinity'::float8), registered_at, volunteer_id LIMIT ?"
	args = append(args, limit)
	var rows []rankedRow
	if err := s.DB.WithContext(ctx).Raw(q, args...).Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("candidates: %w", err)
	}
	return rows, nil
}

// rankingTarget is what the kept ranking of a trial is built from: its
// criteria (rawCriteria when not nil, else the saved ones) and all its sites.
func (s *MatchingService) rankingTarget(view TrialView, criteria []eligibility.Criterion, rawCriteria json.RawMessage) (rankingTarget, error) {
	if rawCriteria == nil {
		rawCriteria = view.Trial.Criteria
	}
	sites := engineSites(view.Sites)
	inputs, err := rankingInputs(rawCriteria, sites)
	return rankingTarget{trialID: view.Trial.ID, criteria: criteria, sites: sites, inputs: inputs}, err
}

func (s *MatchingService) profiles(ctx context.Context, ids []uuid.UUID) (map[uuid.UUID]models.ClinicalProfile, error) {
	out := make(map[uuid.UUID]models.ClinicalProfile, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []models.VolunteerClinical
	if err := s.DB.WithContext(ctx).Where("volunteer_id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.VolunteerID] = r.Profile
	}
	return out, nil
}

// withinReach says whether a site is within the volunteer's travel range:
// the distance they will travel, or a country they will travel to.
func withinReach(p models.ClinicalProfile, sites []SiteView, nearestKm *float64) *bool {
	if p.Travel == nil {
		return nil
	}
	yes, no := true, false
	if p.Travel.MaxDistanceKm != nil && nearestKm != nil && *nearestKm <= *p.Travel.MaxDistanceKm {
		return &yes
	}
	for _, sv := range sites {
		if slices.Contains(p.Travel.Countries, sv.Site.Country) || (p.Country != nil && *p.Country == sv.Site.Country && p.Travel.MaxDistanceKm == nil) {
			return &yes
		}
	}
	if (p.Travel.MaxDistanceKm != nil && nearestKm != nil) || p.Travel.Countries != nil {
		return &no
	}
	return nil
}

func summarizeTherapy(f eligibility.Facts) TherapySummary {
	t := TherapySummary{PriorLines: f.PriorLines, Categories: f.PriorCategories, Targets: f.PriorTargets, PriorCART: f.PriorCART,
		AlloTransplant: f.AlloSCT.Had, DiseaseStatus: f.DiseaseStatus}
	if f.Performance != nil {
		e := f.Performance.ECOG
		t.PerformanceECOG = &e
	}
	return t
}

// Count is a count as reported: the number, or "<N" when suppressed.
type Count struct {
	Value      *int
	Display    string
	Suppressed bool
}

// suppress applies small-cell suppression: 1 to SmallCell-1 become "<N".
func (s *MatchingService) suppress(n int) Count {
	if n > 0 && n < s.SmallCell {
		return Count{Display: fmt.Sprintf("<%d", s.SmallCell), Suppressed: true}
	}
	return Count{Value: &n, Display: fmt.Sprint(n)}
}

type Feasibility struct {
	Eligible         Count
	PossiblyEligible Count
	Total            Count
	ReferenceDate    models.Date
}

// Feasibility counts matchable volunteers by verdict for a trial's criteria,
// or for criteria not yet saved (rawCriteria non-nil). Sponsors of the trial
// and its site staff may ask; the counts are suppressed below SmallCell, and
// the total too when it would give a suppressed count away by subtraction.
func (s *MatchingService) Feasibility(ctx context.Context, actor Actor, trialID uuid.UUID, rawCriteria json.RawMessage, ref *models.Date) (Feasibility, error) {
	view, err := s.Trials.Get(ctx, actor, trialID)
	if err != nil {
		return Feasibility{}, err
	}
	if !view.CanEdit && len(view.SiteIDs) == 0 {
		return Feasibility{}, apperr.NotFoundf("No such trial.")
	}
	if rawCriteria == nil {
		rawCriteria = view.Trial.Criteria
	}
	criteria, err := s.Trials.DecodeCriteria(ctx, rawCriteria)
	if err != nil {
		return Feasibility{}, err
	}
	evalCtx := eligibility.EvalContext{ReferenceDate: s.referenceDate(ref), Sites: engineSites(view.Sites)}
	eligible, possible, err := s.countByVerdict(ctx, view, criteria, rawCriteria, evalCtx, true)
	if err != nil {
		return Feasibility{}, err
	}
	out := Feasibility{Eligible: s.suppress(eligible), PossiblyEligible: s.suppress(possible), Total: s.suppress(eligible + possible), ReferenceDate: evalCtx.ReferenceDate}
	if out.Eligible.Suppressed != out.PossiblyEligible.Suppressed && !out.Total.Suppressed {
		out.Total = Count{Display: fmt.Sprintf("≥%d", s.SmallCell), Suppressed: true}
	}
	return out, nil
}

// countByVerdict counts the candidates of criteria: from the kept ranking's
// totals when they are the trial's saved criteria (in any spelling) judged
// for today over all its sites (allSites), else by judging the registry in
// SQL (criteria being edited, a past date, some sites' distances).
func (s *MatchingService) countByVerdict(ctx context.Context, view TrialView, criteria []eligibility.Criterion, rawCriteria json.RawMessage, evalCtx eligibility.EvalContext, allSites bool) (eligible, possible int, err error) {
	if allSites && evalCtx.ReferenceDate == s.referenceDate(nil) {
		saved, err := s.rankingTarget(view, criteria, nil)
		if err != nil {
			return 0, 0, err
		}
		asked, err := rankingInputs(rawCriteria, saved.sites)
		if err != nil {
			return 0, 0, err
		}
		if asked == saved.inputs {
			st, err := s.Rankings.ensure(ctx, saved, evalCtx.ReferenceDate)
			return st.Eligible, st.PossiblyEligible, err
		}
	}
	plan, err := eligibility.CompileSQL(criteria, evalCtx)
	if err != nil {
		return 0, 0, err
	}
	q, args := plan.FeasibilityQuery()
	var rows []struct {
		Verdict string
		Count   int
	}
	if err := s.DB.WithContext(ctx).Raw(q, args...).Scan(&rows).Error; err != nil {
		return 0, 0, fmt.Errorf("feasibility: %w", err)
	}
	for _, r := range rows {
		switch eligibility.Verdict(r.Verdict) {
		case eligibility.Eligible:
			eligible = r.Count
		case eligibility.PossiblyEligible:
			possible = r.Count
		}
	}
	return eligible, possible, nil
}

// Match is one recruiting trial as a volunteer sees it.
type Match struct {
	Trial         *TrialView // shared with the catalog: read only
	Result        eligibility.Result
	NearestSiteKm *float64
	WithinReach   *bool
}

// Matches judges the volunteer's profile against every recruiting trial:
// eligible first, then possibly eligible, then the rest, nearest first.
func (s *MatchingService) Matches(ctx context.Context, actor Actor, volunteerID uuid.UUID, ref *models.Date) ([]Match, error) {
	var v models.Volunteer
	err := s.DB.WithContext(ctx).Where("id = ? AND account_id = ?", volunteerID, actor.UserID).First(&v).Error
	if isNotFound(err) || actor.Role != models.RoleVolunteer {
		return nil, apperr.NotFoundf("No such volunteer profile.")
	}
	if err != nil {
		return nil, err
	}
	var c models.VolunteerClinical
	err = s.DB.WithContext(ctx).First(&c, "volunteer_id = ?", volunteerID).Error
	if isNotFound(err) {
		return nil, apperr.New(apperr.Conflict, "no_clinical_profile", "Enter the clinical profile first; matches are judged from it.")
	}
	if err != nil {
		return nil, err
	}
	tax, err := s.Facts.EngineTaxonomy(ctx)
	if err != nil {
		return nil, err
	}
	facts := eligibility.Derive(c.Profile, tax)
	cat, err := s.Catalog.current(ctx)
	if err != nil {
		return nil, err
	}
	refDate := s.referenceDate(ref)
	var recruiting []*catalogTrial
	for i := range cat.trials {
		if cat.trials[i].view.Trial.Status == models.TrialRecruiting {
			recruiting = append(recruiting, &cat.trials[i])
		}
	}
	out := make([]Match, len(recruiting))
	for i, t := range recruiting {
		m := Match{Trial: &t.view, Result: eligibility.Evaluate(t.criteria, facts, eligibility.EvalContext{ReferenceDate: refDate, Sites: t.sites})}
		m.NearestSiteKm = eligibility.NearestSiteKm(&facts, t.sites)
		m.WithinReach = withinReach(c.Profile, t.view.Sites, m.NearestSiteKm)
		out[i] = m
	}
	// Sort the positions, not the Match values: a Match is large.
	rank := map[eligibility.Verdict]int{eligibility.Eligible: 0, eligibility.PossiblyEligible: 1, eligibility.Ineligible: 2}
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int {
		a, b := &out[i], &out[j]
		if d := rank[a.Result.Verdict] - rank[b.Result.Verdict]; d != 0 {
			return d
		}
		if d := a.Result.Counts.Unknown - b.Result.Counts.Unknown; d != 0 {
			return d
		}
		da, db := math.Inf(1), math.Inf(1)
		if a.NearestSiteKm != nil {
			da = *a.NearestSiteKm
		}
		if b.NearestSiteKm != nil {
			db = *b.NearestSiteKm
		}
		switch {
		case da < db:
			return -1
		case da > db:
			return 1
		}
		return strings.Compare(a.Trial.Trial.Title, b.Trial.Trial.Title)
	})
	sorted := make([]Match, len(out))
	for i, k := range order {
		sorted[i] = out[k]
	}
	out = sorted
	return out, nil
}
