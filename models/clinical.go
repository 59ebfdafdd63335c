package models

// ClinicalProfile is the clinical half of a volunteer profile, exactly the JSON
// of API.md (PUT /volunteers/{id}/clinical). A nil pointer or absent field is
// unknown; an empty (non-nil) slice means "none". Identity (names, contact) is
// kept elsewhere (VolunteerIdentity).
type ClinicalProfile struct {
	DateOfBirth      *Date         `json:"date_of_birth"`
	Sex              *string       `json:"sex"` // female | male
	Country          *string       `json:"country"`
	City             *string       `json:"city"`
	Latitude         *float64      `json:"latitude"`
	Longitude        *float64      `json:"longitude"`
	Travel           *Travel       `json:"travel"`
	HealthyVolunteer *bool         `json:"healthy_volunteer"`
	Diagnoses        []Diagnosis   `json:"diagnoses"`
	TherapyLines     []TherapyLine `json:"therapy_lines"`
	Transplants      []Transplant  `json:"transplants"`
	Performance      *Performance  `json:"performance"`
	ActiveGVHD       *bool         `json:"active_gvhd"`
	AlloSCTEligible  *bool         `json:"allo_sct_eligible"`
	Race             *string       `json:"race"`
	Ethnicity        *string       `json:"ethnicity"`
}

// Travel says how far and where the person will travel. It never changes a
// verdict; matches and candidate cards say whether a site is within reach.
type Travel struct {
	MaxDistanceKm *float64 `json:"max_distance_km"`
	Countries     []string `json:"countries"`
}

type Diagnosis struct {
	ConditionCode string            `json:"condition_code"`
	DiagnosedOn   *Date             `json:"diagnosed_on"`
	Status        *string           `json:"status"` // newly_diagnosed | in_remission | relapsed | refractory | primary_refractory
	RelapseCount  *int              `json:"relapse_count"`
	Relapses      []Relapse         `json:"relapses"`
	Antigens      map[string]string `json:"antigens"`     // CD19 → positive | negative | unknown
	Philadelphia  *string           `json:"philadelphia"` // positive | negative | unknown
	CNSStatus     *string           `json:"cns_status"`   // CNS1 | CNS2 | CNS3
	MRD           *string           `json:"mrd"`          // positive | negative | unknown
}

type Relapse struct {
	Date *Date  `json:"date"`
	Site string `json:"site"` // bone_marrow | cns | testis | other_extramedullary
}

type TherapyLine struct {
	Line                int      `json:"line"`
	StartedOn           *Date    `json:"started_on"`
	EndedOn             *Date    `json:"ended_on"`
	Categories          []string `json:"categories"`
	Targets             []string `json:"targets"`
	Agents              []string `json:"agents"`
	BestResponse        *string  `json:"best_response"` // sCR | CR | CRi | VGPR | PR | MR | SD | PD
	ResponseOn          *Date    `json:"response_on"`
	ProgressedOnTherapy *bool    `json:"progressed_on_therapy"`
	RelapsedOn          *Date    `json:"relapsed_on"`
}

type Transplant struct {
	Type string `json:"type"` // allogeneic | autologous
	Date *Date  `json:"date"`
}

type Performance struct {
	Scale      string  `json:"scale"` // ecog | karnofsky | lansky
	Score      int     `json:"score"`
	AssessedOn *Date   `json:"assessed_on"`
	RatedBy    *string `json:"rated_by"` // self | parent | clinician
}

// Enumerations of the clinical vocabulary (API.md, "Values").
var (
	Sexes             = []string{"female", "male"}
	DiseaseStatuses   = []string{"newly_diagnosed", "in_remission", "relapsed", "refractory", "primary_refractory"}
	RelapseSites      = []string{"bone_marrow", "cns", "testis", "other_extramedullary"}
	AntigenStatuses   = []string{"positive", "negative", "unknown"}
	CNSStatuses       = []string{"CNS1", "CNS2", "CNS3"}
	Responses         = []string{"sCR", "CR", "CRi", "VGPR", "PR", "MR", "SD", "PD"}
	TherapyCategories = []string{"chemotherapy", "anthracycline", "anti_cd20", "bispecific", "car_t", "autologous_sct",
		"allogeneic_sct", "radiotherapy", "tki", "immunomodulatory", "proteasome_inhibitor", "anti_cd38", "other"}
	TherapyTargets    = []string{"CD19", "CD20", "CD22", "BCMA", "CD38", "other"}
	Antigens          = []string{"CD19", "CD20", "CD22", "BCMA", "CD38"}
	PerformanceScales = []string{"ecog", "karnofsky", "lansky"}
	Raters            = []string{"self", "parent", "clinician"}
	TransplantTypes   = []string{"allogeneic", "autologous"}
)
