package eligibility

import "testing"

func TestPerformanceScaleConversion(t *testing.T) {
	ecogMax := func(n string) string {
		return `{"id":"ps","kind":"performance","rule":"include","ecog_max":` + n + `}`
	}
	karnofskyMin := func(n string) string {
		return `{"id":"ps","kind":"performance","rule":"include","karnofsky_min":` + n + `}`
	}
	runOutcomeCases(t, []outcomeCase{
		// Karnofsky or Lansky against ECOG: the ECOG grade is exact.
		{"Karnofsky 70 is ECOG 1", ecogMax("1"), aProfile().performance("karnofsky", 70), Met, "performance.converted"},
		{"Karnofsky 60 is ECOG 2", ecogMax("1"), aProfile().performance("karnofsky", 60), NotMet, "performance.converted"},
		{"Karnofsky 90 is ECOG 0", ecogMax("0"), aProfile().performance("karnofsky", 90), Met, ""},
		{"Karnofsky 80 is ECOG 1", ecogMax("0"), aProfile().performance("karnofsky", 80), NotMet, ""},
		{"Lansky 50 is ECOG 2", ecogMax("2"), aProfile().performance("lansky", 50), Met, "performance.converted"},
		{"Karnofsky 0 is ECOG 5", ecogMax("4"), aProfile().performance("karnofsky", 0), NotMet, ""},
		// ECOG against Karnofsky: an interval.
		{"ECOG 1 (70–80) against ≥ 80 straddles", karnofskyMin("80"), aProfile().performance("ecog", 1), Unknown, "performance.unclear"},
		{"ECOG 1 (70–80) against ≥ 70", karnofskyMin("70"), aProfile().performance("ecog", 1), Met, "performance.converted"},
		{"ECOG 1 (70–80) against ≥ 90", karnofskyMin("90"), aProfile().performance("ecog", 1), NotMet, "performance.converted"},
		{"ECOG 5 (0) against ≥ 10", karnofskyMin("10"), aProfile().performance("ecog", 5), NotMet, ""},
		{"ECOG 4 (10–20) against ≥ 10", karnofskyMin("10"), aProfile().performance("ecog", 4), Met, ""},
		// Same scale: no conversion.
		{"ECOG 2 against ≤ 1", ecogMax("1"), aProfile().performance("ecog", 2), NotMet, "performance.not_met"},
		{"Karnofsky 80 against ≥ 80", karnofskyMin("80"), aProfile().performance("karnofsky", 80), Met, "performance.met"},
		{"Lansky is read as Karnofsky", karnofskyMin("70"), aProfile().performance("lansky", 70), Met, "performance.converted"},
		{"Lansky 60 against Lansky ≥ 70", `{"id":"ps","kind":"performance","rule":"include","lansky_min":70}`,
			aProfile().performance("lansky", 60), NotMet, "performance.not_met"},
		{"the score's own scale decides", `{"id":"ps","kind":"performance","rule":"include","ecog_max":0,"karnofsky_min":70}`,
			aProfile().performance("karnofsky", 70), Met, "performance.met"},
		{"ECOG against Karnofsky ≥ 70 and Lansky ≥ 80 disagreeing", `{"id":"ps","kind":"performance","rule":"include","karnofsky_min":70,"lansky_min":80}`,
			aProfile().performance("ecog", 1), Unknown, "performance.unclear"},
		{"ECOG 0 meets both", `{"id":"ps","kind":"performance","rule":"include","karnofsky_min":70,"lansky_min":80}`,
			aProfile().performance("ecog", 0), Met, ""},
		{"no score", ecogMax("1"), aProfile(), Unknown, "performance.missing"},
		{"Karnofsky 75 is not a score", ecogMax("1"), aProfile().performance("karnofsky", 75), Unknown, "performance.missing"},
		{"ECOG 6 is not a score", ecogMax("1"), aProfile().performance("ecog", 6), Unknown, "performance.missing"},
	})
}

func TestPerformanceFactsTable(t *testing.T) {
	for ecog, want := range [][2]int{{90, 100}, {70, 80}, {50, 60}, {30, 40}, {10, 20}, {0, 0}} {
		low, high := karnofskyRangeOfECOG(ecog)
		if low != want[0] || high != want[1] {
			t.Errorf("ECOG %d = Karnofsky %d–%d, want %v", ecog, low, high, want)
		}
		for k := low; k <= high; k += 10 {
			if got := ecogOfKarnofsky(k); got != ecog {
				t.Errorf("Karnofsky %d = ECOG %d, want %d", k, got, ecog)
			}
		}
	}
}
