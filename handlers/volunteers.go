package handlers

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
)

type VolunteerHandler struct {
	Volunteers *services.VolunteerService
}

type createVolunteerRequest struct {
	Relationship      string  `json:"relationship" validate:"required,oneof=self child ward"`
	GivenName         *string `json:"given_name" validate:"required"`
	FamilyName        *string `json:"family_name" validate:"required"`
	Email             *string `json:"email"`
	Phone             *string `json:"phone"`
	PreferredLanguage *string `json:"preferred_language" validate:"omitempty,oneof=en tr ru kk"`
}

type updateVolunteerRequest struct {
	InvitationsPaused *bool   `json:"invitations_paused"`
	GivenName         *string `json:"given_name"`
	FamilyName        *string `json:"family_name"`
	Email             *string `json:"email"`
	Phone             *string `json:"phone"`
	PreferredLanguage *string `json:"preferred_language" validate:"omitempty,oneof=en tr ru kk"`
}

type volunteerResponse struct {
	ID                 string     `json:"id"`
	Relationship       string     `json:"relationship"`
	GivenName          string     `json:"given_name"`
	FamilyName         string     `json:"family_name"`
	Email              *string    `json:"email"`
	Phone              *string    `json:"phone"`
	PreferredLanguage  string     `json:"preferred_language"`
	HasClinicalProfile bool       `json:"has_clinical_profile"`
	ClinicalUpdatedAt  *time.Time `json:"clinical_updated_at"`
	Consents           []string   `json:"consents"`
	InvitationsPaused  bool       `json:"invitations_paused"`
	CreatedAt          time.Time  `json:"created_at"`
}

func toVolunteerResponse(v services.VolunteerView) volunteerResponse {
	consents := make([]string, len(v.ActiveConsents))
	for i, c := range v.ActiveConsents {
		consents[i] = string(c)
	}
	return volunteerResponse{
		ID: v.Volunteer.ID.String(), Relationship: string(v.Volunteer.Relationship),
		GivenName: v.Identity.GivenName, FamilyName: v.Identity.FamilyName, Email: v.Identity.Email, Phone: v.Identity.Phone,
		PreferredLanguage: v.Identity.PreferredLanguage, HasClinicalProfile: v.HasClinical, ClinicalUpdatedAt: v.ClinicalAt,
		Consents: consents, InvitationsPaused: v.Volunteer.InvitationsPaused, CreatedAt: v.Volunteer.CreatedAt.UTC(),
	}
}

type volunteerList struct {
	Items      []volunteerResponse `json:"items"`
	NextCursor *string             `json:"next_cursor"`
}

func (h *VolunteerHandler) List(c echo.Context) error {
	views, err := h.Volunteers.List(c.Request().Context(), actor(c))
	if err != nil {
		return err
	}
	out := volunteerList{Items: make([]volunteerResponse, len(views))}
	for i, v := range views {
		out.Items[i] = toVolunteerResponse(v)
	}
	return c.JSON(http.StatusOK, out)
}

func (h *VolunteerHandler) Create(c echo.Context) error {
	var req createVolunteerRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	v, err := h.Volunteers.Create(c.Request().Context(), actor(c), models.Relationship(req.Relationship), services.IdentityInput{
		GivenName: req.GivenName, FamilyName: req.FamilyName, Email: req.Email, Phone: req.Phone, PreferredLanguage: req.PreferredLanguage,
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toVolunteerResponse(v))
}

func (h *VolunteerHandler) Get(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	v, err := h.Volunteers.Get(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toVolunteerResponse(v))
}

func (h *VolunteerHandler) Update(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	var req updateVolunteerRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	v, err := h.Volunteers.UpdateIdentity(c.Request().Context(), actor(c), id, services.IdentityInput{
		InvitationsPaused: req.InvitationsPaused,
		GivenName:         req.GivenName, FamilyName: req.FamilyName, Email: req.Email, Phone: req.Phone, PreferredLanguage: req.PreferredLanguage,
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toVolunteerResponse(v))
}

func (h *VolunteerHandler) Delete(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	if err := h.Volunteers.Delete(c.Request().Context(), actor(c), id); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

type clinicalResponse struct {
	Profile   models.ClinicalProfile `json:"profile"`
	Version   int                    `json:"version"`
	UpdatedAt time.Time              `json:"updated_at"`
	Warnings  []apperr.FieldError    `json:"warnings"`
}

func toClinicalResponse(v services.ClinicalView) clinicalResponse {
	w := v.Warnings
	if w == nil {
		w = []apperr.FieldError{}
	}
	return clinicalResponse{Profile: v.Profile, Version: v.Version, UpdatedAt: v.UpdatedAt.UTC(), Warnings: w}
}

func (h *VolunteerHandler) GetClinical(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	v, err := h.Volunteers.GetClinical(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toClinicalResponse(v))
}

// PutClinical replaces the whole clinical profile (API.md's JSON; absent or
// null is unknown, an empty list is none).
func (h *VolunteerHandler) PutClinical(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	var p models.ClinicalProfile
	if err := decodeJSON(c, &p); err != nil {
		return err
	}
	v, err := h.Volunteers.PutClinical(c.Request().Context(), actor(c), id, p)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toClinicalResponse(v))
}
