package services

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/google/uuid"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services/eligibility"
)

// TrialService keeps trials, their sites and site staff, and their criteria.
// A sponsor sees and edits only its organisation's trials; an investigator
// sees only trials of sites they are on; the public sees trials that are not
// drafts. A trial the caller may not see is not found.
type TrialService struct {
	Deps
	Facts *FactsService
}

// TrialView is a trial with its sponsor and sites.
type TrialView struct {
	Trial   models.Trial
	Sponsor models.Organisation
	Sites   []SiteView
	// CanEdit and SiteIDs say what the caller may do: edit (the sponsor), or
	// work on these sites (the investigator).
	CanEdit bool
	SiteIDs []uuid.UUID
	// EthicsApprovals are loaded for the sponsor and site staff only.
	EthicsApprovals []models.EthicsApproval
}

type SiteView struct {
	Site  models.TrialSite
	Staff []SiteStaffView
}

type SiteStaffView struct {
	UserID      uuid.UUID
	DisplayName string
	Email       string
	Role        models.SiteRole
}

type TrialInput struct {
	NCTID            *string
	Title            *string
	Summary          map[string]string
	Phases           []string
	Status           *string
	TargetEnrollment *int
	Conditions       []string
}

var nctPattern = regexp.MustCompile(`^NCT[0-9]{8}$`)

// sponsorOrganisation returns the sponsor's organisation, creating one named
// after the account the first time a sponsor needs it.
func (s *TrialService) sponsorOrganisation(ctx context.Context, tx *gorm.DB, actor Actor) (models.Organisation, error) {
	var org models.Organisation
	if err := requireRole(actor, models.RoleSponsor); err != nil {
		return org, err
	}
	var u models.User
	if err := tx.WithContext(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).First(&u, "id = ?", actor.UserID).Error; err != nil {
		return org, err
	}
	if u.OrganisationID != nil {
		err := tx.First(&org, "id = ?", *u.OrganisationID).Error
		return org, err
	}
	org = models.Organisation{Kind: "sponsor", Name: u.DisplayName}
	if err := tx.Create(&org).Error; err != nil {
		return org, err
	}
	return org, tx.Model(&u).Update("organisation_id", org.ID).Error
}

func (s *TrialService) validateTrial(ctx context.Context, in TrialInput, creating bool) (apperr.Fields, error) {
	var fs apperr.Fields
	if creating && in.Title == nil {
		fs.Add("title", "required", "Give the trial a title.")
	}
	if in.Title != nil {
		if n := len([]rune(strings.TrimSpace(*in.Title))); n == 0 || n > 500 {
			fs.Add("title", "invalid", "A title has 1 to 500 characters.")
		}
	}
	if in.NCTID != nil && *in.NCTID != "" && !nctPattern.MatchString(*in.NCTID) {
		fs.Add("nct_id", "invalid", "An NCT number looks like NCT01234567.")
	}
	for lang, text := range in.Summary {
		if !slices.Contains(models.Locales, lang) {
			fs.Add("summary."+lang, "invalid", "Summaries are in en, tr, ru or kk.")
		} else if len([]rune(text)) > 5000 {
			fs.Add("summary."+lang, "too_long", "A summary has at most 5,000 characters.")
		}
	}
	for i, p := range in.Phases {
		if !slices.Contains(models.TrialPhases, p) {
			fs.Add(fmt.Sprintf("phases[%d]", i), "invalid", "Use one of: "+strings.Join(models.TrialPhases, ", ")+".")
		}
	}
	if in.TargetEnrollment != nil && (*in.TargetEnrollment < 0 || *in.TargetEnrollment > 1000000) {
		fs.Add("target_enrollment", "out_of_range", "Use a number from 0 to 1,000,000.")
	}
	if len(in.Conditions) > 50 {
		fs.Add("conditions", "too_many", "List at most 50 conditions.")
	}
	for i, c := range in.Conditions {
		ok, err := s.Facts.Taxonomy.Exists(ctx, c)
		if err != nil {
			return nil, err
		}
		if !ok {
			fs.Add(fmt.Sprintf("conditions[%d]", i), "unknown_condition", "This is not a condition of the taxonomy.")
		}
	}
	return fs, nil
}

