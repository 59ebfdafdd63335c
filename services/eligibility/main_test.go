package eligibility

import (
	"testing"

	"github.com/trialmatch/trialmatch/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }
