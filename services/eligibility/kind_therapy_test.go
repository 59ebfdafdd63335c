package eligibility

import "testing"

func TestPriorLines(t *testing.T) {
	atLeast2 := `{"id":"lines","kind":"prior_lines","rule":"include","min":2,"max":null}`
	runOutcomeCases(t, []outcomeCase{
		{"history unknown", atLeast2, aProfile(), Unknown, "prior_lines.missing"},
		{"no therapy (empty list) is 0 lines", atLeast2, aProfile().noTherapy(), NotMet, "prior_lines.below_min"},
		{"two lines", atLeast2, aProfile().line(1).line(2), Met, "prior_lines.in_range"},
		{"above max", `{"id":"lines","kind":"prior_lines","rule":"include","max":1}`, aProfile().line(1).line(2), NotMet, "prior_lines.above_max"},
		{"0 lines within max", `{"id":"lines","kind":"prior_lines","rule":"include","max":1}`, aProfile().noTherapy(), Met, ""},
	})
}

func TestPriorTherapy(t *testing.T) {
	cd20AndAnthracycline := `{"id":"cd20","kind":"prior_therapy","rule":"include","categories":["anti_cd20","anthracycline"],"match":"all"}`
	cd19 := `{"id":"no-cd19","kind":"prior_therapy","rule":"exclude","targets":["CD19"]}`
	runOutcomeCases(t, []outcomeCase{
		{"both received", cd20AndAnthracycline, aProfile().
			line(1, categories("chemotherapy", "anthracycline", "anti_cd20")), Met, "prior_therapy.received"},
		{"both, over two lines", cd20AndAnthracycline, aProfile().
			line(1, categories("anthracycline")).line(2, categories("anti_cd20")), Met, ""},
		{"one missing", cd20AndAnthracycline, aProfile().line(1, categories("anthracycline")), NotMet, "prior_therapy.not_received"},
		{"a line with no categories", cd20AndAnthracycline, aProfile().
			line(1, categories("anthracycline")).line(2, categories()), NotMet, ""},
		{"a line with categories not given", cd20AndAnthracycline, aProfile().
			line(1, categories("anthracycline")).line(2, func(l *lineT) { l.Categories = nil }), Unknown, "prior_therapy.unclear"},
		{"history unknown", cd20AndAnthracycline, aProfile(), Unknown, "prior_therapy.missing"},
		{"no therapy", cd20AndAnthracycline, aProfile().noTherapy(), NotMet, ""},
		{"CD19 CAR-T received", cd19, aProfile().line(1, categories("car_t"), targets("CD19")), Met, ""},
		{"CD22 CAR-T only", cd19, aProfile().line(1, categories("car_t"), targets("CD22")), NotMet, ""},
		{"CAR-T with an empty target list", cd19, aProfile().line(1, categories("car_t"), targets()), NotMet, ""},
		{"CAR-T, targets not given", cd19, aProfile().line(1, categories("car_t"), func(l *lineT) { l.Targets = nil }), Unknown, ""},
		{"chemotherapy, targets not given: none", cd19, aProfile().
			line(1, categories("chemotherapy", "anthracycline"), func(l *lineT) { l.Targets = nil }), NotMet, ""},
		{"anti-CD20 implies target CD20", `{"id":"t","kind":"prior_therapy","rule":"include","targets":["CD20"]}`,
			aProfile().line(1, categories("anti_cd20"), func(l *lineT) { l.Targets = nil }), Met, ""},
		{"any of", `{"id":"t","kind":"prior_therapy","rule":"include","categories":["tki","car_t"]}`,
			aProfile().line(1, categories("tki")), Met, ""},
	})
}

