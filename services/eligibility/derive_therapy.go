package eligibility

import (
	"slices"

	"github.com/trialmatch/trialmatch/models"
)

// therapyHistory is the profile's therapy lines ordered by line number.
// known is false when therapy_lines is absent (unknown), true when it is a
// list, possibly empty (no therapy).
type therapyHistory struct {
	known      bool
	lines      []models.TherapyLine
	duplicates map[int]bool // line numbers given more than once
}

func orderLines(lines []models.TherapyLine) therapyHistory {
	h := therapyHistory{known: lines != nil, lines: slices.Clone(lines), duplicates: map[int]bool{}}
	slices.SortStableFunc(h.lines, func(a, b models.TherapyLine) int { return a.Line - b.Line })
	for i := 1; i < len(h.lines); i++ {
		if h.lines[i].Line == h.lines[i-1].Line {
			h.duplicates[h.lines[i].Line] = true
		}
	}
	return h
}

// firstAndLast returns the lines with the lowest and highest numbers; not ok
// when there are none or either number is given twice.
func (h therapyHistory) firstAndLast() (first, last models.TherapyLine, ok bool) {
	if len(h.lines) == 0 {
		return first, last, false
	}
	first, last = h.lines[0], h.lines[len(h.lines)-1]
	return first, last, !h.duplicates[first.Line] && !h.duplicates[last.Line]
}

// response is the line's best response if it is a valid one, else "".
func response(l models.TherapyLine) string {
	if r := enumValue(l.BestResponse, models.Responses); r != nil {
		return *r
	}
	return ""
}

func reachedCR(r string) bool { return r == "sCR" || r == "CR" || r == "CRi" }

// progressedOnTherapy: the line's own answer; when absent, a relapse dated
// before the end of the line or within 60 days of it (the definition of
// progressed_on_therapy) proves it, a later one disproves it.
func progressedOnTherapy(l models.TherapyLine) tri {
	if l.ProgressedOnTherapy != nil {
		return triOf(*l.ProgressedOnTherapy)
	}
	if l.RelapsedOn != nil && l.EndedOn != nil {
		return triOf(DaysBetween(*l.EndedOn, *l.RelapsedOn) <= 60)
	}
	return maybe
}

// lineRefractory: best response SD or PD, or progressed on therapy.
func lineRefractory(l models.TherapyLine) tri {
	stable := maybe
	if r := response(l); r != "" {
		stable = triOf(r == "SD" || r == "PD")
	}
	return or(stable, progressedOnTherapy(l))
}

// untargetedCategories never carry a target antigen: a line made only of
// these has no targets even when its targets are not given.
var untargetedCategories = []string{"chemotherapy", "anthracycline", "radiotherapy", "autologous_sct",
	"allogeneic_sct", "tki", "immunomodulatory", "proteasome_inhibitor"}

// impliedTargets are the targets that a category names by itself.
var impliedTargets = map[string]string{"anti_cd20": "CD20", "anti_cd38": "CD38"}

func deriveTherapy(f *Facts, h therapyHistory) {
	if !h.known {
		return
	}
	f.PriorLines = ptr(len(h.lines))
	f.PriorCategories, f.PriorTargets = []string{}, []string{}
	f.PriorCategoriesComplete, f.PriorTargetsComplete = true, true
	for _, l := range h.lines {
		cats, catsKnown := lineCategories(l)
		f.PriorCategories = append(f.PriorCategories, cats...)
		f.PriorCategoriesComplete = f.PriorCategoriesComplete && catsKnown
		targets, targetsKnown := lineTargets(l, cats, catsKnown)
		f.PriorTargets = append(f.PriorTargets, targets...)
		f.PriorTargetsComplete = f.PriorTargetsComplete && targetsKnown
	}
	f.PriorCategories = sortedDistinct(f.PriorCategories)
	f.PriorTargets = sortedDistinct(f.PriorTargets)
	f.PriorCART = received(f.PriorCategories, f.PriorCategoriesComplete, "car_t").ptr()

	if _, last, ok := h.firstAndLast(); ok {
		f.RefractoryToLastLine = lineRefractory(last).ptr()
	} else if len(h.lines) == 0 {
		f.RefractoryToLastLine = ptr(false)
	}

	f.RefractoryCategories, f.RefractoryUnknownCategories = []string{}, []string{}
	for _, category := range models.TherapyCategories {
		refractory := no
		for _, l := range h.lines {
			refractory = or(refractory, and(lineHasCategory(l, category), lineRefractory(l)))
		}
		switch refractory {
		case yes:
			f.RefractoryCategories = append(f.RefractoryCategories, category)
		case maybe:
			f.RefractoryUnknownCategories = append(f.RefractoryUnknownCategories, category)
		}
	}

	f.LineRemissions = map[int]LineRemission{}
	for _, l := range h.lines {
		if h.duplicates[l.Line] {
			f.LineRemissions[l.Line] = LineRemission{} // which one? unknown
			continue
		}
		var r LineRemission
		if best := response(l); best != "" {
			r.ReachedCR = ptr(reachedCR(best))
		}
		if l.ResponseOn != nil && l.RelapsedOn != nil {
			r.RemissionMonths = ptr(CompletedMonths(*l.ResponseOn, *l.RelapsedOn))
		}
		f.LineRemissions[l.Line] = r
	}
}

