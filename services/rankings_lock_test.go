package services

import (
	"fmt"
	"strings"
	"testing"

	"github.com/trialmatch/trialmatch/migrations"
)

// The trigger that removes an erased volunteer takes the same advisory lock
// as RankingService's writers.
func TestRankingLockKeyMatchesTheMigration(t *testing.T) {
	sql, err := migrations.FS.ReadFile("00013_trial_rankings.sql")
	if err != nil {
		t.Fatal(err)
	}
	if want := fmt.Sprintf("pg_advisory_xact_lock(%d)", rankingLockKey); !strings.Contains(string(sql), want) {
		t.Errorf("00013_trial_rankings.sql does not take %s", want)
	}
}
