package services

import (
	"context"
	"time"

	"github.com/google/uuid"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
)

// ReferralView is a referral as its reader may see it: always the trial,
// site and history; the volunteer's identity only for site staff after the
// volunteer accepted or expressed interest (each such read is audited).
type ReferralView struct {
	Referral          models.Referral
	TrialTitle        string
	InvitationMessage string
	Site              models.TrialSite
	History           []models.ReferralEvent
	Identity          *models.VolunteerIdentity
	VolunteerName     string // for the volunteer's own list: whose application
	AllowedMoves      []models.ReferralState
}

type ReferralFilter struct {
	TrialID *uuid.UUID
	SiteID  *uuid.UUID
	State   string
	Limit   int
	Cursor  string
}

// List pages through the referrals the actor may see: a volunteer's own
// (all their profiles), or those of the investigator's sites.
func (s *ReferralService) List(ctx context.Context, actor Actor, f ReferralFilter) (Page[ReferralView], error) {
	var page Page[ReferralView]
	limit, err := ClampLimit(f.Limit)
	if err != nil {
		return page, err
	}
	c, err := decodeCursor(f.Cursor)
	if err != nil {
		return page, err
	}
	q := s.DB.WithContext(ctx).Model(&models.Referral{}).Order("created_at, id").Limit(limit + 1)
	switch actor.Role {
	case models.RoleVolunteer:
		q = q.Where("volunteer_id IN (SELECT id FROM volunteers WHERE account_id = ?)", actor.UserID)
	case models.RoleInvestigator:
		q = q.Where("site_id IN (SELECT site_id FROM site_staff WHERE user_id = ?)", actor.UserID)
	default:
		return page, apperr.Forbiddenf("Only volunteers and site staff see referrals.")
	}
	if f.TrialID != nil {
		q = q.Where("trial_id = ?", *f.TrialID)
	}
	if f.SiteID != nil {
		q = q.Where("site_id = ?", *f.SiteID)
	}
	if f.State != "" {
		if _, ok := referralMoves[models.ReferralState(f.State)]; !ok && !isFinalState(f.State) {
			return page, apperr.FromFields([]apperr.FieldError{{Field: "state", Code: "invalid", Message: "Not a referral state."}})
		}
		q = q.Where("state = ?", f.State)
	}
	if c != nil {
		q = q.Where("(created_at, id) > (?, ?)", c.At, c.ID)
	}
	var rows []models.Referral
	if err := q.Find(&rows).Error; err != nil {
		return page, err
	}
	if len(rows) > limit {
		rows = rows[:limit]
		page.NextCursor = encodeCursor(rows[limit-1].CreatedAt, rows[limit-1].ID)
	}
	page.Items, err = s.views(ctx, actor, rows, false)
	return page, err
}

func isFinalState(s string) bool {
	switch models.ReferralState(s) {
	case models.ReferralDeclined, models.ReferralScreenFailed, models.ReferralCompleted, models.ReferralWithdrawn:
		return true
	}
	return false
}

// Get returns one referral with its history (and identity for staff once
// released, audited).
func (s *ReferralService) Get(ctx context.Context, actor Actor, id uuid.UUID) (ReferralView, error) {
	r, _, err := s.reachable(ctx, s.DB, actor, id, false)
	if err != nil {
		return ReferralView{}, err
	}
	views, err := s.views(ctx, actor, []models.Referral{r}, true)
	if err != nil {
		return ReferralView{}, err
	}
	return views[0], nil
}