func TestRefractory(t *testing.T) {
	lastLine := `{"id":"last-line","kind":"refractory","rule":"include","to":"last_line"}`
	double := `{"id":"double","kind":"refractory","rule":"include","categories":["proteasome_inhibitor","immunomodulatory"],"match":"all"}`
	runOutcomeCases(t, []outcomeCase{
		{"stable disease", lastLine, aProfile().line(1, best("CR")).line(2, best("SD")), Met, "refractory.met"},
		{"progressive disease", lastLine, aProfile().line(1, best("PD")), Met, ""},
		{"progressed on therapy", lastLine, aProfile().line(1, best("VGPR"), progressed(true)), Met, ""},
		{"responded, did not progress", lastLine, aProfile().line(1, best("SD")).line(2, best("CR"), progressed(false)), NotMet, "refractory.not_met"},
		{"relapse 30 days after the line: progressed on it", lastLine, aProfile().
			line(1, best("CR"), endedOn("2025-01-01"), relapsedOn("2025-01-31")), Met, ""},
		{"relapse 90 days after the line: not refractory", lastLine, aProfile().
			line(1, best("CR"), endedOn("2025-01-01"), relapsedOn("2025-04-01")), NotMet, ""},
		{"response known, progression unknown", lastLine, aProfile().line(1, best("CR")), Unknown, "refractory.unclear"},
		{"no therapy", lastLine, aProfile().noTherapy(), NotMet, ""},
		{"history unknown", lastLine, aProfile(), Unknown, "refractory.missing"},
		{"double refractory", double, aProfile().
			line(1, categories("proteasome_inhibitor", "immunomodulatory"), best("PD")), Met, ""},
		{"refractory to one, responded to the other", double, aProfile().
			line(1, categories("immunomodulatory"), best("VGPR"), progressed(false)).
			line(2, categories("proteasome_inhibitor"), best("SD")), NotMet, "refractory.not_met"},
		{"response to one unknown", double, aProfile().
			line(1, categories("immunomodulatory")).line(2, categories("proteasome_inhibitor"), best("SD")), Unknown, ""},
		{"never received one", double, aProfile().line(1, categories("proteasome_inhibitor"), best("SD")), NotMet, ""},
	})
}

func TestRemissionDuration(t *testing.T) {
	early := `{"id":"early","kind":"remission_duration","rule":"include","line":1,"max_months":12}`
	late := `{"id":"late","kind":"remission_duration","rule":"include","line":1,"min_months":12}`
	crThenRelapse := func(relapse string) *profileBuilder {
		return aProfile().line(1, best("CR"), respondedOn("2022-04-10"), relapsedOn(relapse))
	}
	runOutcomeCases(t, []outcomeCase{
		{"relapsed after 9 months", early, crThenRelapse("2023-01-10"), Met, "remission_duration.met"},
		{"relapsed after 12 months: not within 12", early, crThenRelapse("2023-04-10"), NotMet, "remission_duration.too_long"},
		{"a day short of 12 months", early, crThenRelapse("2023-04-09"), Met, ""},
		{"at least 12 months", late, crThenRelapse("2023-04-10"), Met, ""},
		{"under 12 months", late, crThenRelapse("2023-04-09"), NotMet, "remission_duration.too_short"},
		{"CRi counts", early, aProfile().line(1, best("CRi"), respondedOn("2022-04-10"), relapsedOn("2023-01-10")), Met, ""},
		{"PR is no remission", early, aProfile().line(1, best("PR"), respondedOn("2022-04-10"), relapsedOn("2023-01-10")),
			NotMet, "remission_duration.no_remission"},
		{"no relapse date", early, aProfile().line(1, best("CR"), respondedOn("2022-04-10")), Unknown, "remission_duration.relapse_unknown"},
		{"response unknown", early, aProfile().line(1, respondedOn("2022-04-10"), relapsedOn("2023-01-10")),
			Unknown, "remission_duration.response_unknown"},
		{"no such line", `{"id":"l2","kind":"remission_duration","rule":"include","line":2,"max_months":12}`,
			crThenRelapse("2023-01-10"), NotMet, "remission_duration.no_line"},
		{"history unknown", early, aProfile(), Unknown, "remission_duration.missing"},
	})
}
