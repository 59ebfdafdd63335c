package eligibility

import "github.com/trialmatch/trialmatch/models"

// Facts are what the criteria read about one volunteer. Derive computes them
// from a clinical profile and nothing else does. A nil pointer, slice or map
// is unknown; false, 0 and an empty slice are known values. Each field maps
// to one column of volunteer_facts (FactsRow), so the Go evaluator and the SQL
// compiler read exactly the same data. Facts hold dates, not durations: ages
// and "months since" are judged on the reference date at evaluation time.
type Facts struct {
	DateOfBirth      *models.Date
	Sex              *string // female | male
	Country          *string // ISO 3166-1 alpha-2, upper case
	Latitude         *float64
	Longitude        *float64
	HealthyVolunteer *bool

	// Diagnoses: every diagnosis of the profile.
	Diagnoses        []DiagnosisFacts
	ConditionCodes   []string // the diagnosis codes (sorted, distinct)
	ConditionLineage []string // the codes and all their ancestors (sorted, distinct)
	PrimaryCondition *string  // the code of the primary diagnosis
	FirstDiagnosedOn *models.Date

	// Disease facts of the primary diagnosis (the disease being treated now).
	DiseaseStatus *string
	// The relapse count is known as a range: at least RelapseCountMin, at most
	// RelapseCountMax (nil: no upper bound known).
	RelapseCountMin int
	RelapseCountMax *int
	// RelapseSites has one entry per listed relapse with a known site; the
	// other RelapseCountMax-len(RelapseSites) relapses have unknown sites.
	RelapseSites []string
	// RelapseDates are the known relapse dates (sorted, distinct);
	// RelapseDatesComplete says that every relapse is among them.
	RelapseDates                  []models.Date
	RelapseDatesComplete          bool
	IsolatedExtramedullaryRelapse *bool
	Antigens                      map[string]string // positive | negative only
	Philadelphia                  *string           // positive | negative
	CNSStatus                     *string           // CNS1 | CNS2 | CNS3
	MRD                           *string           // positive | negative

	// Therapy history. PriorCategories / PriorTargets are the categories and
	// target antigens received; Complete says no line has them unknown.
	PriorLines              *int
	PriorCategories         []string
	PriorCategoriesComplete bool
	PriorTargets            []string
	PriorTargetsComplete    bool
	PriorCART               *bool
	RefractoryToLastLine    *bool
	// RefractoryCategories: categories of which some line was refractory;
	// RefractoryUnknownCategories: the others that may have been (a line
	// with an unknown response or unknown categories). Both nil: no history.
	RefractoryCategories        []string
	RefractoryUnknownCategories []string
	LineRemissions              map[int]LineRemission // by line number

	AlloSCT         TransplantFacts
	AutoSCT         TransplantFacts
	ActiveGVHD      *bool
	AlloSCTEligible *bool

	Performance *PerformanceFacts
}

// DiagnosisFacts is one diagnosis as the condition criterion reads it.
type DiagnosisFacts struct {
	Code     string            `json:"code"`
	Lineage  []string          `json:"lineage"`            // code, then its ancestors
	Antigens map[string]string `json:"antigens,omitempty"` // positive | negative only
}

// LineRemission is what remission_duration reads about one therapy line.
type LineRemission struct {
	ReachedCR       *bool `json:"reached_cr,omitempty"`       // best response sCR, CR or CRi
	RemissionMonths *int  `json:"remission_months,omitempty"` // completed months response_on → relapsed_on
}

// TransplantFacts describe the transplants of one type (allogeneic or
// autologous). LastOn is the latest one's date; RelapseAfter says whether a
// relapse is dated after it and RelapseMonths is the completed months from it
// to the first such relapse.
type TransplantFacts struct {
	Had           *bool
	LastOn        *models.Date
	RelapseAfter  *bool
	RelapseMonths *int
}

// PerformanceFacts is a valid performance score with its common-scale
// equivalents: the ECOG grade (exact for every scale) and the Karnofsky
// interval (a single value for Karnofsky and Lansky, whose scores are read
// as Karnofsky).
type PerformanceFacts struct {
	Scale         string // ecog | karnofsky | lansky
	Score         int
	ECOG          int
	KarnofskyLow  int
	KarnofskyHigh int
}

func (f *Facts) transplant(typ string) TransplantFacts {
	if typ == "allogeneic" {
		return f.AlloSCT
	}
	return f.AutoSCT
}
