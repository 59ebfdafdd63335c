package services

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services/eligibility"
)

// ReferralService runs recruitment: the ethics gate, invitations, interest,
// and the screening pipeline (pipeline.go), with its notifications.
type ReferralService struct {
	Deps
	Trials   *TrialService
	Matching *MatchingService
}

var (
	contactEmail = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}`)
	contactPhone = regexp.MustCompile(`\+?\d[\d\s().\-]{7,}\d`)
)

// checkInvitationMessage refuses contact details: contact goes through the
// platform.
func checkInvitationMessage(fs *apperr.Fields, msg string) {
	switch {
	case len([]rune(msg)) > 2000:
		fs.Add("invitation_message", "too_long", "The invitation message has at most 2,000 characters.")
	case contactEmail.MatchString(msg):
		fs.Add("invitation_message", "contains_email", "Remove the e-mail address: volunteers reach the site through TrialMatch.")
	case contactPhone.MatchString(msg):
		fs.Add("invitation_message", "contains_phone", "Remove the phone number: volunteers reach the site through TrialMatch.")
	}
}

// SetInvitationMessage stores the trial's invitation message (sponsor).
func (s *ReferralService) SetInvitationMessage(ctx context.Context, actor Actor, trialID uuid.UUID, msg string) (TrialView, error) {
	var fs apperr.Fields
	msg = strings.TrimSpace(msg)
	checkInvitationMessage(&fs, msg)
	if err := fs.Err(); err != nil {
		return TrialView{}, err
	}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		t, err := s.Trials.editable(ctx, tx, actor, trialID)
		if err != nil {
			return err
		}
		return tx.Model(&models.Trial{}).Where("id = ?", t.ID).Updates(map[string]any{"invitation_message": msg, "updated_at": s.Now()}).Error
	})
	if err != nil {
		return TrialView{}, err
	}
	return s.Trials.Get(ctx, actor, trialID)
}

type EthicsInput struct {
	SiteID        *uuid.UUID
	Reference     string
	ApprovingBody string
	ApprovedOn    *models.Date
	ExpiresOn     *models.Date
}

// AddEthicsApproval records an ethics approval for one site of the trial, or
// for all its sites.
func (s *ReferralService) AddEthicsApproval(ctx context.Context, actor Actor, trialID uuid.UUID, in EthicsInput) (models.EthicsApproval, error) {
	var a models.EthicsApproval
	var fs apperr.Fields
	if n := len([]rune(strings.TrimSpace(in.Reference))); n == 0 || n > 200 {
		fs.Add("reference", "required", "Give the approval's reference number.")
	}
	if n := len([]rune(strings.TrimSpace(in.ApprovingBody))); n == 0 || n > 300 {
		fs.Add("approving_body", "required", "Name the ethics committee that approved the trial.")
	}
	if in.ExpiresOn == nil {
		fs.Add("expires_on", "required", "Give the date the approval expires.")
	} else if in.ApprovedOn != nil && in.ExpiresOn.Before(*in.ApprovedOn) {
		fs.Add("expires_on", "before_approval", "The approval expires before it was given.")
	}
	if in.ApprovedOn != nil && in.ApprovedOn.After(models.NewDate(s.Now().UTC())) {
		fs.Add("approved_on", "in_future", "The approval date is in the future.")
	}
	if err := fs.Err(); err != nil {
		return a, err
	}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		t, err := s.Trials.editable(ctx, tx, actor, trialID)
		if err != nil {
			return err
		}
		if in.SiteID != nil {
			var n int64
			if err := tx.Model(&models.TrialSite{}).Where("id = ? AND trial_id = ?", *in.SiteID, t.ID).Count(&n).Error; err != nil {
				return err
			}
			if n == 0 {
				return apperr.FromFields([]apperr.FieldError{{Field: "site_id", Code: "unknown_site", Message: "This is not a site of the trial."}})
			}
		}
		a = models.EthicsApproval{TrialID: t.ID, SiteID: in.SiteID, Reference: strings.TrimSpace(in.Reference),
			ApprovingBody: strings.TrimSpace(in.ApprovingBody), ApprovedOn: in.ApprovedOn, ExpiresOn: *in.ExpiresOn, CreatedBy: &actor.UserID}
		if err := tx.Create(&a).Error; err != nil {
			return err
		}
		return writeAudit(ctx, tx, actor, AuditEthicsRecorded, "trial", t.ID.String(), models.JSONMap{"reference": a.Reference})
	})
	return a, err
}

// approvalInForce reports whether the site has an ethics approval that has not
// expired today.
func (s *ReferralService) approvalInForce(tx *gorm.DB, trialID, siteID uuid.UUID) (bool, error) {
	var n int64
	err := tx.Model(&models.EthicsApproval{}).Where("trial_id = ? AND (site_id = ? OR site_id IS NULL) AND expires_on >= ?",
		trialID, siteID, models.NewDate(s.Now().UTC())).Count(&n).Error
	return n > 0, err
}

// ageBand coarsens an age for reports.
func ageBand(years int) string {
	for _, b := range []struct {
		max  int
		name string
	}{{1, "0-1"}, {11, "2-11"}, {17, "12-17"}, {24, "18-24"}, {39, "25-39"}, {64, "40-64"}, {74, "65-74"}} {
		if years <= b.max {
			return b.name
		}
	}
	return "75+"
}

// strata fills a referral's coarse report strata from the clinical profile.
func (s *ReferralService) strata(tx *gorm.DB, r *models.Referral) error {
	if r.VolunteerID == nil {
		return nil
	}
	var c models.VolunteerClinical
	err := tx.First(&c, "volunteer_id = ?", *r.VolunteerID).Error
	if isNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	p := c.Profile
	if p.DateOfBirth != nil {
		band := ageBand(eligibility.CompletedYears(*p.DateOfBirth, models.NewDate(s.Now().UTC())))
		r.AgeBand = &band
	}
	r.Sex, r.Country, r.Race, r.Ethnicity = p.Sex, p.Country, p.Race, p.Ethnicity
	return nil
}

// Invite sends a candidate (by pseudonym) an invitation to a site of the
// trial. The site needs an ethics approval in force and the volunteer the
// contact consent, with invitations not paused; a volunteer is invited to a
// trial once.
func (s *ReferralService) Invite(ctx context.Context, actor Actor, trialID uuid.UUID, candidateID string, siteID uuid.UUID) (models.Referral, error) {
	var r models.Referral
	view, err := s.Trials.Get(ctx, actor, trialID)
	if err != nil {
		return r, err
	}
	if actor.Role != models.RoleInvestigator || len(view.SiteIDs) == 0 {
		return r, apperr.NotFoundf("No such trial.")
	}
	if !containsUUID(view.SiteIDs, siteID) {
		return r, apperr.FromFields([]apperr.FieldError{{Field: "site_id", Code: "not_your_site", Message: "Invite to a site of this trial that you are on."}})
	}
	if view.Trial.Status != models.TrialRecruiting {
		return r, apperr.Conflictf("not_recruiting", "The trial is not recruiting.")
	}
	err = s.tx(ctx, func(tx *gorm.DB) error {
		ok, err := s.approvalInForce(tx, trialID, siteID)
		if err != nil {
			return err
		}
		if !ok {
			return apperr.Conflictf("no_ethics_approval", "This site has no ethics approval in force; record one before inviting.")
		}
		var tc struct{ VolunteerID uuid.UUID }
		err = tx.Table("trial_candidates").Select("volunteer_id").Where("trial_id = ? AND candidate_id = ?", trialID, candidateID).Take(&tc).Error
		if isNotFound(err) {
			return apperr.FromFields([]apperr.FieldError{{Field: "candidate_id", Code: "unknown_candidate", Message: "No candidate of this trial has this id."}})
		}
		if err != nil {
			return err
		}
		var v models.Volunteer
		if err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&v, "id = ?", tc.VolunteerID).Error; err != nil {
			return err
		}
		contact, err := hasOpenConsent(tx, v.ID, models.ConsentContact)
		if err != nil {
			return err
		}
		matching, err := hasOpenConsent(tx, v.ID, models.ConsentMatching)
		if err != nil {
			return err
		}
		switch {
		case !matching || !contact:
			return apperr.Conflictf("no_contact_consent", "This volunteer has not agreed to be contacted about trials.")
		case v.InvitationsPaused:
			return apperr.Conflictf("invitations_paused", "This volunteer has paused new invitations.")
		}
		r = models.Referral{TrialID: trialID, SiteID: siteID, VolunteerID: &v.ID, CandidateID: candidateID, Origin: "invitation",
			State: models.ReferralInvited, Version: 1, CreatedBy: &actor.UserID}
		if err := s.strata(tx, &r); err != nil {
			return err
		}
		if err := tx.Create(&r).Error; err != nil {
			if isUniqueViolation(err) {
				return apperr.Conflictf("already_referred", "This volunteer has already been invited to, or applied for, this trial.")
			}
			return err
		}
		if err := s.record(ctx, tx, actor, &r, nil, nil); err != nil {
			return err
		}
		return notify(ctx, tx, v.AccountID, NoteInvitation, s.payload(view.Trial, r, "/volunteer/applications"))
	})
	return r, err
}

// ExpressInterest is a volunteer's own application to a recruiting trial: it
// counts as an accepted invitation and releases their identity to the site.
func (s *ReferralService) ExpressInterest(ctx context.Context, actor Actor, volunteerID, trialID uuid.UUID, siteID *uuid.UUID) (models.Referral, error) {
	var r models.Referral
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var v models.Volunteer
		err := tx.Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ? AND account_id = ?", volunteerID, actor.UserID).First(&v).Error
		if isNotFound(err) || actor.Role != models.RoleVolunteer {
			return apperr.NotFoundf("No such volunteer profile.")
		}
		if err != nil {
			return err
		}
		var t models.Trial
		err = tx.First(&t, "id = ? AND status = ?", trialID, models.TrialRecruiting).Error
		if isNotFound(err) {
			return apperr.FromFields([]apperr.FieldError{{Field: "trial_id", Code: "not_recruiting", Message: "This trial is not recruiting."}})
		}
		if err != nil {
			return err
		}
		site, err := s.chooseSite(ctx, tx, t.ID, v.ID, siteID)
		if err != nil {
			return err
		}
		r = models.Referral{TrialID: t.ID, SiteID: site, VolunteerID: &v.ID, CandidateID: s.Matching.candidateID(t.ID, v.ID),
			Origin: "interest", State: models.ReferralInterested, Version: 1, IdentityReleased: true, CreatedBy: &actor.UserID}
		if err := tx.Table("trial_candidates").Clauses(clause.OnConflict{DoNothing: true}).
			Create(map[string]any{"trial_id": t.ID, "candidate_id": r.CandidateID, "volunteer_id": v.ID}).Error; err != nil {
			return err
		}
		if err := s.strata(tx, &r); err != nil {
			return err
		}
		if err := tx.Create(&r).Error; err != nil {
			if isUniqueViolation(err) {
				return apperr.Conflictf("already_referred", "You have already applied for, or been invited to, this trial.")
			}
			return err
		}
		if err := s.record(ctx, tx, actor, &r, nil, nil); err != nil {
			return err
		}
		return s.notifySiteStaff(ctx, tx, t, r)
	})
	return r, err
}

// chooseSite is the named site (it must belong to the trial) or else the
// site nearest the volunteer, else the first.
func (s *ReferralService) chooseSite(ctx context.Context, tx *gorm.DB, trialID, volunteerID uuid.UUID, siteID *uuid.UUID) (uuid.UUID, error) {
	var sites []models.TrialSite
	if err := tx.WithContext(ctx).Where("trial_id = ?", trialID).Order("created_at, id").Find(&sites).Error; err != nil {
		return uuid.Nil, err
	}
	if siteID != nil {
		for _, st := range sites {
			if st.ID == *siteID {
				return st.ID, nil
			}
		}
		return uuid.Nil, apperr.FromFields([]apperr.FieldError{{Field: "site_id", Code: "unknown_site", Message: "This is not a site of the trial."}})
	}
	if len(sites) == 0 {
		return uuid.Nil, apperr.Conflictf("no_sites", "The trial has no site yet.")
	}
	var c models.VolunteerClinical
	best, bestKm := sites[0].ID, -1.0
	if err := tx.First(&c, "volunteer_id = ?", volunteerID).Error; err == nil && c.Profile.Latitude != nil && c.Profile.Longitude != nil {
		for _, st := range sites {
			if st.Latitude == nil || st.Longitude == nil {
				continue
			}
			if d := eligibility.DistanceKm(*c.Profile.Latitude, *c.Profile.Longitude, *st.Latitude, *st.Longitude); bestKm < 0 || d < bestKm {
				best, bestKm = st.ID, d
			}
		}
	}
	return best, nil
}

// notifySiteStaff tells every staff member of the referral's site that a
// volunteer answered.
func (s *ReferralService) notifySiteStaff(ctx context.Context, tx *gorm.DB, t models.Trial, r models.Referral) error {
	var staff []uuid.UUID
	if err := tx.WithContext(ctx).Model(&models.SiteStaff{}).Where("site_id = ?", r.SiteID).Pluck("user_id", &staff).Error; err != nil {
		return err
	}
	for _, id := range staff {
		if err := notify(ctx, tx, id, NoteVolunteerReply, s.payload(t, r, fmt.Sprintf("/investigator/trials/%s/pipeline", t.ID))); err != nil {
			return err
		}
	}
	return nil
}

func (s *ReferralService) payload(t models.Trial, r models.Referral, path string) models.JSONMap {
	return models.JSONMap{"trial_id": t.ID.String(), "trial_title": t.Title, "referral_id": r.ID.String(), "state": string(r.State), "path": path}
}

func containsUUID(xs []uuid.UUID, x uuid.UUID) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