// Create starts a draft trial of the sponsor's organisation.
func (s *TrialService) Create(ctx context.Context, actor Actor, in TrialInput) (TrialView, error) {
	if err := requireRole(actor, models.RoleSponsor); err != nil {
		return TrialView{}, err
	}
	fs, err := s.validateTrial(ctx, in, true)
	if err != nil {
		return TrialView{}, err
	}
	if in.Status != nil && *in.Status != string(models.TrialDraft) {
		fs.Add("status", "invalid", "A new trial starts as a draft.")
	}
	if err := fs.Err(); err != nil {
		return TrialView{}, err
	}
	var id uuid.UUID
	err = s.tx(ctx, func(tx *gorm.DB) error {
		org, err := s.sponsorOrganisation(ctx, tx, actor)
		if err != nil {
			return err
		}
		t := models.Trial{SponsorID: org.ID, Title: strings.TrimSpace(*in.Title), Summary: in.Summary, Phases: nonNil(in.Phases),
			Status: models.TrialDraft, TargetEnrollment: in.TargetEnrollment, Criteria: json.RawMessage("[]"),
			Conditions: nonNil(in.Conditions), UnmappedConditions: models.StringArray{}, Source: "manual", Version: 1, CreatedBy: &actor.UserID}
		if in.NCTID != nil && *in.NCTID != "" {
			t.NCTID = in.NCTID
		}
		if err := tx.Create(&t).Error; err != nil {
			return mapTrialConflict(err)
		}
		id = t.ID
		return nil
	})
	if err != nil {
		return TrialView{}, err
	}
	return s.Get(ctx, actor, id)
}

func nonNil(xs []string) models.StringArray {
	if xs == nil {
		return models.StringArray{}
	}
	return xs
}

func mapTrialConflict(err error) error {
	if isUniqueViolation(err) {
		return &apperr.Error{Kind: apperr.Conflict, Code: "nct_id_taken", Message: "A trial with this NCT number already exists.",
			Fields: []apperr.FieldError{{Field: "nct_id", Code: "taken", Message: "A trial with this NCT number already exists."}}}
	}
	return err
}

// visible loads a trial the actor may see, with what the actor may do on it.
func (s *TrialService) visible(ctx context.Context, tx *gorm.DB, actor Actor, id uuid.UUID) (models.Trial, bool, []uuid.UUID, error) {
	var t models.Trial
	err := tx.WithContext(ctx).First(&t, "id = ?", id).Error
	if isNotFound(err) {
		return t, false, nil, apperr.NotFoundf("No such trial.")
	}
	if err != nil {
		return t, false, nil, err
	}
	canEdit, siteIDs, err := s.access(ctx, tx, actor, t)
	if err != nil {
		return t, false, nil, err
	}
	if t.Status == models.TrialDraft && !canEdit && len(siteIDs) == 0 && actor.Role != models.RoleAdmin {
		return t, false, nil, apperr.NotFoundf("No such trial.")
	}
	return t, canEdit, siteIDs, nil
}

// access says whether the actor is the trial's sponsor and which of its
// sites the actor is staff of.
func (s *TrialService) access(ctx context.Context, tx *gorm.DB, actor Actor, t models.Trial) (bool, []uuid.UUID, error) {
	switch actor.Role {
	case models.RoleSponsor:
		var u models.User
		if err := tx.WithContext(ctx).First(&u, "id = ?", actor.UserID).Error; err != nil {
			return false, nil, err
		}
		return u.OrganisationID != nil && *u.OrganisationID == t.SponsorID, nil, nil
	case models.RoleInvestigator:
		var ids []uuid.UUID
		err := tx.WithContext(ctx).Table("site_staff").Joins("JOIN trial_sites ON trial_sites.id = site_staff.site_id").
			Where("trial_sites.trial_id = ? AND site_staff.user_id = ?", t.ID, actor.UserID).Pluck("trial_sites.id", &ids).Error
		return false, ids, err
	}
	return false, nil, nil
}

