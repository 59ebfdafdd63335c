package handlers

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
)

type TrialHandler struct {
	Trials *services.TrialService
}

type trialRequest struct {
	NCTID            *string           `json:"nct_id"`
	Title            *string           `json:"title"`
	Summary          map[string]string `json:"summary"`
	Phases           []string          `json:"phases"`
	Status           *string           `json:"status" validate:"omitempty,oneof=draft recruiting paused closed"`
	TargetEnrollment *int              `json:"target_enrollment"`
	Conditions       []string          `json:"conditions"`
}

func (r trialRequest) input() services.TrialInput {
	return services.TrialInput{NCTID: r.NCTID, Title: r.Title, Summary: r.Summary, Phases: r.Phases, Status: r.Status,
		TargetEnrollment: r.TargetEnrollment, Conditions: r.Conditions}
}

type siteRequest struct {
	Name             string   `json:"name" validate:"required"`
	City             string   `json:"city"`
	Country          string   `json:"country" validate:"required"`
	Latitude         *float64 `json:"latitude"`
	Longitude        *float64 `json:"longitude"`
	TargetEnrollment *int     `json:"target_enrollment"`
}

type siteStaffRequest struct {
	Email string `json:"email" validate:"required"`
	Role  string `json:"role" validate:"required,oneof=principal_investigator coordinator"`
}

type organisationResponse struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type siteStaffResponse struct {
	UserID      string `json:"user_id"`
	DisplayName string `json:"display_name"`
	Email       string `json:"email"`
	Role        string `json:"role"`
}

type siteResponse struct {
	ID               string              `json:"id"`
	Name             string              `json:"name"`
	City             string              `json:"city"`
	Country          string              `json:"country"`
	Latitude         *float64            `json:"latitude"`
	Longitude        *float64            `json:"longitude"`
	TargetEnrollment *int                `json:"target_enrollment"`
	Staff            []siteStaffResponse `json:"staff,omitempty"`
}

type trialResponse struct {
	ID                 string               `json:"id"`
	NCTID              *string              `json:"nct_id"`
	Title              string               `json:"title"`
	Summary            map[string]string    `json:"summary"`
	Phases             []string             `json:"phases"`
	Status             string               `json:"status"`
	TargetEnrollment   *int                 `json:"target_enrollment"`
	Sponsor            organisationResponse `json:"sponsor"`
	Conditions         []string             `json:"conditions"`
	UnmappedConditions []string             `json:"unmapped_conditions"`
	Criteria           json.RawMessage      `json:"criteria"`
	Sites              []siteResponse       `json:"sites"`
	Source             string               `json:"source"`
	RegistryStatus     *string              `json:"registry_status"`
	InvitationMessage  string               `json:"invitation_message"`
	EthicsApprovals    []ethicsResponse     `json:"ethics_approvals,omitempty"`
	Version            int                  `json:"version"`
	CanEdit            bool                 `json:"can_edit"`
	MySiteIDs          []string             `json:"my_site_ids"`
	CreatedAt          time.Time            `json:"created_at"`
	UpdatedAt          time.Time            `json:"updated_at"`
}

func toSiteResponse(s models.TrialSite) siteResponse {
	return siteResponse{ID: s.ID.String(), Name: s.Name, City: s.City, Country: s.Country, Latitude: s.Latitude, Longitude: s.Longitude, TargetEnrollment: s.TargetEnrollment}
}

