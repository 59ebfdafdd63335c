package synth

import "github.com/trialmatch/trialmatch/models"

// course draws n therapy lines from the diagnosis to today that fit the
// disease status, and returns them with the dates of the relapses that
// followed them. Each line gets a slot of time (the first, with its
// maintenance, a longer one); within it come the start, the best response,
// the end and, for a line that relapsed, the relapse.
func (g *gen) course(d disease, status string, n int, diagnosed, dob models.Date, ph bool) ([]models.TherapyLine, []models.Date) {
	lines := make([]models.TherapyLine, 0, n)
	if n == 0 {
		return lines, nil
	}
	family := familyOf(d.code, d.course)
	start := g.clamp(diagnosed.AddDate(0, 0, g.r.IntN(15)), dob)
	span := max(0, daysBetween(start, g.today)-g.r.IntN(30))
	weights := make([]float64, n)
	total := 0.0
	for k := range weights {
		weights[k] = 1
		if k == 0 {
			weights[k] = 2
		}
		total += weights[k]
	}
	var relapses []models.Date
	at := 0.0
	for k := 0; k < n; k++ {
		a := start.AddDate(0, 0, int(float64(span)*at/total))
		length := float64(span) * weights[k] / total
		at += weights[k]
		day := func(frac float64) models.Date { return g.clamp(a.AddDate(0, 0, int(length*frac)), a) }
		last := k == n-1

		// outcome: 0 worked, 1 partly worked, 2 failed; relapsed: came back.
		outcome, relapsed, ongoing := 0, true, false
		switch {
		case status == "newly_diagnosed":
			ongoing, relapsed = true, false
		case status == "primary_refractory":
			outcome, relapsed = 2, false
		case last && status == "refractory":
			outcome, relapsed = 2, false
		case last && status == "in_remission":
			relapsed, ongoing = false, g.chance(0.3)
		default:
			if g.chance(0.2) {
				outcome = 1
			}
		}
		r := g.regimen(d.course, k, n, ph)
		l := models.TherapyLine{Line: k + 1, StartedOn: maybe(g, a)}
		if g.chance(0.96) {
			l.Categories = r.categories
		}
		if g.chance(0.92) {
			l.Targets = r.targets
		}
		if g.chance(0.85) && len(r.agents) > 0 {
			l.Agents = r.agents
		}
		if !ongoing || status == "in_remission" {
			if g.chance(0.92) {
				l.BestResponse = ptr(g.response(family, outcome))
			}
			l.ResponseOn = maybe(g, day(0.15))
		}
		if !ongoing {
			l.EndedOn = maybe(g, day(0.45))
		}
		if g.known() && !ongoing {
			progressed := outcome == 2 || (family == "myeloma" && relapsed && g.chance(0.4))
			l.ProgressedOnTherapy = &progressed
		}
		if relapsed {
			date := day(0.8)
			relapses = append(relapses, date)
			l.RelapsedOn = maybe(g, date)
		}
		lines = append(lines, l)
	}
	return lines, relapses
}