// editable loads a trial the actor's organisation sponsors, locked for update.
func (s *TrialService) editable(ctx context.Context, tx *gorm.DB, actor Actor, id uuid.UUID) (models.Trial, error) {
	t, canEdit, siteIDs, err := s.visible(ctx, tx, actor, id)
	if err != nil {
		return t, err
	}
	if !canEdit {
		if actor.Role == models.RoleSponsor || len(siteIDs) == 0 {
			return t, apperr.NotFoundf("No such trial.")
		}
		return t, apperr.Forbiddenf("Only the trial's sponsor may change it.")
	}
	err = tx.Clauses(clause.Locking{Strength: "UPDATE"}).First(&t, "id = ?", id).Error
	return t, err
}

// Get returns a trial the actor may see. Site staff lists are shown only to
// the sponsor and the trial's own site staff.
func (s *TrialService) Get(ctx context.Context, actor Actor, id uuid.UUID) (TrialView, error) {
	t, canEdit, siteIDs, err := s.visible(ctx, s.DB, actor, id)
	if err != nil {
		return TrialView{}, err
	}
	views, err := s.views(ctx, []models.Trial{t}, canEdit || len(siteIDs) > 0)
	if err != nil {
		return TrialView{}, err
	}
	views[0].CanEdit, views[0].SiteIDs = canEdit, siteIDs
	if canEdit || len(siteIDs) > 0 {
		if err := s.DB.WithContext(ctx).Where("trial_id = ?", t.ID).Order("created_at, id").Find(&views[0].EthicsApprovals).Error; err != nil {
			return TrialView{}, err
		}
	}
	return views[0], nil
}

// views loads sponsors, sites and (when withStaff) staff for trials in a
// fixed number of queries.
func (s *TrialService) views(ctx context.Context, trials []models.Trial, withStaff bool) ([]TrialView, error) {
	db := s.DB.WithContext(ctx)
	ids := make([]uuid.UUID, len(trials))
	sponsorIDs := make([]uuid.UUID, len(trials))
	for i, t := range trials {
		ids[i], sponsorIDs[i] = t.ID, t.SponsorID
	}
	var orgs []models.Organisation
	var sites []models.TrialSite
	if len(ids) > 0 {
		if err := db.Where("id IN ?", sponsorIDs).Find(&orgs).Error; err != nil {
			return nil, err
		}
		if err := db.Where("trial_id IN ?", ids).Order("created_at, id").Find(&sites).Error; err != nil {
			return nil, err
		}
	}
	var staff []struct {
		SiteID      uuid.UUID
		UserID      uuid.UUID
		Role        models.SiteRole
		DisplayName string
		Email       string
	}
	if withStaff && len(sites) > 0 {
		siteIDs := make([]uuid.UUID, len(sites))
		for i, st := range sites {
			siteIDs[i] = st.ID
		}
		if err := db.Table("site_staff").Select("site_staff.site_id, site_staff.user_id, site_staff.role, users.display_name, users.email").
			Joins("JOIN users ON users.id = site_staff.user_id").Where("site_staff.site_id IN ?", siteIDs).
			Order("site_staff.created_at").Scan(&staff).Error; err != nil {
			return nil, err
		}
	}
	// Group once by key, so a page of trials costs no trials × sites loops.
	orgByID := make(map[uuid.UUID]models.Organisation, len(orgs))
	for _, o := range orgs {
		orgByID[o.ID] = o
	}
	staffBySite := map[uuid.UUID][]SiteStaffView{}
	for _, m := range staff {
		staffBySite[m.SiteID] = append(staffBySite[m.SiteID], SiteStaffView{UserID: m.UserID, DisplayName: m.DisplayName, Email: m.Email, Role: m.Role})
	}
	sitesByTrial := map[uuid.UUID][]SiteView{}
	for _, st := range sites {
		sv := SiteView{Site: st, Staff: staffBySite[st.ID]}
		if sv.Staff == nil {
			sv.Staff = []SiteStaffView{}
		}
		sitesByTrial[st.TrialID] = append(sitesByTrial[st.TrialID], sv)
	}
	out := make([]TrialView, len(trials))
	for i, t := range trials {
		out[i] = TrialView{Trial: t, Sponsor: orgByID[t.SponsorID], Sites: sitesByTrial[t.ID]}
		if out[i].Sites == nil {
			out[i].Sites = []SiteView{}
		}
	}
	return out, nil
}

