package eligibility

import (
	"testing"

	"github.com/trialmatch/trialmatch/models"
)

func TestDiseaseStatus(t *testing.T) {
	rr := `{"id":"rr","kind":"disease_status","rule":"include","any_of":["relapsed","refractory","primary_refractory"]}`
	primaryRefractory := `{"id":"pr","kind":"disease_status","rule":"include","any_of":["primary_refractory"]}`
	runOutcomeCases(t, []outcomeCase{
		{"stated", rr, aProfile().diagnosis("b_all", status("relapsed")), Met, "disease_status.match"},
		{"stated, not listed", rr, aProfile().diagnosis("b_all", status("in_remission")), NotMet, "disease_status.no_match"},
		{"the statement wins over the lines", rr, aProfile().diagnosis("b_all", status("in_remission")).line(1, best("PD")), NotMet, ""},
		{"unknown", rr, aProfile().diagnosis("b_all"), Unknown, "disease_status.missing"},
		{"derived: untreated is newly diagnosed", rr, aProfile().diagnosis("b_all").noTherapy(), NotMet, ""},
		{"derived: first line PD", primaryRefractory, aProfile().diagnosis("dlbcl").line(1, best("PD")), Met, ""},
		{"derived: ALL induction without CR", primaryRefractory, aProfile().diagnosis("b_all").line(1, best("PR")), Met, ""},
		{"derived: lymphoma PR is not primary refractory", primaryRefractory, aProfile().
			diagnosis("dlbcl").line(1, best("PR"), progressed(false)), Unknown, ""},
		{"derived: last line refractory", rr, aProfile().diagnosis("dlbcl").line(1, best("CR")).line(2, best("SD")), Met, ""},
		{"derived: last line relapsed", rr, aProfile().diagnosis("b_all").line(1, best("CR"), relapsedOn("2024-01-10")), Met, ""},
		{"derived: CR, nothing more known", rr, aProfile().diagnosis("b_all").line(1, best("CR")), Unknown, ""},
		{"two diagnoses: the later one is primary", rr, aProfile().
			diagnosis("follicular_lymphoma", diagnosedOn("2018-01-01"), status("in_remission")).
			diagnosis("transformed_follicular_lymphoma", diagnosedOn("2024-01-01"), status("refractory")), Met, ""},
		{"two undated diagnoses: no primary", rr, aProfile().
			diagnosis("follicular_lymphoma", status("in_remission")).diagnosis("dlbcl", status("refractory")), Unknown, ""},
	})
}

func TestDerivedStatusNewlyDiagnosed(t *testing.T) {
	f := aProfile().diagnosis("b_all").noTherapy().facts(t)
	if f.DiseaseStatus == nil || *f.DiseaseStatus != "newly_diagnosed" {
		t.Errorf("status %v, want newly_diagnosed", f.DiseaseStatus)
	}
}

func TestRelapseCount(t *testing.T) {
	second := `{"id":"relapses","kind":"relapse_count","rule":"include","min":2}`
	secondMarrow := `{"id":"bm2","kind":"relapse_count","rule":"include","min":2,"site":"bone_marrow"}`
	atMostOne := `{"id":"r","kind":"relapse_count","rule":"include","max":1}`
	runOutcomeCases(t, []outcomeCase{
		{"stated count", second, aProfile().diagnosis("b_all", relapseCount(2)), Met, "relapse_count.in_range"},
		{"stated count below", second, aProfile().diagnosis("b_all", relapseCount(1)), NotMet, "relapse_count.below_min"},
		{"the relapses list is the count", second, aProfile().diagnosis("b_all",
			relapses(relapse("2023-01-01", "bone_marrow"), relapse("2025-01-01", "cns"))), Met, ""},
		{"an empty list is none", atMostOne, aProfile().diagnosis("b_all", relapses()), Met, ""},
		{"lines with relapse dates: at least that many", second, aProfile().diagnosis("b_all").
			line(1, relapsedOn("2023-01-01")).line(2, relapsedOn("2025-01-01")), Met, ""},
		{"lines give no upper bound", atMostOne, aProfile().diagnosis("b_all").line(1, relapsedOn("2023-01-01")), Unknown, "relapse_count.unclear"},
		{"lines beyond max", atMostOne, aProfile().diagnosis("b_all").
			line(1, relapsedOn("2023-01-01")).line(2, relapsedOn("2025-01-01")), NotMet, "relapse_count.above_max"},
		{"nothing known", second, aProfile(), Unknown, "relapse_count.missing"},
		{"second marrow relapse", secondMarrow, aProfile().diagnosis("b_all",
			relapses(relapse("2023-01-01", "bone_marrow"), relapse("2025-01-01", "bone_marrow"))), Met, ""},
		{"one marrow, one CNS", secondMarrow, aProfile().diagnosis("b_all",
			relapses(relapse("2023-01-01", "bone_marrow"), relapse("2025-01-01", "cns"))), NotMet, ""},
		{"three relapses, one listed: marrow count 1 to 3", secondMarrow, aProfile().diagnosis("b_all", relapseCount(3),
			relapses(relapse("2023-01-01", "bone_marrow"))), Unknown, "relapse_count.unclear"},
		{"count without list: any site possible", secondMarrow, aProfile().diagnosis("b_all", relapseCount(2)), Unknown, ""},
		{"count 0 at any site", secondMarrow, aProfile().diagnosis("b_all", relapseCount(0)), NotMet, ""},
	})
}