// views loads what a page of referrals shows in a fixed number of queries.
// withIdentity releases identity to staff (one audit event per referral read).
func (s *ReferralService) views(ctx context.Context, actor Actor, rows []models.Referral, withIdentity bool) ([]ReferralView, error) {
	db := s.DB.WithContext(ctx)
	out := make([]ReferralView, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	var ids, trialIDs, siteIDs, volunteerIDs []uuid.UUID
	for _, r := range rows {
		ids, trialIDs, siteIDs = append(ids, r.ID), append(trialIDs, r.TrialID), append(siteIDs, r.SiteID)
		if r.VolunteerID != nil {
			volunteerIDs = append(volunteerIDs, *r.VolunteerID)
		}
	}
	var trials []models.Trial
	var sites []models.TrialSite
	var events []models.ReferralEvent
	var identities []models.VolunteerIdentity
	if err := db.Select("id, title, invitation_message").Where("id IN ?", trialIDs).Find(&trials).Error; err != nil {
		return nil, err
	}
	if err := db.Where("id IN ?", siteIDs).Find(&sites).Error; err != nil {
		return nil, err
	}
	if err := db.Where("referral_id IN ?", ids).Order("id").Find(&events).Error; err != nil {
		return nil, err
	}
	if len(volunteerIDs) > 0 {
		if err := db.Where("volunteer_id IN ?", volunteerIDs).Find(&identities).Error; err != nil {
			return nil, err
		}
	}
	isVolunteer := actor.Role == models.RoleVolunteer
	var reads []models.AuditEvent
	for i, r := range rows {
		v := &out[i]
		v.Referral, v.History, v.AllowedMoves = r, []models.ReferralEvent{}, AllowedMoves(r.State, actor.Role)
		for _, t := range trials {
			if t.ID == r.TrialID {
				v.TrialTitle, v.InvitationMessage = t.Title, t.InvitationMessage
			}
		}
		for _, st := range sites {
			if st.ID == r.SiteID {
				v.Site = st
			}
		}
		for _, e := range events {
			if e.ReferralID == r.ID {
				v.History = append(v.History, e)
			}
		}
		for j := range identities {
			idt := identities[j]
			if r.VolunteerID == nil || idt.VolunteerID != *r.VolunteerID {
				continue
			}
			if isVolunteer {
				v.VolunteerName = idt.GivenName
			} else if withIdentity && r.IdentityReleased {
				v.Identity = &idt
				reads = append(reads, s.identityRead(actor, r))
			}
		}
	}
	if len(reads) > 0 {
		if err := db.Omit("ID", "OccurredAt").Create(&reads).Error; err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *ReferralService) identityRead(actor Actor, r models.Referral) models.AuditEvent {
	id, role, subject := actor.UserID, string(actor.Role), r.ID.String()
	ev := models.AuditEvent{ActorID: &id, ActorRole: &role, Action: AuditIdentityRead, SubjectType: "referral", SubjectID: &subject,
		Details: models.JSONMap{"trial_id": r.TrialID.String()}}
	if actor.RequestID != "" {
		ev.RequestID = &actor.RequestID
	}
	return ev
}

// fhirStatus maps referral states to FHIR R4 ResearchSubject.status.
var fhirStatus = map[models.ReferralState]string{
	models.ReferralInvited: "potential-candidate", models.ReferralAccepted: "candidate", models.ReferralInterested: "candidate",
	models.ReferralDeclined: "not-registered", models.ReferralPrescreening: "screening", models.ReferralScreenFailed: "ineligible",
	models.ReferralEligible: "eligible", models.ReferralConsented: "pending-on-study", models.ReferralEnrolled: "on-study",
	models.ReferralTreated: "on-study-intervention", models.ReferralCompleted: "off-study", models.ReferralWithdrawn: "withdrawn",
}

// FHIRBundle exports a trial's referrals (the sponsor's: all; site staff's:
// their sites) as a FHIR R4 Bundle of ResearchSubject resources, identified
// by pseudonym only.
func (s *ReferralService) FHIRBundle(ctx context.Context, actor Actor, trialID uuid.UUID) (map[string]any, error) {
	view, err := s.Trials.Get(ctx, actor, trialID)
	if err != nil {
		return nil, err
	}
	q := s.DB.WithContext(ctx).Where("trial_id = ?", trialID).Order("created_at, id")
	switch {
	case view.CanEdit:
	case len(view.SiteIDs) > 0:
		q = q.Where("site_id IN ?", view.SiteIDs)
	default:
		return nil, apperr.NotFoundf("No such trial.")
	}
	var rows []models.Referral
	if err := q.Find(&rows).Error; err != nil {
		return nil, err
	}
	entries := make([]map[string]any, 0, len(rows))
	for _, r := range rows {
		entries = append(entries, map[string]any{
			"fullUrl": "urn:uuid:" + r.ID.String(),
			"resource": map[string]any{
				"resourceType": "ResearchSubject",
				"id":           r.ID.String(),
				"status":       fhirStatus[r.State],
				"period":       map[string]any{"start": r.CreatedAt.UTC().Format(time.RFC3339)},
				"study":        map[string]any{"reference": "ResearchStudy/" + trialID.String(), "display": view.Trial.Title},
				"individual":   map[string]any{"identifier": map[string]any{"system": "urn:trialmatch:candidate:" + trialID.String(), "value": r.CandidateID}},
			},
		})
	}
	return map[string]any{"resourceType": "Bundle", "type": "collection", "timestamp": s.Now().UTC().Format(time.RFC3339),
		"total": len(entries), "entry": entries}, nil
}