// List pages through the trials the actor may see: recruiting ones for
// everyone, plus every trial of the sponsor's organisation or of the
// investigator's sites. status narrows the list.
func (s *TrialService) List(ctx context.Context, actor Actor, status string, limit int, cursor string) (Page[TrialView], error) {
	var page Page[TrialView]
	limit, err := ClampLimit(limit)
	if err != nil {
		return page, err
	}
	c, err := decodeCursor(cursor)
	if err != nil {
		return page, err
	}
	q := s.DB.WithContext(ctx).Model(&models.Trial{}).Order("created_at, id").Limit(limit + 1)
	switch actor.Role {
	case models.RoleSponsor:
		q = q.Where("status = 'recruiting' OR sponsor_id = (SELECT organisation_id FROM users WHERE id = ?)", actor.UserID)
	case models.RoleInvestigator:
		q = q.Where(`status = 'recruiting' OR id IN (SELECT trial_sites.trial_id FROM site_staff
			JOIN trial_sites ON trial_sites.id = site_staff.site_id WHERE site_staff.user_id = ?)`, actor.UserID)
	case models.RoleAdmin:
	default:
		q = q.Where("status = 'recruiting'")
	}
	if status != "" {
		if !slices.Contains([]string{"draft", "recruiting", "paused", "closed"}, status) {
			return page, apperr.FromFields([]apperr.FieldError{{Field: "status", Code: "invalid", Message: "Use draft, recruiting, paused or closed."}})
		}
		q = q.Where("status = ?", status)
	}
	if c != nil {
		q = q.Where("(created_at, id) > (?, ?)", c.At, c.ID)
	}
	var trials []models.Trial
	if err := q.Find(&trials).Error; err != nil {
		return page, err
	}
	if len(trials) > limit {
		trials = trials[:limit]
		last := trials[limit-1]
		page.NextCursor = encodeCursor(last.CreatedAt, last.ID)
	}
	if page.Items, err = s.views(ctx, trials, false); err != nil {
		return page, err
	}
	return page, s.fillAccess(ctx, actor, page.Items)
}

// fillAccess sets CanEdit and SiteIDs of listed trials in two queries.
func (s *TrialService) fillAccess(ctx context.Context, actor Actor, views []TrialView) error {
	db := s.DB.WithContext(ctx)
	switch actor.Role {
	case models.RoleSponsor:
		var u models.User
		if err := db.First(&u, "id = ?", actor.UserID).Error; err != nil {
			return err
		}
		for i := range views {
			views[i].CanEdit = u.OrganisationID != nil && *u.OrganisationID == views[i].Trial.SponsorID
		}
	case models.RoleInvestigator:
		var rows []struct{ TrialID, SiteID uuid.UUID }
		if err := db.Table("site_staff").Select("trial_sites.trial_id, trial_sites.id AS site_id").
			Joins("JOIN trial_sites ON trial_sites.id = site_staff.site_id").Where("site_staff.user_id = ?", actor.UserID).
			Order("trial_sites.created_at, trial_sites.id").Scan(&rows).Error; err != nil {
			return err
		}
		for i := range views {
			for _, r := range rows {
				if r.TrialID == views[i].Trial.ID {
					views[i].SiteIDs = append(views[i].SiteIDs, r.SiteID)
				}
			}
		}
	}
	return nil
}

// allowedTrialMoves is the trial status machine.
var allowedTrialMoves = map[models.TrialStatus][]models.TrialStatus{
	models.TrialDraft:      {models.TrialRecruiting, models.TrialClosed},
	models.TrialRecruiting: {models.TrialPaused, models.TrialClosed},
	models.TrialPaused:     {models.TrialRecruiting, models.TrialClosed},
}

