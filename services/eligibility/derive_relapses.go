package eligibility

import (
	"slices"

	"github.com/trialmatch/trialmatch/models"
)

// deriveRelapses computes the relapse facts of the primary diagnosis from its
// relapse_count and relapses list, and from the therapy lines' relapsed_on.
//
//   - An explicit relapse_count is the count, unless the listed relapses or
//     the lines show more (contradictory data: at least that many, no upper
//     bound).
//   - Else a relapses list is the complete list (an empty list: none),
//     unless the lines show more relapses.
//   - Else the lines with relapsed_on give a lower bound only.
func deriveRelapses(f *Facts, primary *models.Diagnosis, h therapyHistory) {
	var listed []models.Relapse
	var explicit *int
	if primary != nil {
		listed = primary.Relapses
		if primary.RelapseCount != nil && *primary.RelapseCount >= 0 {
			explicit = primary.RelapseCount
		}
	}
	lineRelapses := 0
	for _, l := range h.lines {
		if l.RelapsedOn != nil {
			lineRelapses++
		}
	}
	evidence := max(len(listed), lineRelapses)
	f.RelapseCountMin = evidence
	switch {
	case explicit != nil:
		f.RelapseCountMin = max(*explicit, evidence)
		if *explicit >= evidence {
			f.RelapseCountMax = ptr(*explicit)
		}
	case listed != nil && len(listed) >= evidence:
		f.RelapseCountMax = ptr(len(listed))
	}

	f.RelapseSites = []string{}
	var dates []models.Date
	allListedDated := true
	for _, r := range listed {
		if slices.Contains(models.RelapseSites, r.Site) {
			f.RelapseSites = append(f.RelapseSites, r.Site)
		}
		if r.Date == nil {
			allListedDated = false
		} else {
			dates = append(dates, *r.Date)
		}
	}
	slices.Sort(f.RelapseSites)
	listedDates := slices.Clone(dates)
	linesInList := true
	for _, l := range h.lines {
		if l.RelapsedOn != nil {
			dates = append(dates, *l.RelapsedOn)
			linesInList = linesInList && slices.Contains(listedDates, *l.RelapsedOn)
		}
	}
	f.RelapseDates = sortedDistinctDates(dates)

	// Every relapse is dated when there is none, or when the list holds them
	// all, each with a date, and the lines name no other date.
	count := f.RelapseCountMax
	f.RelapseDatesComplete = count != nil && (*count == 0 ||
		(listed != nil && len(listed) == *count && allListedDated && linesInList))
	f.IsolatedExtramedullaryRelapse = isolatedExtramedullaryRelapse(listed, count, h)
}

// isolatedExtramedullaryRelapse says whether the latest relapse was outside
// the bone marrow only (CNS, testis, other): the relapse on the latest date
// has no bone-marrow site. No relapse at all is false. It is unknown unless
// the list is complete and dated, so that the latest relapse is known.
func isolatedExtramedullaryRelapse(listed []models.Relapse, count *int, h therapyHistory) *bool {
	if count != nil && *count == 0 {
		return ptr(false)
	}
	if len(listed) == 0 || count == nil || *count > len(listed) {
		return nil
	}
	var latest models.Date
	for _, r := range listed {
		if r.Date == nil {
			return nil
		}
		if r.Date.After(latest) {
			latest = *r.Date
		}
	}
	for _, l := range h.lines {
		if l.RelapsedOn != nil && l.RelapsedOn.After(latest) {
			return nil // a later relapse that the list does not have
		}
	}
	isolated := yes
	for _, r := range listed {
		if *r.Date != latest {
			continue
		}
		switch r.Site {
		case "bone_marrow":
			isolated = and(isolated, no)
		case "cns", "testis", "other_extramedullary":
		default:
			isolated = and(isolated, maybe)
		}
	}
	return isolated.ptr()
}

// diseaseStatus is the primary diagnosis' status, or when it is absent, what
// the therapy lines prove (docs/eligibility.md, "disease status"):
//   - no therapy at all and no relapse: newly_diagnosed;
//   - first line with best response SD or PD (for acute leukaemias: anything
//     short of sCR/CR/CRi): primary_refractory;
//   - last line refractory (SD/PD or progressed on therapy): refractory;
//   - last line with a relapse date: relapsed;
//   - otherwise unknown (in_remission is never derived: a missing relapse
//     date does not prove that there was no relapse).
func diseaseStatus(primary *models.Diagnosis, h therapyHistory, relapseMin int, tax *Taxonomy) *string {
	if primary == nil {
		return nil
	}
	if s := enumValue(primary.Status, models.DiseaseStatuses); s != nil {
		return s
	}
	if !h.known {
		return nil
	}
	if len(h.lines) == 0 {
		if relapseMin == 0 {
			return ptr("newly_diagnosed")
		}
		return nil
	}
	first, last, ok := h.firstAndLast()
	if !ok {
		return nil
	}
	if r := response(first); r != "" {
		if r == "SD" || r == "PD" || (isAcuteLeukaemia(primary.ConditionCode, tax) && !reachedCR(r)) {
			return ptr("primary_refractory")
		}
	}
	if lineRefractory(last) == yes {
		return ptr("refractory")
	}
	if last.RelapsedOn != nil {
		return ptr("relapsed")
	}
	return nil
}

func isAcuteLeukaemia(code string, tax *Taxonomy) bool {
	return tax.IsDescendantOrSelf(code, "all") || tax.IsDescendantOrSelf(code, "aml") ||
		tax.IsDescendantOrSelf(code, "mixed_phenotype_acute_leukaemia")
}

func sortedDistinctDates(dates []models.Date) []models.Date {
	out := slices.Clone(dates)
	slices.SortFunc(out, func(a, b models.Date) int { return a.Time().Compare(b.Time()) })
	out = slices.Compact(out)
	if out == nil {
		out = []models.Date{}
	}
	return out
}
