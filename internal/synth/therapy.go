package synth

// regimen is what one therapy line gave: categories, target antigens and
// agents as API.md names them.
type regimen struct {
	categories []string
	targets    []string
	agents     []string
}

func rg(categories, targets []string, agents ...string) regimen {
	if targets == nil {
		targets = []string{}
	}
	return regimen{categories: categories, targets: targets, agents: agents}
}

func cats(c ...string) []string { return c }

// Regimens modelled on current practice (ESMO/NCCN-style sequences).
var (
	chemoAnthracycline = []string{"chemotherapy", "anthracycline"}
	cd19               = []string{"CD19"}
	cd20               = []string{"CD20"}
	bcma               = []string{"BCMA"}

	ballFront     = rg(chemoAnthracycline, nil, "vincristine", "daunorubicin", "prednisolone", "pegaspargase", "methotrexate")
	ballFrontPh   = rg(cats("chemotherapy", "anthracycline", "tki"), nil, "imatinib", "vincristine", "daunorubicin", "dexamethasone")
	ballSalvage   = rg(chemoAnthracycline, nil, "fludarabine", "cytarabine", "idarubicin")
	blinatumomab  = rg(cats("bispecific"), cd19, "blinatumomab")
	inotuzumab    = rg(cats("other"), []string{"CD22"}, "inotuzumab ozogamicin")
	tisagen       = rg(cats("car_t"), cd19, "tisagenlecleucel")
	alloTBI       = rg(cats("allogeneic_sct", "radiotherapy", "chemotherapy"), nil, "total body irradiation", "etoposide")
	tallFront     = rg(chemoAnthracycline, nil, "vincristine", "daunorubicin", "cyclophosphamide", "pegaspargase")
	nelarabine    = rg(cats("chemotherapy"), nil, "nelarabine", "cyclophosphamide", "etoposide")
	amlFront      = rg(chemoAnthracycline, nil, "cytarabine", "daunorubicin")
	amlFrontFLT3  = rg(cats("chemotherapy", "anthracycline", "tki"), nil, "cytarabine", "daunorubicin", "midostaurin")
	amlSalvage    = rg(chemoAnthracycline, nil, "fludarabine", "cytarabine", "idarubicin")
	venAza        = rg(cats("chemotherapy", "other"), nil, "venetoclax", "azacitidine")
	gilteritinib  = rg(cats("tki"), nil, "gilteritinib")
	alloBuFlu     = rg(cats("allogeneic_sct", "chemotherapy"), nil, "busulfan", "fludarabine")
	rchop         = rg(cats("anti_cd20", "chemotherapy", "anthracycline"), cd20, "rituximab", "cyclophosphamide", "doxorubicin", "vincristine", "prednisone")
	polaRCHP      = rg(cats("anti_cd20", "chemotherapy", "anthracycline", "other"), []string{"CD20", "other"}, "polatuzumab vedotin", "rituximab", "cyclophosphamide", "doxorubicin", "prednisone")
	rice          = rg(cats("anti_cd20", "chemotherapy"), cd20, "rituximab", "ifosfamide", "carboplatin", "etoposide")
	rdhapAuto     = rg(cats("anti_cd20", "chemotherapy", "autologous_sct"), cd20, "rituximab", "dexamethasone", "cytarabine", "cisplatin", "carmustine", "melphalan")
	axicel        = rg(cats("car_t"), cd19, "axicabtagene ciloleucel")
	lisocel       = rg(cats("car_t"), cd19, "lisocabtagene maraleucel")
	glofitamab    = rg(cats("bispecific"), cd20, "glofitamab")
	epcoritamab   = rg(cats("bispecific"), cd20, "epcoritamab")
	tafaLen       = rg(cats("other", "immunomodulatory"), cd19, "tafasitamab", "lenalidomide")
	polaBR        = rg(cats("other", "anti_cd20", "chemotherapy"), []string{"CD20", "other"}, "polatuzumab vedotin", "bendamustine", "rituximab")
	loncastuximab = rg(cats("other"), cd19, "loncastuximab tesirine")
	rBenda        = rg(cats("anti_cd20", "chemotherapy"), cd20, "rituximab", "bendamustine")
	r2            = rg(cats("immunomodulatory", "anti_cd20"), cd20, "lenalidomide", "rituximab")
	mosunetuzumab = rg(cats("bispecific"), cd20, "mosunetuzumab")
	ibrutinib     = rg(cats("tki"), nil, "ibrutinib")
	pirtobrutinib = rg(cats("tki"), nil, "pirtobrutinib")
	brexucel      = rg(cats("car_t"), cd19, "brexucabtagene autoleucel")
	vrdAuto       = rg(cats("proteasome_inhibitor", "immunomodulatory", "autologous_sct", "chemotherapy"), nil, "bortezomib", "lenalidomide", "dexamethasone", "melphalan")
	vrd           = rg(cats("proteasome_inhibitor", "immunomodulatory"), nil, "bortezomib", "lenalidomide", "dexamethasone")
	dkd           = rg(cats("anti_cd38", "proteasome_inhibitor"), []string{"CD38"}, "daratumumab", "carfilzomib", "dexamethasone")
	dpd           = rg(cats("anti_cd38", "immunomodulatory"), []string{"CD38"}, "daratumumab", "pomalidomide", "dexamethasone")
	isaPd         = rg(cats("anti_cd38", "immunomodulatory"), []string{"CD38"}, "isatuximab", "pomalidomide", "dexamethasone")
	kpd           = rg(cats("proteasome_inhibitor", "immunomodulatory"), nil, "carfilzomib", "pomalidomide", "dexamethasone")
	teclistamab   = rg(cats("bispecific"), bcma, "teclistamab")
	elranatamab   = rg(cats("bispecific"), bcma, "elranatamab")
	ciltacel      = rg(cats("car_t"), bcma, "ciltacabtagene autoleucel")
	idecel        = rg(cats("car_t"), bcma, "idecabtagene vicleucel")
	talquetamab   = rg(cats("bispecific"), []string{"other"}, "talquetamab")
	selinexor     = rg(cats("other"), nil, "selinexor", "dexamethasone")
	dcep          = rg(cats("chemotherapy"), nil, "dexamethasone", "cyclophosphamide", "etoposide", "cisplatin")
	fcr           = rg(cats("chemotherapy", "anti_cd20"), cd20, "fludarabine", "cyclophosphamide", "rituximab")
	venO          = rg(cats("other", "anti_cd20"), cd20, "venetoclax", "obinutuzumab")
	abvd          = rg(chemoAnthracycline, nil, "doxorubicin", "bleomycin", "vinblastine", "dacarbazine")
	iceAuto       = rg(cats("chemotherapy", "autologous_sct"), nil, "ifosfamide", "carboplatin", "etoposide", "carmustine", "melphalan")
	brentuximab   = rg(cats("other"), []string{"other"}, "brentuximab vedotin")
	nivolumab     = rg(cats("other"), []string{"other"}, "nivolumab")
	solidChemo    = rg(cats("chemotherapy"), nil, "carboplatin", "paclitaxel")
	solidRadio    = rg(cats("radiotherapy"), nil)
	solidOther    = rg(cats("chemotherapy", "other"), []string{"other"}, "bevacizumab", "irinotecan")
	genericChemo  = rg(cats("chemotherapy"), nil, "cyclophosphamide", "cytarabine", "methotrexate")
	hyperCVAD     = rg(chemoAnthracycline, nil, "cyclophosphamide", "vincristine", "doxorubicin", "dexamethasone")
	alloGeneric   = rg(cats("allogeneic_sct", "chemotherapy"), nil, "fludarabine", "melphalan")
)