// Update changes a trial's description or status. Recruiting needs at least
// one site and one criterion.
func (s *TrialService) Update(ctx context.Context, actor Actor, id uuid.UUID, in TrialInput) (TrialView, error) {
	fs, err := s.validateTrial(ctx, in, false)
	if err != nil {
		return TrialView{}, err
	}
	if err := fs.Err(); err != nil {
		return TrialView{}, err
	}
	err = s.tx(ctx, func(tx *gorm.DB) error {
		t, err := s.editable(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		updates := map[string]any{"updated_at": s.Now(), "version": gorm.Expr("version + 1")}
		if in.Title != nil {
			updates["title"] = strings.TrimSpace(*in.Title)
		}
		if in.NCTID != nil {
			if *in.NCTID == "" {
				updates["nct_id"] = nil
			} else {
				updates["nct_id"] = *in.NCTID
			}
		}
		if in.Summary != nil {
			updates["summary"] = models.JSONStrings(in.Summary)
		}
		if in.Phases != nil {
			updates["phases"] = models.StringArray(in.Phases)
		}
		if in.TargetEnrollment != nil {
			updates["target_enrollment"] = *in.TargetEnrollment
		}
		if in.Conditions != nil {
			updates["conditions"] = models.StringArray(in.Conditions)
		}
		if in.Status != nil && *in.Status != string(t.Status) {
			to := models.TrialStatus(*in.Status)
			if !slices.Contains(allowedTrialMoves[t.Status], to) {
				return &apperr.Error{Kind: apperr.Conflict, Code: "invalid_status_change",
					Message: fmt.Sprintf("A %s trial cannot become %s.", t.Status, *in.Status),
					Fields:  []apperr.FieldError{{Field: "status", Code: "invalid_status_change", Message: fmt.Sprintf("From %s the trial can become: %v.", t.Status, allowedTrialMoves[t.Status])}}}
			}
			if to == models.TrialRecruiting {
				if err := s.readyToRecruit(tx, t); err != nil {
					return err
				}
			}
			updates["status"] = to
		}
		if err := mapTrialConflict(tx.Model(&models.Trial{}).Where("id = ?", t.ID).Updates(updates).Error); err != nil {
			return err
		}
		if t.Status == models.TrialDraft && in.Status != nil && models.TrialStatus(*in.Status) == models.TrialRecruiting {
			// Announced by the background sender (AnnounceDue): the search
			// runs over the whole registry and must not hold this request.
			return tx.Exec("INSERT INTO trial_announcements (trial_id) VALUES (?) ON CONFLICT DO NOTHING", t.ID).Error
		}
		return nil
	})
	if err != nil {
		return TrialView{}, err
	}
	return s.Get(ctx, actor, id)
}

func (s *TrialService) readyToRecruit(tx *gorm.DB, t models.Trial) error {
	var sites int64
	if err := tx.Model(&models.TrialSite{}).Where("trial_id = ?", t.ID).Count(&sites).Error; err != nil {
		return err
	}
	var fs apperr.Fields
	if sites == 0 {
		fs.Add("status", "no_sites", "Add at least one site before recruiting.")
	}
	if string(t.Criteria) == "[]" || len(t.Criteria) == 0 {
		fs.Add("status", "no_criteria", "Set the eligibility criteria before recruiting.")
	}
	return fs.Err()
}

// PutCriteria validates and stores a trial's criteria as a whole.
func (s *TrialService) PutCriteria(ctx context.Context, actor Actor, id uuid.UUID, raw json.RawMessage) (TrialView, error) {
	criteria, err := s.DecodeCriteria(ctx, raw)
	if err != nil {
		return TrialView{}, err
	}
	canonical, err := json.Marshal(criteria)
	if err != nil {
		return TrialView{}, err
	}
	err = s.tx(ctx, func(tx *gorm.DB) error {
		t, err := s.editable(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		return tx.Model(&models.Trial{}).Where("id = ?", t.ID).Updates(map[string]any{
			"criteria": string(canonical), "updated_at": s.Now(), "version": gorm.Expr("version + 1")}).Error
	})
	if err != nil {
		return TrialView{}, err
	}
	return s.Get(ctx, actor, id)
}

// DecodeCriteria reads criteria JSON against the taxonomy.
func (s *TrialService) DecodeCriteria(ctx context.Context, raw json.RawMessage) ([]eligibility.Criterion, error) {
	tax, err := s.Facts.EngineTaxonomy(ctx)
	if err != nil {
		return nil, err
	}
	return eligibility.DecodeCriteria(raw, tax)
}

type SiteInput struct {
	Name             string
	City             string
	Country          string
	Latitude         *float64
	Longitude        *float64
	TargetEnrollment *int
}

func validateSite(fs *apperr.Fields, prefix string, in SiteInput) {
	if n := len([]rune(strings.TrimSpace(in.Name))); n == 0 || n > 300 {
		fs.Add(prefix+"name", "invalid", "A site name has 1 to 300 characters.")
	}
	v := clinicalValidator{}
	v.country(prefix+"country", in.Country)
	*fs = append(*fs, v.check.Errors...)
	switch {
	case (in.Latitude == nil) != (in.Longitude == nil):
		fs.Add(prefix+"latitude", "required", "Give both latitude and longitude, or neither.")
	case in.Latitude != nil && (*in.Latitude < -90 || *in.Latitude > 90):
		fs.Add(prefix+"latitude", "out_of_range", "Latitude is between -90 and 90.")
	case in.Longitude != nil && (*in.Longitude < -180 || *in.Longitude > 180):
		fs.Add(prefix+"longitude", "out_of_range", "Longitude is between -180 and 180.")
	}
	if in.TargetEnrollment != nil && *in.TargetEnrollment < 0 {
		fs.Add(prefix+"target_enrollment", "out_of_range", "Use a number of 0 or more.")
	}
}

// AddSite adds a site to a trial of the sponsor.
func (s *TrialService) AddSite(ctx context.Context, actor Actor, trialID uuid.UUID, in SiteInput) (models.TrialSite, error) {
	var site models.TrialSite
	var fs apperr.Fields
	validateSite(&fs, "", in)
	if err := fs.Err(); err != nil {
		return site, err
	}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		t, err := s.editable(ctx, tx, actor, trialID)
		if err != nil {
			return err
		}
		site = models.TrialSite{TrialID: t.ID, Name: strings.TrimSpace(in.Name), City: strings.TrimSpace(in.City), Country: in.Country,
			Latitude: in.Latitude, Longitude: in.Longitude, TargetEnrollment: in.TargetEnrollment}
		return tx.Create(&site).Error
	})
	return site, err
}

