package handlers

import (
	"net/http"
	"time"

	"github.com/google/uuid"
	"github.com/labstack/echo/v4"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
)

type ReferralHandler struct {
	Referrals *services.ReferralService
}

type invitationRequest struct {
	CandidateID string `json:"candidate_id" validate:"required,max=64"`
	SiteID      string `json:"site_id" validate:"required,uuid"`
}

type interestRequest struct {
	TrialID string  `json:"trial_id" validate:"required,uuid"`
	SiteID  *string `json:"site_id" validate:"omitempty,uuid"`
}

type transitionRequest struct {
	To          string `json:"to" validate:"required"`
	ReasonCode  string `json:"reason_code"`
	CriterionID string `json:"criterion_id"`
	Note        string `json:"note"`
	Version     int    `json:"version" validate:"required,min=1"`
}

type invitationMessageRequest struct {
	InvitationMessage string `json:"invitation_message"`
}

type ethicsRequest struct {
	SiteID        *string      `json:"site_id" validate:"omitempty,uuid"`
	Reference     string       `json:"reference" validate:"required"`
	ApprovingBody string       `json:"approving_body" validate:"required"`
	ApprovedOn    *models.Date `json:"approved_on"`
	ExpiresOn     *models.Date `json:"expires_on" validate:"required"`
}

type ethicsResponse struct {
	ID            string       `json:"id"`
	SiteID        *string      `json:"site_id"`
	Reference     string       `json:"reference"`
	ApprovingBody string       `json:"approving_body"`
	ApprovedOn    *models.Date `json:"approved_on"`
	ExpiresOn     models.Date  `json:"expires_on"`
}

type referralEventResponse struct {
	FromState   *string   `json:"from_state"`
	ToState     string    `json:"to_state"`
	ActorRole   *string   `json:"actor_role"`
	ReasonCode  *string   `json:"reason_code"`
	CriterionID *string   `json:"criterion_id"`
	Note        *string   `json:"note"`
	OccurredAt  time.Time `json:"occurred_at"`
}

type identityResponse struct {
	GivenName         string  `json:"given_name"`
	FamilyName        string  `json:"family_name"`
	Email             *string `json:"email"`
	Phone             *string `json:"phone"`
	PreferredLanguage string  `json:"preferred_language"`
}

type referralResponse struct {
	ID                string                  `json:"id"`
	TrialID           string                  `json:"trial_id"`
	TrialTitle        string                  `json:"trial_title"`
	Site              siteResponse            `json:"site"`
	CandidateID       string                  `json:"candidate_id"`
	Origin            string                  `json:"origin"`
	State             string                  `json:"state"`
	Version           int                     `json:"version"`
	IdentityReleased  bool                    `json:"identity_released"`
	ScreenFailReason  *string                 `json:"screen_fail_reason"`
	InvitationMessage string                  `json:"invitation_message"`
	VolunteerName     *string                 `json:"volunteer_name,omitempty"`
	Identity          *identityResponse       `json:"identity,omitempty"`
	AllowedMoves      []string                `json:"allowed_moves"`
	History           []referralEventResponse `json:"history"`
	CreatedAt         time.Time               `json:"created_at"`
	UpdatedAt         time.Time               `json:"updated_at"`
}

func toReferralResponse(v services.ReferralView) referralResponse {
	r := v.Referral
	out := referralResponse{ID: r.ID.String(), TrialID: r.TrialID.String(), TrialTitle: v.TrialTitle, Site: toSiteResponse(v.Site),
		CandidateID: r.CandidateID, Origin: r.Origin, State: string(r.State), Version: r.Version, IdentityReleased: r.IdentityReleased,
		ScreenFailReason: r.ScreenFailReason, InvitationMessage: v.InvitationMessage, AllowedMoves: []string{},
		History: make([]referralEventResponse, len(v.History)), CreatedAt: r.CreatedAt.UTC(), UpdatedAt: r.UpdatedAt.UTC()}
	if v.VolunteerName != "" {
		out.VolunteerName = &v.VolunteerName
	}
	if id := v.Identity; id != nil {
		out.Identity = &identityResponse{GivenName: id.GivenName, FamilyName: id.FamilyName, Email: id.Email, Phone: id.Phone, PreferredLanguage: id.PreferredLanguage}
	}
	for _, m := range v.AllowedMoves {
		out.AllowedMoves = append(out.AllowedMoves, string(m))
	}
	for i, e := range v.History {
		var from *string
		if e.FromState != nil {
			f := string(*e.FromState)
			from = &f
		}
		out.History[i] = referralEventResponse{FromState: from, ToState: string(e.ToState), ActorRole: e.ActorRole, ReasonCode: e.ReasonCode,
			CriterionID: e.CriterionID, Note: e.Note, OccurredAt: e.OccurredAt.UTC()}
	}
	return out
}

func (h *ReferralHandler) respond(c echo.Context, status int, r models.Referral) error {
	v, err := h.Referrals.Get(c.Request().Context(), actor(c), r.ID)
	if err != nil {
		return err
	}
	return c.JSON(status, toReferralResponse(v))
}

