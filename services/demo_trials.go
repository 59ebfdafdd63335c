package services

import (
	"context"
	"encoding/json"

	"github.com/trialmatch/trialmatch/models"
)

// demoTrial is a trial of the demo data, modelled on public CAR-T programs
// (the eligibility of ELIANA-like pediatric B-ALL, ZUMA-1/JULIET-like DLBCL
// and KarMMa/CARTITUDE-like myeloma studies), with invented names.
type demoTrial struct {
	title    string
	summary  map[string]string
	phases   []string
	target   int
	conds    []string
	criteria string
	sites    []SiteInput
}

func ptr[T any](v T) *T { return &v }

var demoTrials = []demoTrial{
	{
		title: "CD19 CAR-T cells for children and young adults with relapsed or refractory B-cell ALL",
		summary: map[string]string{
			"en": "Tests whether the child's own immune cells, changed in a laboratory to find the CD19 marker on leukaemia cells, can bring relapsed or hard-to-treat B-cell acute lymphoblastic leukaemia into remission.",
			"tr": "Çocuğun kendi bağışıklık hücrelerinin laboratuvarda lösemi hücrelerindeki CD19 işaretini bulacak şekilde değiştirilerek, tekrarlayan ya da tedaviye dirençli B hücreli akut lenfoblastik lösemiyi remisyona sokup sokamayacağını araştırır.",
			"ru": "Исследование проверяет, могут ли собственные иммунные клетки ребёнка, изменённые в лаборатории для распознавания маркера CD19 на клетках лейкоза, привести к ремиссии рецидивирующего или рефрактерного B-клеточного острого лимфобластного лейкоза.",
			"kk": "Зерттеу баланың зертханада лейкоз жасушаларындағы CD19 белгісін табатындай өзгертілген өз иммундық жасушалары қайталанған немесе емге көнбейтін B-жасушалы жедел лимфобластты лейкозды ремиссияға әкеле ала ма, соны тексереді.",
		},
		phases: []string{"phase1", "phase2"}, target: 60, conds: []string{"b_all"},
		criteria: `[
		  {"id": "age", "kind": "age", "rule": "include", "min": {"value": 3, "unit": "years"}, "max": {"value": 21, "unit": "years"}},
		  {"id": "dx-age", "kind": "age_at_diagnosis", "rule": "include", "max": {"value": 21, "unit": "years"}},
		  {"id": "dx", "kind": "condition", "rule": "include", "any_of": ["b_all"], "antigens": {"CD19": "positive"}},
		  {"id": "rr-b-all", "kind": "any_of", "rule": "include", "criteria": [
		    {"id": "rr-1", "kind": "relapse_count", "min": 2, "site": "bone_marrow"},
		    {"id": "rr-2", "kind": "transplant", "type": "allogeneic", "relapse_after": true, "min_months_since": 6},
		    {"id": "rr-3", "kind": "disease_status", "any_of": ["primary_refractory"]},
		    {"id": "rr-4", "kind": "refractory", "to": "last_line"}
		  ]},
		  {"id": "ps", "kind": "performance", "rule": "include", "karnofsky_min": 50, "lansky_min": 50},
		  {"id": "iemr", "kind": "isolated_extramedullary_relapse", "rule": "exclude"},
		  {"id": "no-cd19", "kind": "prior_therapy", "rule": "exclude", "targets": ["CD19"]},
		  {"id": "cns", "kind": "cns_involvement", "rule": "exclude", "any_of": ["CNS3"]},
		  {"id": "gvhd", "kind": "active_gvhd", "rule": "exclude"},
		  {"id": "organs", "kind": "manual", "rule": "include", "text": "Adequate kidney, liver, heart and lung function at screening"}
		]`,
		sites: []SiteInput{
			{Name: "Hacettepe University Children's Hospital", City: "Ankara", Country: "TR", Latitude: ptr(39.9334), Longitude: ptr(32.8597), TargetEnrollment: ptr(20)},
			{Name: "National Research Center for Maternal and Child Health", City: "Astana", Country: "KZ", Latitude: ptr(51.1801), Longitude: ptr(71.4460), TargetEnrollment: ptr(15)},
			{Name: "Hospital Sant Joan de Déu", City: "Barcelona", Country: "ES", Latitude: ptr(41.3833), Longitude: ptr(2.1000), TargetEnrollment: ptr(15)},
			{Name: "Universitätsklinikum Münster", City: "Münster", Country: "DE", Latitude: ptr(51.9607), Longitude: ptr(7.6261), TargetEnrollment: ptr(10)},
		},
	},
	{
		title: "CD19 CAR-T cells for adults with large B-cell lymphoma after two or more lines of therapy",
		summary: map[string]string{
			"en": "For adults whose large B-cell lymphoma came back or did not respond after at least two treatments, including an anti-CD20 antibody and an anthracycline.",
			"tr": "En az iki tedaviden (anti-CD20 antikor ve antrasiklin dahil) sonra tekrarlayan ya da yanıt vermeyen büyük B hücreli lenfoması olan yetişkinler için.",
			"ru": "Для взрослых, у которых крупноклеточная B-клеточная лимфома вернулась или не ответила как минимум на две линии лечения, включая анти-CD20 антитело и антрациклин.",
			"kk": "Кемінде екі ем желісінен (анти-CD20 антиденесі мен антрациклинді қоса) кейін қайталанған немесе жауап бермеген ірі B-жасушалы лимфомасы бар ересектерге арналған.",
		},
		phases: []string{"phase2"}, target: 120, conds: []string{"dlbcl", "pmbcl", "transformed_follicular_lymphoma", "hgbcl"},
		criteria: `[
		  {"id": "age", "kind": "age", "rule": "include", "min": {"value": 18, "unit": "years"}},
		  {"id": "dx", "kind": "condition", "rule": "include", "any_of": ["dlbcl", "pmbcl", "transformed_follicular_lymphoma", "hgbcl"]},
		  {"id": "lines", "kind": "prior_lines", "rule": "include", "min": 2},
		  {"id": "exposed", "kind": "prior_therapy", "rule": "include", "categories": ["anti_cd20", "anthracycline"], "match": "all"},
		  {"id": "rr", "kind": "any_of", "rule": "include", "criteria": [
		    {"id": "rr-last", "kind": "refractory", "to": "last_line"},
		    {"id": "rr-auto", "kind": "transplant", "type": "autologous", "relapse_after": true, "relapse_within_months": 12},
		    {"id": "rr-status", "kind": "disease_status", "any_of": ["relapsed", "refractory", "primary_refractory"]}
		  ]},
		  {"id": "ps", "kind": "performance", "rule": "include", "ecog_max": 1},
		  {"id": "no-cart", "kind": "prior_therapy", "rule": "exclude", "categories": ["car_t"]},
		  {"id": "cns", "kind": "cns_involvement", "rule": "exclude", "any_of": ["CNS3"]},
		  {"id": "organs", "kind": "manual", "rule": "include", "text": "Adequate bone marrow, kidney, liver and heart function"}
		]`,
		sites: []SiteInput{
			{Name: "Ankara University Cebeci Hospital", City: "Ankara", Country: "TR", Latitude: ptr(39.9366), Longitude: ptr(32.8828), TargetEnrollment: ptr(30)},
			{Name: "Istanbul University Oncology Institute", City: "Istanbul", Country: "TR", Latitude: ptr(41.0136), Longitude: ptr(28.9550), TargetEnrollment: ptr(30)},
			{Name: "Universitätsklinikum Heidelberg", City: "Heidelberg", Country: "DE", Latitude: ptr(49.4077), Longitude: ptr(8.6908), TargetEnrollment: ptr(30)},
			{Name: "Hospital Clínic de Barcelona", City: "Barcelona", Country: "ES", Latitude: ptr(41.3888), Longitude: ptr(2.1590), TargetEnrollment: ptr(30)},
		},
	},
	{
		title: "BCMA CAR-T cells for relapsed and refractory multiple myeloma after three lines",
		summary: map[string]string{
			"en": "For adults with multiple myeloma that came back after at least three treatments, including an immunomodulatory drug, a proteasome inhibitor and an anti-CD38 antibody.",
			"tr": "İmmünomodülatör ilaç, proteazom inhibitörü ve anti-CD38 antikor dahil en az üç tedaviden sonra tekrarlayan multipl miyelomu olan yetişkinler için.",
			"ru": "Для взрослых с множественной миеломой, вернувшейся после как минимум трёх линий лечения, включая иммуномодулирующий препарат, ингибитор протеасом и анти-CD38 антитело.",
			"kk": "Иммуномодуляциялаушы дәріні, протеасома тежегішін және анти-CD38 антиденесін қоса алғанда кемінде үш ем желісінен кейін қайталанған көптік миеломасы бар ересектерге арналған.",
		},
		phases: []string{"phase2"}, target: 80, conds: []string{"multiple_myeloma"},
		criteria: `[
		  {"id": "age", "kind": "age", "rule": "include", "min": {"value": 18, "unit": "years"}},
		  {"id": "dx", "kind": "condition", "rule": "include", "any_of": ["multiple_myeloma"]},
		  {"id": "lines", "kind": "prior_lines", "rule": "include", "min": 3},
		  {"id": "triple", "kind": "prior_therapy", "rule": "include", "categories": ["immunomodulatory", "proteasome_inhibitor", "anti_cd38"], "match": "all"},
		  {"id": "last-line", "kind": "refractory", "rule": "include", "to": "last_line"},
		  {"id": "ps", "kind": "performance", "rule": "include", "ecog_max": 1},
		  {"id": "no-bcma", "kind": "prior_therapy", "rule": "exclude", "targets": ["BCMA"]},
		  {"id": "organs", "kind": "manual", "rule": "include", "text": "Measurable disease and adequate organ function at screening"}
		]`,
		sites: []SiteInput{
			{Name: "Kazakh Institute of Oncology and Radiology", City: "Almaty", Country: "KZ", Latitude: ptr(43.2220), Longitude: ptr(76.8512), TargetEnrollment: ptr(20)},
			{Name: "Ege University Hospital", City: "İzmir", Country: "TR", Latitude: ptr(38.4561), Longitude: ptr(27.2260), TargetEnrollment: ptr(20)},
			{Name: "Hospital Universitario de Salamanca", City: "Salamanca", Country: "ES", Latitude: ptr(40.9701), Longitude: ptr(-5.6635), TargetEnrollment: ptr(20)},
			{Name: "Universitätsklinikum Würzburg", City: "Würzburg", Country: "DE", Latitude: ptr(49.7913), Longitude: ptr(9.9534), TargetEnrollment: ptr(20)},
		},
	},
}