// AddSiteStaff puts an approved investigator account on a site of the
// sponsor's trial, as principal investigator or coordinator.
func (s *TrialService) AddSiteStaff(ctx context.Context, actor Actor, trialID, siteID uuid.UUID, email string, role models.SiteRole) (SiteStaffView, error) {
	var out SiteStaffView
	var fs apperr.Fields
	if role != models.SitePrincipalInvestigator && role != models.SiteCoordinator {
		fs.Add("role", "invalid", "Use principal_investigator or coordinator.")
	}
	email = NormalizeEmail(email)
	validateEmail(&fs, "email", email)
	if err := fs.Err(); err != nil {
		return out, err
	}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		t, err := s.editable(ctx, tx, actor, trialID)
		if err != nil {
			return err
		}
		var site models.TrialSite
		if err := tx.First(&site, "id = ? AND trial_id = ?", siteID, t.ID).Error; err != nil {
			if isNotFound(err) {
				return apperr.NotFoundf("No such site of this trial.")
			}
			return err
		}
		var u models.User
		err = tx.First(&u, "email = ? AND role = ? AND status = ?", email, models.RoleInvestigator, models.UserActive).Error
		if isNotFound(err) {
			return apperr.FromFields([]apperr.FieldError{{Field: "email", Code: "no_investigator",
				Message: "No approved investigator account has this e-mail; ask them to sign up as an investigator first."}})
		}
		if err != nil {
			return err
		}
		m := models.SiteStaff{SiteID: site.ID, UserID: u.ID, Role: role, AddedBy: &actor.UserID, CreatedAt: s.Now()}
		if err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "site_id"}, {Name: "user_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"role"})}).Create(&m).Error; err != nil {
			return err
		}
		out = SiteStaffView{UserID: u.ID, DisplayName: u.DisplayName, Email: u.Email, Role: role}
		return writeAudit(ctx, tx, actor, AuditSiteStaffAdded, "trial_site", site.ID.String(), models.JSONMap{"user_id": u.ID.String(), "role": string(role)})
	})
	return out, err
}

