package services

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
)

// mover is who may make a transition.
type mover int

const (
	byVolunteer mover = 1 << iota
	byStaff
)

// referralMoves is the one state machine of DESIGN.md §5: from → to → who.
// Volunteers accept, decline and withdraw; site staff make the screening
// steps, and may record a withdrawal once a person is enrolled (a CAR-T
// participant can be enrolled and never infused).
var referralMoves = map[models.ReferralState]map[models.ReferralState]mover{
	models.ReferralInvited:      {models.ReferralAccepted: byVolunteer, models.ReferralDeclined: byVolunteer, models.ReferralWithdrawn: byVolunteer},
	models.ReferralAccepted:     {models.ReferralPrescreening: byStaff, models.ReferralWithdrawn: byVolunteer},
	models.ReferralInterested:   {models.ReferralPrescreening: byStaff, models.ReferralWithdrawn: byVolunteer},
	models.ReferralPrescreening: {models.ReferralEligible: byStaff, models.ReferralScreenFailed: byStaff, models.ReferralWithdrawn: byVolunteer},
	models.ReferralEligible:     {models.ReferralConsented: byStaff, models.ReferralScreenFailed: byStaff, models.ReferralWithdrawn: byVolunteer},
	models.ReferralConsented:    {models.ReferralEnrolled: byStaff, models.ReferralScreenFailed: byStaff, models.ReferralWithdrawn: byVolunteer},
	models.ReferralEnrolled:     {models.ReferralTreated: byStaff, models.ReferralWithdrawn: byVolunteer | byStaff},
	models.ReferralTreated:      {models.ReferralCompleted: byStaff, models.ReferralWithdrawn: byVolunteer | byStaff},
}

// AllowedMoves lists the states a referral may go to from a state, for the
// given kind of actor (for the frontend's action buttons).
func AllowedMoves(from models.ReferralState, role models.Role) []models.ReferralState {
	want := byStaff
	if role == models.RoleVolunteer {
		want = byVolunteer
	}
	var out []models.ReferralState
	for to, who := range referralMoves[from] {
		if who&want != 0 {
			out = append(out, to)
		}
	}
	slices.Sort(out)
	return out
}

// TransitionInput is one move of a referral, with the version it expects.
type TransitionInput struct {
	To          models.ReferralState
	ReasonCode  string
	CriterionID string
	Note        string
	Version     int
}

// Transition moves a referral through the state machine. It checks that the
// move exists, that the actor may make it (the volunteer's account holder, or
// staff of the referral's site), and that the referral is still at the
// expected version (else 409: someone else moved it first).
func (s *ReferralService) Transition(ctx context.Context, actor Actor, id uuid.UUID, in TransitionInput) (models.Referral, error) {
	var r models.Referral
	var fs apperr.Fields
	if in.Version < 1 {
		fs.Add("version", "required", "Send the version of the referral you saw.")
	}
	if len([]rune(in.Note)) > 2000 {
		fs.Add("note", "too_long", "A note has at most 2,000 characters.")
	}
	if in.To == models.ReferralScreenFailed && !slices.Contains(models.ScreenFailReasons, in.ReasonCode) {
		fs.Add("reason_code", "required", "A screen failure needs a reason: "+strings.Join(models.ScreenFailReasons, ", ")+".")
	}
	if in.To != models.ReferralScreenFailed && in.ReasonCode != "" {
		fs.Add("reason_code", "not_applicable", "Only a screen failure takes a reason code.")
	}
	if len(in.CriterionID) > 64 {
		fs.Add("criterion_id", "too_long", "A criterion id has at most 64 characters.")
	}
	if err := fs.Err(); err != nil {
		return r, err
	}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var isVolunteer bool
		var err error
		r, isVolunteer, err = s.reachable(ctx, tx, actor, id, true)
		if err != nil {
			return err
		}
		if r.Version != in.Version {
			return apperr.Conflictf("stale_version", "The referral changed since you loaded it (now version %d); reload and try again.", r.Version)
		}
		who, ok := referralMoves[r.State][in.To]
		if !ok {
			return &apperr.Error{Kind: apperr.Conflict, Code: "invalid_transition",
				Message: fmt.Sprintf("A referral that is %s cannot become %s.", r.State, in.To),
				Fields:  []apperr.FieldError{{Field: "to", Code: "invalid_transition", Message: fmt.Sprintf("From %s: %v.", r.State, AllowedMoves(r.State, actor.Role))}}}
		}
		if (isVolunteer && who&byVolunteer == 0) || (!isVolunteer && who&byStaff == 0) {
			return apperr.Forbiddenf("Only %s may make this step.", map[bool]string{true: "site staff", false: "the volunteer"}[isVolunteer])
		}
		if !isVolunteer && in.To == models.ReferralWithdrawn && strings.TrimSpace(in.Note) == "" {
			return apperr.FromFields([]apperr.FieldError{{Field: "note", Code: "required", Message: "Say why the participant is withdrawn."}})
		}
		from := r.State
		updates := map[string]any{"state": in.To, "version": r.Version + 1, "updated_at": s.Now()}
		if in.To == models.ReferralAccepted {
			updates["identity_released"] = true
		}
		if in.To == models.ReferralScreenFailed {
			updates["screen_fail_reason"] = in.ReasonCode
		}
		if in.To == models.ReferralEnrolled {
			if err := s.strata(tx, &r); err != nil {
				return err
			}
			updates["age_band"], updates["sex"], updates["country"], updates["race"], updates["ethnicity"] = r.AgeBand, r.Sex, r.Country, r.Race, r.Ethnicity
		}
		res := tx.Model(&models.Referral{}).Where("id = ? AND version = ?", r.ID, r.Version).Updates(updates)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return apperr.Conflictf("stale_version", "The referral changed since you loaded it; reload and try again.")
		}
		if err := tx.First(&r, "id = ?", r.ID).Error; err != nil {
			return err
		}
		if err := s.record(ctx, tx, actor, &r, &from, &in); err != nil {
			return err
		}
		var t models.Trial
		if err := tx.First(&t, "id = ?", r.TrialID).Error; err != nil {
			return err
		}
		if isVolunteer {
			if in.To == models.ReferralAccepted {
				return s.notifySiteStaff(ctx, tx, t, r)
			}
			return nil
		}
		holder, err := s.holder(tx, r)
		if err != nil || holder == uuid.Nil {
			return err
		}
		return notify(ctx, tx, holder, NoteReferralChanged, s.payload(t, r, "/volunteer/applications"))
	})
	return r, err
}