// Invite: POST /trials/{id}/invitations.
func (h *ReferralHandler) Invite(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	var req invitationRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	r, err := h.Referrals.Invite(c.Request().Context(), actor(c), id, req.CandidateID, uuid.MustParse(req.SiteID))
	if err != nil {
		return err
	}
	return h.respond(c, http.StatusCreated, r)
}

// Interest: POST /volunteers/{id}/interests.
func (h *ReferralHandler) Interest(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	var req interestRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	var site *uuid.UUID
	if req.SiteID != nil {
		s := uuid.MustParse(*req.SiteID)
		site = &s
	}
	r, err := h.Referrals.ExpressInterest(c.Request().Context(), actor(c), id, uuid.MustParse(req.TrialID), site)
	if err != nil {
		return err
	}
	return h.respond(c, http.StatusCreated, r)
}

func (h *ReferralHandler) Accept(c echo.Context) error  { return h.answer(c, true) }
func (h *ReferralHandler) Decline(c echo.Context) error { return h.answer(c, false) }

func (h *ReferralHandler) answer(c echo.Context, accept bool) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	r, err := h.Referrals.Respond(c.Request().Context(), actor(c), id, accept)
	if err != nil {
		return err
	}
	return h.respond(c, http.StatusOK, r)
}

type referralPage struct {
	Items      []referralResponse `json:"items"`
	NextCursor *string            `json:"next_cursor"`
}

// List: GET /referrals?trial_id=&site_id=&state=&limit=&cursor=.
func (h *ReferralHandler) List(c echo.Context) error {
	f := services.ReferralFilter{State: c.QueryParam("state"), Cursor: c.QueryParam("cursor")}
	var err error
	if f.Limit, err = intQuery(c, "limit"); err != nil {
		return err
	}
	for name, dst := range map[string]**uuid.UUID{"trial_id": &f.TrialID, "site_id": &f.SiteID} {
		if s := c.QueryParam(name); s != "" {
			id, err := uuid.Parse(s)
			if err != nil {
				return apperr.FromFields([]apperr.FieldError{{Field: name, Code: "invalid", Message: "Must be a UUID."}})
			}
			*dst = &id
		}
	}
	page, err := h.Referrals.List(c.Request().Context(), actor(c), f)
	if err != nil {
		return err
	}
	out := referralPage{Items: make([]referralResponse, len(page.Items)), NextCursor: page.NextCursor}
	for i, v := range page.Items {
		out.Items[i] = toReferralResponse(v)
	}
	return c.JSON(http.StatusOK, out)
}

func (h *ReferralHandler) Get(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	v, err := h.Referrals.Get(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toReferralResponse(v))
}

// Transition: POST /referrals/{id}/transitions.
func (h *ReferralHandler) Transition(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	var req transitionRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	r, err := h.Referrals.Transition(c.Request().Context(), actor(c), id, services.TransitionInput{
		To: models.ReferralState(req.To), ReasonCode: req.ReasonCode, CriterionID: req.CriterionID, Note: req.Note, Version: req.Version})
	if err != nil {
		return err
	}
	return h.respond(c, http.StatusOK, r)
}

// FHIR: GET /trials/{id}/referrals.fhir.
func (h *ReferralHandler) FHIR(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	b, err := h.Referrals.FHIRBundle(c.Request().Context(), actor(c), id)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentType, "application/fhir+json")
	return c.JSON(http.StatusOK, b)
}

// SetInvitationMessage: PUT /trials/{id}/invitation-message.
func (h *ReferralHandler) SetInvitationMessage(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	var req invitationMessageRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	v, err := h.Referrals.SetInvitationMessage(c.Request().Context(), actor(c), id, req.InvitationMessage)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toTrialResponse(v))
}

// AddEthicsApproval: POST /trials/{id}/ethics-approvals.
func (h *ReferralHandler) AddEthicsApproval(c echo.Context) error {
	id, err := parseUUIDParam(c, "id")
	if err != nil {
		return err
	}
	var req ethicsRequest
	if err := bindJSON(c, &req); err != nil {
		return err
	}
	in := services.EthicsInput{Reference: req.Reference, ApprovingBody: req.ApprovingBody, ApprovedOn: req.ApprovedOn, ExpiresOn: req.ExpiresOn}
	if req.SiteID != nil {
		s := uuid.MustParse(*req.SiteID)
		in.SiteID = &s
	}
	a, err := h.Referrals.AddEthicsApproval(c.Request().Context(), actor(c), id, in)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, toEthicsResponse(a))
}

func toEthicsResponse(a models.EthicsApproval) ethicsResponse {
	out := ethicsResponse{ID: a.ID.String(), Reference: a.Reference, ApprovingBody: a.ApprovingBody, ApprovedOn: a.ApprovedOn, ExpiresOn: a.ExpiresOn}
	if a.SiteID != nil {
		s := a.SiteID.String()
		out.SiteID = &s
	}
	return out
}
