package handlers

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/trialmatch/trialmatch/services"
)

type PrivacyHandler struct {
	Volunteers *services.VolunteerService
	Auth       *AuthHandler
}

type exportVolunteer struct {
	volunteerResponse
	Clinical     *clinicalResponse `json:"clinical"`
	DerivedFacts map[string]any    `json:"derived_facts"`
	History      []consentResponse `json:"consent_history"`
}

type exportAuditEvent struct {
	OccurredAt  time.Time `json:"occurred_at"`
	Action      string    `json:"action"`
	ActorRole   *string   `json:"actor_role"`
	SubjectType string    `json:"subject_type"`
	SubjectID   *string   `json:"subject_id"`
}

type exportResponse struct {
	ExportedAt  time.Time          `json:"exported_at"`
	Account     userResponse       `json:"account"`
	Volunteers  []exportVolunteer  `json:"volunteers"`
	AuditEvents []exportAuditEvent `json:"audit_events"`
}

// Export: GET /me/export, every stored fact about the account as JSON.
func (h *PrivacyHandler) Export(c echo.Context) error {
	x, err := h.Volunteers.Export(c.Request().Context(), actor(c))
	if err != nil {
		return err
	}
	out := exportResponse{ExportedAt: x.ExportedAt, Account: toUserResponse(x.Account), Volunteers: []exportVolunteer{}, AuditEvents: []exportAuditEvent{}}
	for _, v := range x.Volunteers {
		consents := make([]consentResponse, len(v.Consents))
		active := []string{}
		for i, cs := range v.Consents {
			consents[i] = toConsentResponse(cs)
			if cs.WithdrawnAt == nil {
				active = append(active, string(cs.Scope))
			}
		}
		ev := exportVolunteer{History: consents, DerivedFacts: v.Facts}
		view := services.VolunteerView{Volunteer: v.Volunteer, Identity: v.Identity, HasClinical: v.Clinical != nil}
		if v.Clinical != nil {
			cr := toClinicalResponse(services.ClinicalView{Profile: v.Clinical.Profile, Version: v.Clinical.Version, UpdatedAt: v.Clinical.UpdatedAt})
			ev.Clinical = &cr
			view.ClinicalAt = &cr.UpdatedAt
		}
		ev.volunteerResponse = toVolunteerResponse(view)
		ev.volunteerResponse.Consents = active
		out.Volunteers = append(out.Volunteers, ev)
	}
	for _, a := range x.AuditEvents {
		out.AuditEvents = append(out.AuditEvents, exportAuditEvent{OccurredAt: a.OccurredAt.UTC(), Action: a.Action, ActorRole: a.ActorRole, SubjectType: a.SubjectType, SubjectID: a.SubjectID})
	}
	c.Response().Header().Set("Content-Disposition", `attachment; filename="trialmatch-export.json"`)
	return c.JSON(http.StatusOK, out)
}

// DeleteAccount: DELETE /me erases the account, its profiles and sessions.
func (h *PrivacyHandler) DeleteAccount(c echo.Context) error {
	if err := h.Volunteers.DeleteAccount(c.Request().Context(), actor(c)); err != nil {
		return err
	}
	h.Auth.clearCookie(c)
	return c.NoContent(http.StatusNoContent)
}
