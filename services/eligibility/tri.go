package eligibility

// Outcome is what a criterion's condition is for one volunteer.
type Outcome string

const (
	Met     Outcome = "met"
	NotMet  Outcome = "not_met"
	Unknown Outcome = "unknown"
)

// tri is a three-valued truth value ordered no < maybe < yes, so that Kleene
// AND is the minimum and OR the maximum — exactly SQL's FALSE, NULL, TRUE.
type tri int8

const (
	no    tri = -1
	maybe tri = 0
	yes   tri = 1
)

func triOf(b bool) tri {
	if b {
		return yes
	}
	return no
}

// triPtr reads a nullable boolean fact: nil is maybe.
func triPtr(b *bool) tri {
	if b == nil {
		return maybe
	}
	return triOf(*b)
}

func and(a, b tri) tri { return min(a, b) }
func or(a, b tri) tri  { return max(a, b) }

// ptr is the nullable boolean form of t, for storing a derived fact.
func (t tri) ptr() *bool {
	if t == maybe {
		return nil
	}
	b := t == yes
	return &b
}

func (t tri) outcome() Outcome {
	switch t {
	case yes:
		return Met
	case no:
		return NotMet
	}
	return Unknown
}

func triOfOutcome(o Outcome) tri {
	switch o {
	case Met:
		return yes
	case NotMet:
		return no
	}
	return maybe
}
