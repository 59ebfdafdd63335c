package handlers_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
)

func TestDemoDataLoadsIdempotently(t *testing.T) {
	ts := newTestServer(t)
	for i := 0; i < 2; i++ {
		logins, err := ts.svc.Demo.Load(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if len(logins) != 4 {
			t.Fatalf("%d demo logins", len(logins))
		}
	}
	var trials int64
	ts.db.Model(&models.Trial{}).Where("status = 'recruiting'").Count(&trials)
	if trials != 3 {
		t.Errorf("%d recruiting demo trials, want 3", trials)
	}
	var s sessionBody
	login(ts, "investigator@demo.trialmatch.org", services.DemoPassword).Expect(http.StatusOK).JSON(&s)
	var list struct {
		Items []trialBody `json:"items"`
	}
	ts.do(req{method: "GET", path: "/api/v1/trials", token: s.AccessToken}).Expect(http.StatusOK).JSON(&list)
	if len(list.Items) != 3 || len(list.Items[0].MySiteIDs) != 4 {
		t.Fatalf("the demo investigator should be on every site of the 3 trials: %+v", list.Items)
	}
	for _, tr := range list.Items {
		ts.do(req{method: "GET", path: "/api/v1/trials/" + tr.ID + "/candidates", token: s.AccessToken}).Expect(http.StatusOK)
	}
}
