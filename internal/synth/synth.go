// Package synth makes realistic synthetic volunteers and trials for
// benchmarks and demo data: the haematology mix of a CAR-T registry in
// Türkiye, Kazakhstan and Europe, with disease courses, therapy lines,
// transplants and performance scores that fit each disease and age, and with
// 10–20 % of the facts unknown as in real self-reported profiles.
//
// Everything is deterministic: volunteer i of a seed is the same profile,
// name and account whatever else is generated, so loaders can work in
// parallel and a benchmark is repeatable.
package synth

import (
	"math"
	"math/rand/v2"

	"github.com/trialmatch/trialmatch/models"
)

// Streams of randomness per volunteer, independent of each other so that,
// for example, a volunteer's name does not change when the profile
// generator changes.
const (
	streamPerson uint64 = iota + 1
	streamProfile
	streamName
	streamAccount
)

func stream(seed int64, i int, s uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed)^(s*0x9e3779b97f4a7c15), uint64(i)))
}

// person is what a volunteer's profile and identity share.
type person struct {
	country int // index into countries
	female  bool
}

func personOf(seed int64, i int) person {
	r := stream(seed, i, streamPerson)
	return person{country: countryIndex(r), female: r.IntN(100) < 48}
}

// Profile returns volunteer i's clinical profile as of today.
func Profile(seed int64, i int, today models.Date) models.ClinicalProfile {
	g := &gen{r: stream(seed, i, streamProfile), today: today}
	return g.profile(personOf(seed, i))
}

// Generate calls fn with profiles 0 … n-1 in order, holding one at a time;
// it stops at fn's first error and returns it.
func Generate(seed int64, n int, today models.Date, fn func(i int, p models.ClinicalProfile) error) error {
	for i := 0; i < n; i++ {
		if err := fn(i, Profile(seed, i, today)); err != nil {
			return err
		}
	}
	return nil
}

// Profiles returns profiles 0 … n-1 (for small n; Generate or Profile for
// a million).
func Profiles(seed int64, n int, today models.Date) []models.ClinicalProfile {
	out := make([]models.ClinicalProfile, 0, n)
	_ = Generate(seed, n, today, func(_ int, p models.ClinicalProfile) error {
		out = append(out, p)
		return nil
	})
	return out
}

// gen draws one profile.
type gen struct {
	r     *rand.Rand
	today models.Date
}

// missing is the chance that an optional fact is left unknown.
const missing = 0.12

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

// known is false with the probability that a fact is missing.
func (g *gen) known() bool { return !g.chance(missing) }

func (g *gen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// triangular draws from lo … hi with the mode at mode.
func (g *gen) triangular(lo, mode, hi float64) float64 {
	u := g.r.Float64()
	if c := (mode - lo) / (hi - lo); u < c {
		return lo + math.Sqrt(u*(hi-lo)*(mode-lo))
	}
	return hi - math.Sqrt((1-u)*(hi-lo)*(hi-mode))
}

// weighted draws an index by weight.
func (g *gen) weighted(weights ...int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := g.r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

func (g *gen) oneOf(xs ...string) string { return xs[g.r.IntN(len(xs))] }

// maybe returns &v, or nil when the fact is missing.
func maybe[T any](g *gen, v T) *T {
	if !g.known() {
		return nil
	}
	return &v
}

func ptr[T any](v T) *T { return &v }

// clamp keeps d between lo and the generator's today.
func (g *gen) clamp(d, lo models.Date) models.Date {
	if d.Before(lo) {
		d = lo
	}
	if d.After(g.today) {
		d = g.today
	}
	return d
}

func daysBetween(a, b models.Date) int { return int(b.Time().Sub(a.Time()).Hours() / 24) }
