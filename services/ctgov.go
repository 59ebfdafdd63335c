package services

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
)

// ctgovStudy is the part of a ClinicalTrials.gov API v2 study record
// (GET /api/v2/studies/{nctId}) that an import reads.
type ctgovStudy struct {
	ProtocolSection *struct {
		IdentificationModule *struct {
			NCTID         string `json:"nctId"`
			BriefTitle    string `json:"briefTitle"`
			OfficialTitle string `json:"officialTitle"`
		} `json:"identificationModule"`
		StatusModule *struct {
			OverallStatus string `json:"overallStatus"`
		} `json:"statusModule"`
		DescriptionModule *struct {
			BriefSummary string `json:"briefSummary"`
		} `json:"descriptionModule"`
		ConditionsModule *struct {
			Conditions []string `json:"conditions"`
		} `json:"conditionsModule"`
		DesignModule *struct {
			Phases         []string `json:"phases"`
			EnrollmentInfo *struct {
				Count *int `json:"count"`
			} `json:"enrollmentInfo"`
		} `json:"designModule"`
		EligibilityModule *struct {
			EligibilityCriteria string `json:"eligibilityCriteria"`
			HealthyVolunteers   *bool  `json:"healthyVolunteers"`
			Sex                 string `json:"sex"`
			MinimumAge          string `json:"minimumAge"`
			MaximumAge          string `json:"maximumAge"`
		} `json:"eligibilityModule"`
		ContactsLocationsModule *struct {
			Locations []struct {
				Facility string `json:"facility"`
				City     string `json:"city"`
				Country  string `json:"country"`
				GeoPoint *struct {
					Lat *float64 `json:"lat"`
					Lon *float64 `json:"lon"`
				} `json:"geoPoint"`
			} `json:"locations"`
		} `json:"contactsLocationsModule"`
	} `json:"protocolSection"`
}

// ImportResult is the draft trial an import made and what a person should
// look at: conditions no taxonomy node matched, locations left out.
type ImportResult struct {
	Trial    TrialView
	Warnings []apperr.FieldError
}

var (
	ctgovAge    = regexp.MustCompile(`^\s*(\d+)\s+(Year|Month|Week|Day)s?\s*$`)
	ctgovPhases = map[string]string{"EARLY_PHASE1": "early_phase1", "PHASE1": "phase1", "PHASE2": "phase2",
		"PHASE3": "phase3", "PHASE4": "phase4", "NA": "not_applicable"}
	ctgovBullet = regexp.MustCompile(`^\s*(?:[*•\-–]|\d+[.)]|[a-z][.)])\s+`)
)

const (
	pInfo  = "protocolSection.identificationModule"
	pElig  = "protocolSection.eligibilityModule"
	pSites = "protocolSection.contactsLocationsModule.locations"
)