// regimen picks line k (0-based) of n for a course. philadelphia says a
// B-ALL is Ph-positive (TKI in the first line).
func (g *gen) regimen(course string, k, n int, philadelphia bool) regimen {
	later := func(options ...regimen) regimen { return options[g.r.IntN(len(options))] }
	switch course {
	case "b_all":
		switch {
		case k == 0 && philadelphia:
			return ballFrontPh
		case k == 0:
			return ballFront
		case k == 1:
			return later(ballSalvage, blinatumomab, alloTBI, alloTBI)
		case k == 2:
			return later(inotuzumab, blinatumomab, tisagen, alloTBI)
		}
		return later(tisagen, ballSalvage, inotuzumab, alloTBI)
	case "t_all":
		switch k {
		case 0:
			return tallFront
		case 1:
			return later(nelarabine, alloBuFlu)
		}
		return later(nelarabine, alloBuFlu, genericChemo)
	case "aml":
		switch k {
		case 0:
			return later(amlFront, amlFront, amlFrontFLT3)
		case 1:
			return later(amlSalvage, alloBuFlu)
		}
		return later(venAza, gilteritinib, alloBuFlu, amlSalvage)
	case "aggressive":
		switch k {
		case 0:
			return later(rchop, rchop, rchop, polaRCHP)
		case 1:
			return later(rdhapAuto, rdhapAuto, rice, axicel)
		case 2:
			return later(axicel, lisocel, glofitamab, tafaLen, polaBR)
		}
		return later(epcoritamab, glofitamab, loncastuximab, polaBR, solidRadio)
	case "indolent":
		switch k {
		case 0:
			return later(rBenda, rchop)
		case 1:
			return later(r2, rchop, rBenda)
		case 2:
			return later(mosunetuzumab, r2, axicel)
		}
		return later(mosunetuzumab, axicel, rBenda, tafaLen)
	case "mantle":
		switch k {
		case 0:
			return later(rdhapAuto, rchop, rBenda)
		case 1:
			return ibrutinib
		}
		return later(brexucel, pirtobrutinib, r2, glofitamab)
	case "myeloma":
		switch k {
		case 0:
			return later(vrdAuto, vrdAuto, vrd)
		case 1:
			return later(dkd, dpd, kpd)
		case 2:
			return later(isaPd, kpd, dpd)
		case 3:
			return later(teclistamab, elranatamab, ciltacel, idecel, isaPd)
		}
		return later(talquetamab, selinexor, dcep, teclistamab, ciltacel)
	case "cll":
		switch k {
		case 0:
			return later(ibrutinib, venO, fcr)
		case 1:
			return later(venO, ibrutinib, pirtobrutinib)
		}
		return later(lisocel, pirtobrutinib, fcr)
	case "hodgkin":
		switch k {
		case 0:
			return abvd
		case 1:
			return iceAuto
		case 2:
			return brentuximab
		}
		return later(nivolumab, alloGeneric)
	case "solid":
		return later(solidChemo, solidRadio, solidOther)
	}
	if k == 0 {
		return hyperCVAD
	}
	return later(genericChemo, alloGeneric, rice)
}

// response draws a best response for a line that worked (good), partly
// worked, or failed, on the disease family's scale.
func (g *gen) response(family string, outcome int) string {
	const (
		good = iota
		partial
		failed
	)
	switch family {
	case "leukaemia":
		return [][]string{{"CR", "CR", "CRi"}, {"PR", "CRi"}, {"SD", "PD", "PD"}}[outcome][g.r.IntN([]int{3, 2, 3}[outcome])]
	case "myeloma":
		return [][]string{{"sCR", "CR", "VGPR", "VGPR"}, {"PR", "PR", "MR"}, {"SD", "PD", "PD"}}[outcome][g.r.IntN([]int{4, 3, 3}[outcome])]
	}
	return [][]string{{"CR"}, {"PR"}, {"SD", "PD", "PD"}}[outcome][g.r.IntN([]int{1, 1, 3}[outcome])]
}

// familyOf is the response scale of a diagnosis code.
func familyOf(code, course string) string {
	switch {
	case code == "b_all" || code == "t_all" || code == "aml" || code == "cll":
		return "leukaemia"
	case code == "multiple_myeloma":
		return "myeloma"
	case course == "solid" || course == "healthy" || code == "myelodysplastic_syndrome":
		return ""
	}
	return "lymphoma"
}
