package handlers

import (
	"encoding/json"
	"net/http"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
	"github.com/trialmatch/trialmatch/services/eligibility"
)

type MatchingHandler struct {
	Matching *services.MatchingService
}

type evaluateRequest struct {
	Criteria      json.RawMessage        `json:"criteria" validate:"required"`
	Profile       models.ClinicalProfile `json:"profile"`
	ReferenceDate *models.Date           `json:"reference_date"`
}

// Evaluate: POST /eligibility/evaluate, stateless.
func (h *MatchingHandler) Evaluate(c echo.Context) error {
	var req evaluateRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	res, err := h.Matching.Evaluate(c.Request().Context(), req.Criteria, req.Profile, req.ReferenceDate)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, res)
}

// dateQuery reads an optional YYYY-MM-DD query parameter.
func dateQuery(c echo.Context, name string) (*models.Date, error) {
	s := c.QueryParam(name)
	if s == "" {
		return nil, nil
	}
	d, err := models.ParseDate(s)
	if err != nil {
		return nil, apperr.FromFields([]apperr.FieldError{{Field: name, Code: "invalid", Message: "Use a date like 2026-11-22."}})
	}
	return &d, nil
}

type therapySummaryResponse struct {
	PriorLines      *int     `json:"prior_lines"`
	Categories      []string `json:"categories"`
	Targets         []string `json:"targets"`
	PriorCART       *bool    `json:"prior_car_t"`
	AlloTransplant  *bool    `json:"allogeneic_transplant"`
	DiseaseStatus   *string  `json:"disease_status"`
	PerformanceECOG *int     `json:"performance_ecog"`
}

type candidateResponse struct {
	CandidateID   string                 `json:"candidate_id"`
	Verdict       string                 `json:"verdict"`
	UnknownCount  int                    `json:"unknown_count"`
	AgeYears      *int                   `json:"age_years"`
	Sex           *string                `json:"sex"`
	Conditions    []string               `json:"conditions"`
	Country       *string                `json:"country"`
	NearestSiteKm *float64               `json:"nearest_site_km"`
	WithinReach   *bool                  `json:"within_reach"`
	Therapy       therapySummaryResponse `json:"therapy"`
	Explanation   eligibility.Result     `json:"explanation"`
}

type candidatePage struct {
	Items      []candidateResponse `json:"items"`
	NextCursor *string             `json:"next_cursor"`
}

// Candidates: GET /trials/{id}/candidates?verdict=&site_id=&limit=&cursor=.
func (h *MatchingHandler) Candidates(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	f := services.CandidatesFilter{Verdict: c.QueryParam("verdict"), Cursor: c.QueryParam("cursor")}
	if f.Limit, err = intQuery(c, "limit"); err != nil {
		return err
	}
	if f.ReferenceDate, err = dateQuery(c, "reference_date"); err != nil {
		return err
	}
	if s := c.QueryParam("site_id"); s != "" {
		siteID, err := uuid.Parse(s)
		if err != nil {
			return apperr.FromFields([]apperr.FieldError{{Field: "site_id", Code: "invalid", Message: "A site id is a UUID."}})
		}
		f.SiteID = &siteID
	}
	page, err := h.Matching.Candidates(c.Request().Context(), actor(c), id, f)
	if err != nil {
		return err
	}
	out := candidatePage{Items: make([]candidateResponse, len(page.Items)), NextCursor: page.NextCursor}
	for i, x := range page.Items {
		t := x.TherapySummary
		out.Items[i] = candidateResponse{
			CandidateID: x.CandidateID, Verdict: string(x.Verdict), UnknownCount: x.UnknownCount, AgeYears: x.AgeYears, Sex: x.Sex,
			Conditions: nonNilStrings(x.Conditions), Country: x.Country, NearestSiteKm: x.NearestSiteKm, WithinReach: x.WithinReach,
			Therapy: therapySummaryResponse{PriorLines: t.PriorLines, Categories: t.Categories, Targets: t.Targets, PriorCART: t.PriorCART,
				AlloTransplant: t.AlloTransplant, DiseaseStatus: t.DiseaseStatus, PerformanceECOG: t.PerformanceECOG},
			Explanation: x.Explanation,
		}
	}
	return c.JSON(http.StatusOK, out)
}

type feasibilityRequest struct {
	Criteria      json.RawMessage `json:"criteria"`
	ReferenceDate *models.Date    `json:"reference_date"`
}

type countResponse struct {
	Value      *int   `json:"value"`
	Display    string `json:"display"`
	Suppressed bool   `json:"suppressed"`
}

type feasibilityResponse struct {
	ReferenceDate    models.Date   `json:"reference_date"`
	Eligible         countResponse `json:"eligible"`
	PossiblyEligible countResponse `json:"possibly_eligible"`
	Total            countResponse `json:"total"`
}

func toCount(c services.Count) countResponse {
	return countResponse{Value: c.Value, Display: c.Display, Suppressed: c.Suppressed}
}

// Feasibility: POST /trials/{id}/feasibility, with the saved criteria or the
// ones in the body (the editor's live count before saving).
func (h *MatchingHandler) Feasibility(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	var req feasibilityRequest
	if c.Request().ContentLength != 0 {
		if err := decodeJSON(c, &req); err != nil {
			return err
		}
	}
	f, err := h.Matching.Feasibility(c.Request().Context(), actor(c), id, req.Criteria, req.ReferenceDate)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, feasibilityResponse{ReferenceDate: f.ReferenceDate, Eligible: toCount(f.Eligible),
		PossiblyEligible: toCount(f.PossiblyEligible), Total: toCount(f.Total)})
}

type matchResponse struct {
	Trial         trialResponse      `json:"trial"`
	Result        eligibility.Result `json:"result"`
	NearestSiteKm *float64           `json:"nearest_site_km"`
	WithinReach   *bool              `json:"within_reach"`
}

type matchList struct {
	Items      []matchResponse `json:"items"`
	NextCursor *string         `json:"next_cursor"`
}

// Matches: GET /volunteers/{id}/matches, recruiting trials judged for the
// profile, eligible first.
func (h *MatchingHandler) Matches(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	ref, err := dateQuery(c, "reference_date")
	if err != nil {
		return err
	}
	ms, err := h.Matching.Matches(c.Request().Context(), actor(c), id, ref)
	if err != nil {
		return err
	}
	out := matchList{Items: make([]matchResponse, len(ms))}
	for i, m := range ms {
		out.Items[i] = matchResponse{Trial: toTrialResponse(*m.Trial), Result: m.Result, NearestSiteKm: m.NearestSiteKm, WithinReach: m.WithinReach}
	}
	return c.JSON(http.StatusOK, out)
}