// ImportCTGov turns one study record into a draft trial of the sponsor's
// organisation: identification, status, phases, conditions mapped to the
// taxonomy, the age window, sex, healthy volunteers, the free-text criteria
// as manual criteria, locations as sites and the enrollment as the target.
// A record that cannot be read creates nothing and lists what failed.
func (s *TrialService) ImportCTGov(ctx context.Context, actor Actor, raw []byte) (ImportResult, error) {
	var res ImportResult
	if err := requireRole(actor, models.RoleSponsor); err != nil {
		return res, err
	}
	var st ctgovStudy
	if err := json.Unmarshal(raw, &st); err != nil {
		return res, apperr.FromFields([]apperr.FieldError{{Field: "(record)", Code: "malformed", Message: "Not a ClinicalTrials.gov study record: " + err.Error()}})
	}
	var fs apperr.Fields
	ps := st.ProtocolSection
	if ps == nil || ps.IdentificationModule == nil {
		fs.Add(pInfo, "required", "The record has no protocolSection.identificationModule.")
		return res, fs.Err()
	}
	id := ps.IdentificationModule
	if !nctPattern.MatchString(id.NCTID) {
		fs.Add(pInfo+".nctId", "invalid", "The NCT number must look like NCT01234567.")
	}
	title := strings.TrimSpace(id.BriefTitle)
	if title == "" {
		title = strings.TrimSpace(id.OfficialTitle)
	}
	if title == "" || len([]rune(title)) > 500 {
		fs.Add(pInfo+".briefTitle", "invalid", "The study needs a title of at most 500 characters.")
	}
	t := models.Trial{Title: title, Status: models.TrialDraft, Source: "ctgov", Version: 1, CreatedBy: &actor.UserID,
		Summary: models.JSONStrings{}, Phases: models.StringArray{}, Conditions: models.StringArray{}, UnmappedConditions: models.StringArray{}}
	if id.NCTID != "" {
		nct := id.NCTID
		t.NCTID = &nct
	}
	if ps.StatusModule != nil && ps.StatusModule.OverallStatus != "" {
		status := ps.StatusModule.OverallStatus
		t.RegistryStatus = &status
	}
	if ps.DescriptionModule != nil && ps.DescriptionModule.BriefSummary != "" {
		t.Summary["en"] = truncateRunes(ps.DescriptionModule.BriefSummary, 5000)
	}
	if d := ps.DesignModule; d != nil {
		for i, p := range d.Phases {
			phase, ok := ctgovPhases[p]
			if !ok {
				fs.Add(fmt.Sprintf("protocolSection.designModule.phases[%d]", i), "invalid", "Unknown phase "+strconv.Quote(p)+".")
			}
			t.Phases = append(t.Phases, phase)
		}
		if d.EnrollmentInfo != nil && d.EnrollmentInfo.Count != nil {
			if *d.EnrollmentInfo.Count < 0 {
				fs.Add("protocolSection.designModule.enrollmentInfo.count", "invalid", "The enrollment count is negative.")
			}
			t.TargetEnrollment = d.EnrollmentInfo.Count
		}
	}
	var criteria []map[string]any
	if ps.ConditionsModule != nil {
		for _, name := range ps.ConditionsModule.Conditions {
			code, ok, err := s.Facts.Taxonomy.MatchName(ctx, name)
			if err != nil {
				return res, err
			}
			if ok {
				if !containsString(t.Conditions, code) {
					t.Conditions = append(t.Conditions, code)
				}
			} else {
				t.UnmappedConditions = append(t.UnmappedConditions, name)
				res.Warnings = append(res.Warnings, apperr.FieldError{Field: "protocolSection.conditionsModule.conditions", Code: "unmapped_condition",
					Message: fmt.Sprintf("%q matches no condition of the taxonomy; map it by hand.", name)})
			}
		}
	}
	if len(t.Conditions) > 0 {
		criteria = append(criteria, map[string]any{"id": "ctgov-conditions", "kind": "condition", "rule": "include", "any_of": []string(t.Conditions)})
	}
	if e := ps.EligibilityModule; e != nil {
		age := map[string]any{"id": "ctgov-age", "kind": "age", "rule": "include"}
		for _, b := range []struct{ field, value, key string }{{"minimumAge", e.MinimumAge, "min"}, {"maximumAge", e.MaximumAge, "max"}} {
			if strings.TrimSpace(b.value) == "" {
				continue // absent: an open bound
			}
			m := ctgovAge.FindStringSubmatch(b.value)
			if m == nil {
				fs.Add(pElig+"."+b.field, "invalid", fmt.Sprintf("%q is not an age like \"3 Years\" or \"6 Months\".", b.value))
				continue
			}
			n, _ := strconv.Atoi(m[1])
			age[b.key] = map[string]any{"value": n, "unit": strings.ToLower(m[2]) + "s"}
		}
		if age["min"] != nil || age["max"] != nil {
			criteria = append(criteria, age)
		}
		switch e.Sex {
		case "", "ALL":
		case "FEMALE", "MALE":
			criteria = append(criteria, map[string]any{"id": "ctgov-sex", "kind": "sex", "rule": "include", "any_of": []string{strings.ToLower(e.Sex)}})
		default:
			fs.Add(pElig+".sex", "invalid", "Sex is ALL, FEMALE or MALE.")
		}
		if e.HealthyVolunteers != nil && !*e.HealthyVolunteers {
			criteria = append(criteria, map[string]any{"id": "ctgov-healthy", "kind": "healthy_volunteers", "rule": "exclude"})
		}
		criteria = append(criteria, manualCriteria(e.EligibilityCriteria, 200-len(criteria)-3)...)
	}
	var sites []models.TrialSite
	if cl := ps.ContactsLocationsModule; cl != nil {
		for i, l := range cl.Locations {
			code := countryCode(l.Country)
			field := fmt.Sprintf("%s[%d]", pSites, i)
			if code == "" {
				res.Warnings = append(res.Warnings, apperr.FieldError{Field: field + ".country", Code: "unknown_country", Message: fmt.Sprintf("Country %q is not known; the location was left out.", l.Country)})
				continue
			}
			site := models.TrialSite{Name: truncateRunes(firstNonEmpty(l.Facility, l.City, "Site "+strconv.Itoa(i+1)), 300), City: l.City, Country: code}
			if g := l.GeoPoint; g != nil && g.Lat != nil && g.Lon != nil && *g.Lat >= -90 && *g.Lat <= 90 && *g.Lon >= -180 && *g.Lon <= 180 {
				site.Latitude, site.Longitude = g.Lat, g.Lon
			}
			sites = append(sites, site)
		}
	}
	if err := fs.Err(); err != nil {
		return res, err
	}
	rawCriteria, err := json.Marshal(criteria)
	if err != nil {
		return res, err
	}
	decoded, err := s.DecodeCriteria(ctx, rawCriteria)
	if err != nil {
		return res, err
	}
	if t.Criteria, err = json.Marshal(decoded); err != nil {
		return res, err
	}
	var trialID uuid.UUID
	err = s.tx(ctx, func(tx *gorm.DB) error {
		org, err := s.sponsorOrganisation(ctx, tx, actor)
		if err != nil {
			return err
		}
		t.SponsorID = org.ID
		if err := tx.Create(&t).Error; err != nil {
			return mapTrialConflict(err)
		}
		trialID = t.ID
		now := s.Now()
		for i := range sites {
			// Distinct times keep the record's order of locations.
			sites[i].TrialID, sites[i].CreatedAt = t.ID, now.Add(time.Duration(i)*time.Microsecond)
		}
		if len(sites) > 0 {
			if err := tx.CreateInBatches(&sites, 200).Error; err != nil {
				return err
			}
		}
		return writeAudit(ctx, tx, actor, AuditTrialImported, "trial", t.ID.String(), models.JSONMap{"nct_id": id.NCTID})
	})
	if err != nil {
		return res, err
	}
	res.Trial, err = s.Get(ctx, actor, trialID)
	return res, err
}