// Respond is a volunteer's answer to an invitation.
func (s *ReferralService) Respond(ctx context.Context, actor Actor, id uuid.UUID, accept bool) (models.Referral, error) {
	var r models.Referral
	err := s.DB.WithContext(ctx).First(&r, "id = ?", id).Error
	if isNotFound(err) {
		return r, apperr.NotFoundf("No such invitation.")
	}
	if err != nil {
		return r, err
	}
	to := models.ReferralDeclined
	if accept {
		to = models.ReferralAccepted
	}
	return s.Transition(ctx, actor, id, TransitionInput{To: to, Version: r.Version})
}

// reachable loads a referral the actor may act on: the volunteer's account
// holder, or staff of its site. Anyone else gets not-found.
func (s *ReferralService) reachable(ctx context.Context, tx *gorm.DB, actor Actor, id uuid.UUID, lock bool) (models.Referral, bool, error) {
	var r models.Referral
	q := tx.WithContext(ctx)
	if lock {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	err := q.First(&r, "id = ?", id).Error
	if isNotFound(err) {
		return r, false, apperr.NotFoundf("No such referral.")
	}
	if err != nil {
		return r, false, err
	}
	switch actor.Role {
	case models.RoleVolunteer:
		holder, err := s.holder(tx, r)
		if err != nil {
			return r, false, err
		}
		if holder == actor.UserID {
			return r, true, nil
		}
	case models.RoleInvestigator:
		var n int64
		if err := tx.Model(&models.SiteStaff{}).Where("site_id = ? AND user_id = ?", r.SiteID, actor.UserID).Count(&n).Error; err != nil {
			return r, false, err
		}
		if n > 0 {
			return r, false, nil
		}
	}
	return r, false, apperr.NotFoundf("No such referral.")
}

// holder is the account that holds the referral's volunteer (Nil once the
// account is deleted).
func (s *ReferralService) holder(tx *gorm.DB, r models.Referral) (uuid.UUID, error) {
	if r.VolunteerID == nil {
		return uuid.Nil, nil
	}
	var v models.Volunteer
	err := tx.First(&v, "id = ?", *r.VolunteerID).Error
	if isNotFound(err) {
		return uuid.Nil, nil
	}
	return v.AccountID, err
}

// record appends the history entry and the audit event of a referral's step.
func (s *ReferralService) record(ctx context.Context, tx *gorm.DB, actor Actor, r *models.Referral, from *models.ReferralState, in *TransitionInput) error {
	ev := models.ReferralEvent{ReferralID: r.ID, FromState: from, ToState: r.State, OccurredAt: s.Now()}
	if actor.Signed() {
		id, role := actor.UserID, string(actor.Role)
		ev.ActorID, ev.ActorRole = &id, &role
	}
	details := models.JSONMap{"trial_id": r.TrialID.String(), "to": string(r.State)}
	if in != nil {
		if in.ReasonCode != "" {
			ev.ReasonCode = &in.ReasonCode
			details["reason_code"] = in.ReasonCode
		}
		if in.CriterionID != "" {
			ev.CriterionID = &in.CriterionID
		}
		if n := strings.TrimSpace(in.Note); n != "" {
			ev.Note = &n
		}
	}
	if from != nil {
		details["from"] = string(*from)
	}
	if err := tx.Omit("ID").Create(&ev).Error; err != nil {
		return err
	}
	return writeAudit(ctx, tx, actor, AuditReferralMoved, "referral", r.ID.String(), details)
}