// lineCategories returns the line's valid categories and whether they are
// all known (categories given and every one valid).
func lineCategories(l models.TherapyLine) (cats []string, known bool) {
	if l.Categories == nil {
		return nil, false
	}
	known = true
	for _, c := range l.Categories {
		if slices.Contains(models.TherapyCategories, c) {
			cats = append(cats, c)
		} else {
			known = false
		}
	}
	return cats, known
}

// lineTargets returns the line's targets (given, plus those its categories
// imply) and whether they are all known: given, or implied to be none by
// categories that are all untargeted.
func lineTargets(l models.TherapyLine, cats []string, catsKnown bool) (targets []string, known bool) {
	for _, c := range cats {
		if t, ok := impliedTargets[c]; ok {
			targets = append(targets, t)
		}
	}
	if l.Targets == nil {
		allUntargeted := catsKnown
		for _, c := range cats {
			allUntargeted = allUntargeted && slices.Contains(untargetedCategories, c)
		}
		return targets, allUntargeted
	}
	known = true
	for _, t := range l.Targets {
		if slices.Contains(models.TherapyTargets, t) {
			targets = append(targets, t)
		} else {
			known = false
		}
	}
	return targets, known
}

func lineHasCategory(l models.TherapyLine, category string) tri {
	cats, known := lineCategories(l)
	switch {
	case slices.Contains(cats, category):
		return yes
	case known:
		return no
	}
	return maybe
}

// received: an item of a history set (categories or targets) is received if
// listed; not received if the set is complete; else unknown. A nil set is an
// unknown history.
func received(set []string, complete bool, item string) tri {
	switch {
	case set == nil:
		return maybe
	case slices.Contains(set, item):
		return yes
	case complete:
		return no
	}
	return maybe
}

// transplantFacts derives the facts about transplants of one type from the
// transplants list, and from therapy lines of the matching category (which
// prove a transplant but not its date).
func transplantFacts(f *Facts, transplants []models.Transplant, h therapyHistory, typ, category string) TransplantFacts {
	var t TransplantFacts
	var dates []models.Date
	allDated, count := true, 0
	for _, tr := range transplants {
		if tr.Type != typ {
			continue
		}
		count++
		if tr.Date == nil {
			allDated = false
		} else {
			dates = append(dates, *tr.Date)
		}
	}
	inLines := no
	for _, l := range h.lines {
		inLines = or(inLines, lineHasCategory(l, category))
	}
	switch {
	case count > 0 || inLines == yes:
		t.Had = ptr(true)
	case transplants != nil:
		t.Had = ptr(false)
	}
	if count > 0 && allDated {
		t.LastOn = ptr(slices.MaxFunc(dates, func(a, b models.Date) int { return a.Time().Compare(b.Time()) }))
	}

	switch {
	case f.RelapseDatesComplete && len(f.RelapseDates) == 0:
		t.RelapseAfter = ptr(false) // no relapse at all
	case t.LastOn != nil:
		for _, d := range f.RelapseDates { // sorted: the first one after is the earliest
			if d.After(*t.LastOn) {
				t.RelapseAfter = ptr(true)
				t.RelapseMonths = ptr(CompletedMonths(*t.LastOn, d))
				break
			}
		}
		if t.RelapseAfter == nil && f.RelapseDatesComplete {
			t.RelapseAfter = ptr(false)
		}
	}
	return t
}