// manualCriteria splits ClinicalTrials.gov's free-text eligibility into one
// manual criterion per bullet, include or exclude by section, so a person can
// structure them one by one.
func manualCriteria(text string, limit int) []map[string]any {
	var out []map[string]any
	rule := "include"
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	for sc.Scan() && len(out) < limit {
		line := strings.TrimSpace(sc.Text())
		lower := strings.ToLower(line)
		switch {
		case line == "":
			continue
		case strings.HasPrefix(lower, "inclusion criteria"):
			rule = "include"
			continue
		case strings.HasPrefix(lower, "exclusion criteria"):
			rule = "exclude"
			continue
		}
		item := strings.TrimSpace(ctgovBullet.ReplaceAllString(line, ""))
		item = strings.NewReplacer(`\>`, ">", `\<`, "<", `\*`, "*", `\-`, "-", `\~`, "~").Replace(item)
		if item == "" {
			continue
		}
		out = append(out, map[string]any{"id": fmt.Sprintf("ctgov-%s-%d", rule[:2], len(out)+1), "kind": "manual", "rule": rule, "text": truncateRunes(item, 2000)})
	}
	return out
}

func truncateRunes(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

func firstNonEmpty(xs ...string) string {
	for _, x := range xs {
		if strings.TrimSpace(x) != "" {
			return strings.TrimSpace(x)
		}
	}
	return ""
}

func containsString(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