// AnnounceDue runs one pending announcement, if any: it tells the holders of
// matchable profiles that may fit a trial that has just opened (eligible or
// possibly eligible, contact consent given, invitations not paused) with one
// in-app notification and one e-mail each. It runs in SQL over the facts,
// like the candidate search, and reports whether it did anything.
func (s *TrialService) AnnounceDue(ctx context.Context) (bool, error) {
	did := false
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var job struct{ TrialID uuid.UUID }
		err := tx.Raw(`SELECT trial_id FROM trial_announcements WHERE done_at IS NULL
			ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED`).Scan(&job).Error
		if err != nil || job.TrialID == uuid.Nil {
			return err
		}
		did = true
		var t models.Trial
		if err := tx.First(&t, "id = ?", job.TrialID).Error; err != nil {
			return err
		}
		n, err := s.announce(ctx, tx, t)
		if err != nil {
			return err
		}
		return tx.Exec("UPDATE trial_announcements SET done_at = ?, accounts = ? WHERE trial_id = ?", s.Now(), n, t.ID).Error
	})
	return did, err
}

func (s *TrialService) announce(ctx context.Context, tx *gorm.DB, t models.Trial) (int64, error) {
	if t.Status != models.TrialRecruiting {
		return 0, nil
	}
	criteria, err := s.DecodeCriteria(ctx, t.Criteria)
	if err != nil {
		return 0, err
	}
	var sites []models.TrialSite
	if err := tx.Where("trial_id = ?", t.ID).Find(&sites).Error; err != nil {
		return 0, err
	}
	evalCtx := eligibility.EvalContext{ReferenceDate: models.NewDate(s.Now().UTC())}
	for _, st := range sites {
		evalCtx.Sites = append(evalCtx.Sites, eligibility.Site{Latitude: st.Latitude, Longitude: st.Longitude, Country: st.Country})
	}
	plan, err := eligibility.CompileSQL(criteria, evalCtx)
	if err != nil {
		return 0, err
	}
	candidates, args := plan.CandidatesQuery()
	payload, err := json.Marshal(map[string]string{"trial_id": t.ID.String(), "trial_title": t.Title, "path": "/volunteer/matches"})
	if err != nil {
		return 0, err
	}
	holders := `SELECT DISTINCT u.id, u.email, u.locale FROM (` + candidates + `) AS c
		JOIN volunteers v ON v.id = c.volunteer_id AND NOT v.invitations_paused
		JOIN consents k ON k.volunteer_id = v.id AND k.scope = 'contact' AND k.withdrawn_at IS NULL
		JOIN users u ON u.id = v.account_id AND u.status = 'active'`
	// One search: the accounts go to a temporary table, then to both lists.
	if err := tx.Exec(`CREATE TEMPORARY TABLE announce_to ON COMMIT DROP AS `+holders, args...).Error; err != nil {
		return 0, err
	}
	res := tx.Exec(`INSERT INTO notifications (user_id, kind, payload) SELECT id, ?, ?::jsonb FROM announce_to`, NoteTrialMatches, string(payload))
	if res.Error != nil {
		return 0, res.Error
	}
	err = tx.Exec(`INSERT INTO outbox (kind, recipient_user_id, to_email, locale, payload) SELECT ?, id, email, locale, ?::jsonb FROM announce_to`,
		NoteTrialMatches, string(payload)).Error
	return res.RowsAffected, err
}