func toTrialResponse(v services.TrialView) trialResponse {
	t := v.Trial
	summary := map[string]string(t.Summary)
	if summary == nil {
		summary = map[string]string{}
	}
	out := trialResponse{
		ID: t.ID.String(), NCTID: t.NCTID, Title: t.Title, Summary: summary, Phases: nonNilStrings(t.Phases), Status: string(t.Status),
		TargetEnrollment: t.TargetEnrollment, Sponsor: organisationResponse{ID: v.Sponsor.ID.String(), Name: v.Sponsor.Name},
		Conditions: nonNilStrings(t.Conditions), UnmappedConditions: nonNilStrings(t.UnmappedConditions), Criteria: t.Criteria,
		Sites: make([]siteResponse, 0, len(v.Sites)), Source: t.Source, RegistryStatus: t.RegistryStatus, Version: t.Version, CanEdit: v.CanEdit, MySiteIDs: []string{},
		CreatedAt: t.CreatedAt.UTC(), UpdatedAt: t.UpdatedAt.UTC(),
	}
	if len(out.Criteria) == 0 {
		out.Criteria = json.RawMessage("[]")
	}
	for _, s := range v.Sites {
		sr := toSiteResponse(s.Site)
		for _, m := range s.Staff {
			sr.Staff = append(sr.Staff, siteStaffResponse{UserID: m.UserID.String(), DisplayName: m.DisplayName, Email: m.Email, Role: string(m.Role)})
		}
		out.Sites = append(out.Sites, sr)
	}
	for _, id := range v.SiteIDs {
		out.MySiteIDs = append(out.MySiteIDs, id.String())
	}
	out.InvitationMessage = t.InvitationMessage
	for _, a := range v.EthicsApprovals {
		out.EthicsApprovals = append(out.EthicsApprovals, toEthicsResponse(a))
	}
	return out
}

func nonNilStrings(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

type trialPage struct {
	Items      []trialResponse `json:"items"`
	NextCursor *string         `json:"next_cursor"`
}

func (h *TrialHandler) List(c echo.Context) error {
	limit, err := intQuery(c, "limit")
	if err != nil {
		return err
	}
	page, err := h.Trials.List(c.Request().Context(), actor(c), c.QueryParam("status"), limit, c.QueryParam("cursor"))
	if err != nil {
		return err
	}
	out := trialPage{Items: make([]trialResponse, len(page.Items)), NextCursor: page.NextCursor}
	for i, v := range page.Items {
		out.Items[i] = toTrialResponse(v)
	}
	return c.JSON(http.StatusOK, out)
}

func (h *TrialHandler) Create(c echo.Context) error {
	var req trialRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	v, err := h.Trials.Create(c.Request().Context(), actor(c), req.input())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toTrialResponse(v))
}

func (h *TrialHandler) Get(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	v, err := h.Trials.Get(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toTrialResponse(v))
}

func (h *TrialHandler) Update(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	var req trialRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	v, err := h.Trials.Update(c.Request().Context(), actor(c), id, req.input())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toTrialResponse(v))
}

// PutCriteria: the body is the list of criteria (API.md's criterion JSON).
func (h *TrialHandler) PutCriteria(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	var raw json.RawMessage
	if err := decodeJSON(c, &raw); err != nil {
		return err
	}
	v, err := h.Trials.PutCriteria(c.Request().Context(), actor(c), id, raw)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toTrialResponse(v))
}

func (h *TrialHandler) AddSite(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	var req siteRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	site, err := h.Trials.AddSite(c.Request().Context(), actor(c), id, services.SiteInput{Name: req.Name, City: req.City, Country: req.Country,
		Latitude: req.Latitude, Longitude: req.Longitude, TargetEnrollment: req.TargetEnrollment})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toSiteResponse(site))
}

func (h *TrialHandler) AddSiteStaff(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	siteID, err := parseUUIDParam(c, "site_id")
	if err != nil {
		return err
	}
	var req siteStaffRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	m, err := h.Trials.AddSiteStaff(c.Request().Context(), actor(c), id, siteID, req.Email, models.SiteRole(req.Role))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, siteStaffResponse{UserID: m.UserID.String(), DisplayName: m.DisplayName, Email: m.Email, Role: string(m.Role)})
}

type importResponse struct {
	Trial    trialResponse       `json:"trial"`
	Warnings []apperr.FieldError `json:"warnings"`
}

// ImportCTGov: POST /trials/import/ctgov, the body is one ClinicalTrials.gov
// API v2 study record; the result is a draft trial.
func (h *TrialHandler) ImportCTGov(c echo.Context) error {
	var raw json.RawMessage
	if err := decodeAny(c, &raw); err != nil {
		return err
	}
	res, err := h.Trials.ImportCTGov(c.Request().Context(), actor(c), raw)
	if err != nil {
		return err
	}
	w := res.Warnings
	if w == nil {
		w = []apperr.FieldError{}
	}
	return c.JSON(http.StatusCreated, importResponse{Trial: toTrialResponse(res.Trial), Warnings: w})
}
