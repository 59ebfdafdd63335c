package handlers

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
)

type grantConsentRequest struct {
	Scope   string `json:"scope" validate:"required,oneof=matching contact"`
	Version int    `json:"version" validate:"required,min=1"`
	Locale  string `json:"locale" validate:"required,oneof=en tr ru kk"`
}

type consentResponse struct {
	ID          string     `json:"id"`
	Scope       string     `json:"scope"`
	TextVersion int        `json:"text_version"`
	Locale      string     `json:"locale"`
	GrantedAt   time.Time  `json:"granted_at"`
	WithdrawnAt *time.Time `json:"withdrawn_at"`
}

func toConsentResponse(c models.Consent) consentResponse {
	var withdrawn *time.Time
	if c.WithdrawnAt != nil {
		t := c.WithdrawnAt.UTC()
		withdrawn = &t
	}
	return consentResponse{ID: c.ID.String(), Scope: string(c.Scope), TextVersion: c.TextVersion, Locale: c.Locale,
		GrantedAt: c.GrantedAt.UTC(), WithdrawnAt: withdrawn}
}

type consentList struct {
	Items      []consentResponse `json:"items"`
	Active     []string          `json:"active"`
	NextCursor *string           `json:"next_cursor"`
}

func (h *VolunteerHandler) ListConsents(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	cs, err := h.Volunteers.Consents(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	out := consentList{Items: make([]consentResponse, len(cs)), Active: []string{}}
	for i, x := range cs {
		out.Items[i] = toConsentResponse(x)
		if x.WithdrawnAt == nil {
			out.Active = append(out.Active, string(x.Scope))
		}
	}
	return c.JSON(http.StatusOK, out)
}

func (h *VolunteerHandler) GrantConsent(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	var req grantConsentRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	consent, created, err := h.Volunteers.GrantConsent(c.Request().Context(), actor(c), id, models.ConsentScope(req.Scope), req.Version, req.Locale)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if created {
		status = http.StatusCreated
	}
	return c.JSON(status, toConsentResponse(consent))
}

// WithdrawConsent: DELETE /volunteers/{id}/consents?scope=matching|contact.
func (h *VolunteerHandler) WithdrawConsent(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	if err := h.Volunteers.WithdrawConsent(c.Request().Context(), actor(c), id, models.ConsentScope(c.QueryParam("scope"))); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

type consentTextResponse struct {
	Scope   string `json:"scope"`
	Version int    `json:"version"`
	Locale  string `json:"locale"`
	Title   string `json:"title"`
	Body    string `json:"body"`
}

type consentTextList struct {
	Items      []consentTextResponse `json:"items"`
	NextCursor *string               `json:"next_cursor"`
}

// ConsentTexts is public: anyone may read what they would agree to.
func (h *VolunteerHandler) ConsentTexts(c echo.Context) error {
	texts, err := h.Volunteers.ConsentTexts(c.Request().Context(), c.QueryParam("locale"))
	if err != nil {
		return err
	}
	out := consentTextList{Items: make([]consentTextResponse, len(texts))}
	for i, t := range texts {
		out.Items[i] = consentTextResponse{Scope: string(t.Scope), Version: t.Version, Locale: t.Locale, Title: t.Title, Body: t.Body}
	}
	return c.JSON(http.StatusOK, out)
}

type conditionList struct {
	Items      []services.ConditionNode `json:"items"`
	NextCursor *string                  `json:"next_cursor"`
}

type ConditionHandler struct {
	Taxonomy *services.TaxonomyService
}

// Search: GET /conditions?q=&lang= — the whole tree without q.
func (h *ConditionHandler) Search(c echo.Context) error {
	nodes, err := h.Taxonomy.Search(c.Request().Context(), c.QueryParam("q"), c.QueryParam("lang"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, conditionList{Items: nodes})
}
