package eligibility

import "testing"

// The reference date is 2026-11-15.
func TestTransplant(t *testing.T) {
	recentAllo := `{"id":"allo","kind":"transplant","rule":"exclude","type":"allogeneic","within_months":6}`
	sixMonthsAgo := `{"id":"allo6","kind":"transplant","rule":"include","type":"allogeneic","min_months_since":6}`
	anyAllo := `{"id":"allo","kind":"transplant","rule":"exclude","type":"allogeneic"}`
	runOutcomeCases(t, []outcomeCase{
		{"5 months ago is within 6", recentAllo, aProfile().transplant("allogeneic", day("2026-05-16")), Met, "transplant.met"},
		{"exactly 6 months ago is not within 6", recentAllo, aProfile().transplant("allogeneic", day("2026-05-15")), NotMet, "transplant.too_long_ago"},
		{"the latest transplant counts", recentAllo, aProfile().
			transplant("allogeneic", day("2020-01-01")).transplant("allogeneic", day("2026-09-01")), Met, ""},
		{"exactly 6 months ago is at least 6", sixMonthsAgo, aProfile().transplant("allogeneic", day("2026-05-15")), Met, ""},
		{"a day short of 6 months", sixMonthsAgo, aProfile().transplant("allogeneic", day("2026-05-16")), NotMet, "transplant.too_recent"},
		{"transplants unknown", anyAllo, aProfile(), Unknown, "transplant.missing"},
		{"no transplants", anyAllo, aProfile().noTransplants(), NotMet, "transplant.none"},
		{"autologous only", anyAllo, aProfile().transplant("autologous", day("2024-01-01")), NotMet, "transplant.none"},
		{"undated: had one", anyAllo, aProfile().transplant("allogeneic", nil), Met, ""},
		{"undated: when is unknown", recentAllo, aProfile().transplant("allogeneic", nil), Unknown, "transplant.date_missing"},
		{"a therapy line of allogeneic SCT proves one", anyAllo, aProfile().line(1, categories("allogeneic_sct")), Met, ""},
	})
}

func TestTransplantRelapse(t *testing.T) {
	postAllo := `{"id":"post-allo","kind":"transplant","rule":"include","type":"allogeneic","relapse_after":true,"min_months_since":6}`
	postAuto := `{"id":"post-auto","kind":"transplant","rule":"include","type":"autologous","relapse_after":true,"relapse_within_months":12}`
	allo := func(relapseDates ...string) *profileBuilder {
		var rs []relapseT
		for _, d := range relapseDates {
			rs = append(rs, relapse(d, "bone_marrow"))
		}
		return aProfile().diagnosis("b_all", relapses(rs...)).transplant("allogeneic", day("2024-06-01"))
	}
	auto := func(relapseDate string, complete bool) *profileBuilder {
		count := 1
		if !complete {
			count = 2 // one relapse is not listed: it might have come earlier
		}
		return aProfile().diagnosis("dlbcl", relapseCount(count), relapses(relapse(relapseDate, "other_extramedullary"))).
			transplant("autologous", day("2024-06-01"))
	}
	runOutcomeCases(t, []outcomeCase{
		{"relapse after the transplant", postAllo, allo("2022-01-01", "2026-09-10"), Met, "transplant.met"},
		{"relapses only before", postAllo, allo("2022-01-01"), NotMet, "transplant.no_relapse_after"},
		{"no relapse at all", postAllo, aProfile().diagnosis("b_all", relapseCount(0)).transplant("allogeneic", nil), NotMet, ""},
		{"an unlisted relapse", postAllo, aProfile().diagnosis("b_all", relapseCount(2), relapses(relapse("2022-01-01", "cns"))).
			transplant("allogeneic", day("2024-06-01")), Unknown, "transplant.relapse_unknown"},
		{"relapse 11 months after", postAuto, auto("2025-05-31", true), Met, ""},
		{"relapse 12 months after", postAuto, auto("2025-06-01", true), NotMet, "transplant.relapse_too_late"},
		{"relapse 12 months after, another unlisted", postAuto, auto("2025-06-01", false), Unknown, "transplant.relapse_unknown"},
		{"relapse 11 months after, another unlisted", postAuto, auto("2025-05-31", false), Met, ""},
	})
}

func TestActiveGVHD(t *testing.T) {
	gvhd := `{"id":"gvhd","kind":"active_gvhd","rule":"exclude"}`
	runOutcomeCases(t, []outcomeCase{
		{"stated", gvhd, aProfile().edit(func(p *profileT) { p.ActiveGVHD = flag(true) }), Met, "active_gvhd.present"},
		{"stated absent", gvhd, aProfile().edit(func(p *profileT) { p.ActiveGVHD = flag(false) }), NotMet, "active_gvhd.absent"},
		{"no allogeneic transplant: no GVHD", gvhd, aProfile().noTransplants(), NotMet, ""},
		{"after an allogeneic transplant: unknown", gvhd, aProfile().transplant("allogeneic", day("2025-01-01")), Unknown, "active_gvhd.missing"},
	})
}
