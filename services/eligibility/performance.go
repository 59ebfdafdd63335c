package eligibility

// The standard conversion between performance scales (DOMAIN.md):
// ECOG 0 ≈ Karnofsky 90–100, 1 ≈ 70–80, 2 ≈ 50–60, 3 ≈ 30–40, 4 ≈ 10–20,
// 5 = 0. Lansky is read as Karnofsky. Karnofsky and Lansky scores are
// multiples of 10; anything else is not a valid score.

// karnofskyRangeOfECOG is the Karnofsky interval that an ECOG grade stands for.
func karnofskyRangeOfECOG(ecog int) (low, high int) {
	if ecog == 5 {
		return 0, 0
	}
	high = 100 - 20*ecog
	return high - 10, high
}

// ecogOfKarnofsky is the ECOG grade of a valid Karnofsky (or Lansky) score.
func ecogOfKarnofsky(score int) int {
	if score == 0 {
		return 5
	}
	return (100 - score) / 20
}

func validKarnofsky(score int) bool { return score >= 0 && score <= 100 && score%10 == 0 }

// performanceFacts returns nil for an unknown scale or an invalid score.
func performanceFacts(scale string, score int) *PerformanceFacts {
	switch scale {
	case "ecog":
		if score < 0 || score > 5 {
			return nil
		}
		low, high := karnofskyRangeOfECOG(score)
		return &PerformanceFacts{Scale: scale, Score: score, ECOG: score, KarnofskyLow: low, KarnofskyHigh: high}
	case "karnofsky", "lansky":
		if !validKarnofsky(score) {
			return nil
		}
		return &PerformanceFacts{Scale: scale, Score: score, ECOG: ecogOfKarnofsky(score), KarnofskyLow: score, KarnofskyHigh: score}
	}
	return nil
}