// loadDemoTrials creates the demo trials once, owned by the demo sponsor,
// recruiting, with the demo investigator on every site.
func (s *DemoService) loadDemoTrials(ctx context.Context, trials *TrialService, sponsor, investigator models.User) error {
	actor := Actor{UserID: sponsor.ID, Role: sponsor.Role}
	for _, d := range demoTrials {
		var n int64
		if err := s.DB.WithContext(ctx).Model(&models.Trial{}).Where("title = ?", d.title).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		target := d.target
		title := d.title
		v, err := trials.Create(ctx, actor, TrialInput{Title: &title, Summary: d.summary, Phases: d.phases, TargetEnrollment: &target, Conditions: d.conds})
		if err != nil {
			return err
		}
		for _, site := range d.sites {
			st, err := trials.AddSite(ctx, actor, v.Trial.ID, site)
			if err != nil {
				return err
			}
			if _, err := trials.AddSiteStaff(ctx, actor, v.Trial.ID, st.ID, investigator.Email, models.SitePrincipalInvestigator); err != nil {
				return err
			}
		}
		if _, err := trials.PutCriteria(ctx, actor, v.Trial.ID, json.RawMessage(d.criteria)); err != nil {
			return err
		}
		recruiting := string(models.TrialRecruiting)
		if _, err := trials.Update(ctx, actor, v.Trial.ID, TrialInput{Status: &recruiting}); err != nil {
			return err
		}
	}
	return nil
}