func TestIsolatedExtramedullaryRelapse(t *testing.T) {
	iemr := `{"id":"iemr","kind":"isolated_extramedullary_relapse","rule":"exclude"}`
	runOutcomeCases(t, []outcomeCase{
		{"latest relapse CNS only", iemr, aProfile().diagnosis("b_all",
			relapses(relapse("2023-01-01", "bone_marrow"), relapse("2025-01-01", "cns"))), Met, "isolated_extramedullary_relapse.present"},
		{"combined marrow and CNS", iemr, aProfile().diagnosis("b_all",
			relapses(relapse("2025-01-01", "bone_marrow"), relapse("2025-01-01", "cns"))), NotMet, "isolated_extramedullary_relapse.absent"},
		{"earlier testis, latest marrow", iemr, aProfile().diagnosis("b_all",
			relapses(relapse("2023-01-01", "testis"), relapse("2025-01-01", "bone_marrow"))), NotMet, ""},
		{"an undated relapse", iemr, aProfile().diagnosis("b_all",
			relapses(relapse("2023-01-01", "cns"), models.Relapse{Site: "bone_marrow"})), Unknown, "isolated_extramedullary_relapse.missing"},
		{"more relapses than listed", iemr, aProfile().diagnosis("b_all", relapseCount(2),
			relapses(relapse("2023-01-01", "cns"))), Unknown, ""},
		{"a later relapse on a line", iemr, aProfile().diagnosis("b_all", relapses(relapse("2023-01-01", "cns"))).
			line(1, relapsedOn("2024-01-01")), Unknown, ""},
		{"no relapse", iemr, aProfile().diagnosis("b_all", relapseCount(0)), NotMet, ""},
	})
}

func TestPrimaryDiseaseFacts(t *testing.T) {
	runOutcomeCases(t, []outcomeCase{
		{"CNS3", `{"id":"cns","kind":"cns_involvement","rule":"exclude","any_of":["CNS3"]}`,
			aProfile().diagnosis("b_all", func(d *models.Diagnosis) { d.CNSStatus = str("CNS3") }), Met, "cns_involvement.match"},
		{"CNS1", `{"id":"cns","kind":"cns_involvement","rule":"exclude","any_of":["CNS3"]}`,
			aProfile().diagnosis("b_all", func(d *models.Diagnosis) { d.CNSStatus = str("CNS1") }), NotMet, ""},
		{"CNS unknown", `{"id":"cns","kind":"cns_involvement","rule":"exclude","any_of":["CNS3"]}`,
			aProfile().diagnosis("b_all"), Unknown, "cns_involvement.missing"},
		{"Ph negative", `{"id":"ph","kind":"philadelphia","rule":"include","any_of":["negative"]}`,
			aProfile().diagnosis("b_all", func(d *models.Diagnosis) { d.Philadelphia = str("negative") }), Met, ""},
		{"Ph recorded as unknown", `{"id":"ph","kind":"philadelphia","rule":"include","any_of":["negative"]}`,
			aProfile().diagnosis("b_all", func(d *models.Diagnosis) { d.Philadelphia = str("unknown") }), Unknown, ""},
	})
}
