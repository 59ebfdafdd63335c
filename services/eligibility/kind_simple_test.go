package eligibility

import "testing"

func TestSimpleKinds(t *testing.T) {
	hv := `{"id":"hv","kind":"healthy_volunteers","rule":"include"}`
	noDonor := `{"id":"no-donor","kind":"transplant_eligibility","rule":"include","eligible":false}`
	runOutcomeCases(t, []outcomeCase{
		{"sex listed", `{"id":"sex","kind":"sex","rule":"include","any_of":["female"]}`, aProfile().sex("female"), Met, "sex.match"},
		{"sex not listed", `{"id":"sex","kind":"sex","rule":"include","any_of":["female"]}`, aProfile().sex("male"), NotMet, "sex.no_match"},
		{"sex unknown", `{"id":"sex","kind":"sex","rule":"include","any_of":["female","male"]}`, aProfile(), Unknown, "sex.missing"},
		{"healthy volunteer stated", hv, aProfile().edit(func(p *profileT) { p.HealthyVolunteer = flag(true) }), Met, "healthy_volunteers.present"},
		{"a disease is no healthy volunteer", hv, aProfile().diagnosis("b_all"), NotMet, "healthy_volunteers.absent"},
		{"diagnosis healthy_volunteer", hv, aProfile().diagnosis("healthy_volunteer"), Met, ""},
		{"nothing known", hv, aProfile(), Unknown, "healthy_volunteers.missing"},
		{"no donor required, none", noDonor, aProfile().edit(func(p *profileT) { p.AlloSCTEligible = flag(false) }), Met, "transplant_eligibility.match"},
		{"no donor required, has one", noDonor, aProfile().edit(func(p *profileT) { p.AlloSCTEligible = flag(true) }), NotMet, "transplant_eligibility.no_match"},
		{"candidacy unknown", noDonor, aProfile(), Unknown, "transplant_eligibility.missing"},
		{"manual is always unknown", `{"id":"organs","kind":"manual","rule":"include","text":"Adequate organ function"}`,
			aProfile().born("2010-01-01"), Unknown, "manual.review"},
	})
}

func TestLocation(t *testing.T) {
	ankara := aProfile().livesAt("TR", 39.93, 32.86)
	istanbulSite := []Site{{Latitude: km(41.01), Longitude: km(28.98), Country: "TR"}} // about 350 km from Ankara
	cases := []struct {
		name      string
		criterion string
		profile   *profileBuilder
		sites     []Site
		want      Outcome
		reason    string
	}{
		{"country listed", `{"id":"where","kind":"location","rule":"include","countries":["TR","KZ"]}`, ankara, nil, Met, "location.met"},
		{"country not listed", `{"id":"where","kind":"location","rule":"include","countries":["DE"]}`, ankara, nil, NotMet, "location.country_not_listed"},
		{"country unknown", `{"id":"where","kind":"location","rule":"include","countries":["DE"]}`, aProfile(), nil, Unknown, "location.country_missing"},
		{"within 500 km of a site", `{"id":"near","kind":"location","rule":"include","max_distance_km":500}`, ankara, istanbulSite, Met, ""},
		{"not within 200 km", `{"id":"near","kind":"location","rule":"include","max_distance_km":200}`, ankara, istanbulSite, NotMet, "location.too_far"},
		{"no coordinates", `{"id":"near","kind":"location","rule":"include","max_distance_km":500}`, aProfile(), istanbulSite, Unknown, "location.coordinates_missing"},
		{"no site with coordinates", `{"id":"near","kind":"location","rule":"include","max_distance_km":500}`, ankara,
			[]Site{{Country: "TR"}}, Unknown, "location.no_site_coordinates"},
		{"both: country and distance", `{"id":"both","kind":"location","rule":"include","countries":["DE"],"max_distance_km":500}`,
			ankara, istanbulSite, NotMet, "location.country_not_listed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := EvalContext{ReferenceDate: refDate, Sites: tc.sites}
			got := Evaluate([]Criterion{decodeOne(t, tc.criterion)}, tc.profile.facts(t), ctx).Criteria[0]
			if got.Outcome != tc.want || (tc.reason != "" && got.Reason.Code != tc.reason) {
				t.Errorf("got %s (%s %v), want %s (%s)", got.Outcome, got.Reason.Code, got.Reason.Params, tc.want, tc.reason)
			}
		})
	}
	if d := DistanceKm(39.93, 32.86, 41.01, 28.98); d < 340 || d > 360 {
		t.Errorf("Ankara–Istanbul %v km", d)
	}
}
