package handlers_test

import (
	"net/http"
	"testing"

	"github.com/trialmatch/trialmatch/models"
)

func matchable(ts *testServer, volunteerID string) (bool, bool) {
	ts.t.Helper()
	var rows []struct{ Matchable bool }
	if err := ts.db.Raw("SELECT matchable FROM volunteer_facts WHERE volunteer_id = ?", volunteerID).Scan(&rows).Error; err != nil {
		ts.t.Fatal(err)
	}
	if len(rows) == 0 {
		return false, false
	}
	return rows[0].Matchable, true
}

func TestGuardianConsentControlsMatching(t *testing.T) {
	ts := newTestServer(t)
	parent := ts.createUser(models.RoleVolunteer, "guardian@example.org")
	child := ts.createVolunteer(parent.Token, "child", "Elif")
	base := "/api/v1/volunteers/" + child.ID

	var texts struct {
		Items []struct {
			Scope   string `json:"scope"`
			Version int    `json:"version"`
			Title   string `json:"title"`
		} `json:"items"`
	}
	ts.do(req{method: "GET", path: "/api/v1/consent-texts?locale=tr"}).Expect(http.StatusOK).JSON(&texts)
	if len(texts.Items) != 2 || texts.Items[0].Title == "" {
		t.Fatalf("consent texts: %+v", texts.Items)
	}

	ts.do(req{method: "PUT", path: base + "/clinical", token: parent.Token, body: exampleProfile}).Expect(http.StatusOK)
	if m, ok := matchable(ts, child.ID); !ok || m {
		t.Fatalf("without consent the profile must have facts but not be matchable (row %v, matchable %v)", ok, m)
	}
	ts.do(req{method: "POST", path: base + "/consents", token: parent.Token, body: map[string]any{"scope": "matching", "version": 1, "locale": "tr"}}).Expect(http.StatusCreated)
	ts.do(req{method: "POST", path: base + "/consents", token: parent.Token, body: map[string]any{"scope": "matching", "version": 1, "locale": "tr"}}).Expect(http.StatusOK)
	ts.do(req{method: "POST", path: base + "/consents", token: parent.Token, body: map[string]any{"scope": "contact", "version": 1, "locale": "tr"}}).Expect(http.StatusCreated)
	if m, _ := matchable(ts, child.ID); !m {
		t.Fatal("after the matching consent the profile must be matchable")
	}
	var list struct {
		Items  []struct{ Scope string } `json:"items"`
		Active []string                 `json:"active"`
	}
	ts.do(req{method: "GET", path: base + "/consents", token: parent.Token}).Expect(http.StatusOK).JSON(&list)
	if len(list.Active) != 2 {
		t.Errorf("active consents %v", list.Active)
	}

	ts.do(req{method: "DELETE", path: base + "/consents?scope=matching", token: parent.Token}).Expect(http.StatusNoContent)
	if m, _ := matchable(ts, child.ID); m {
		t.Fatal("withdrawing matching must take the profile out of searches at once")
	}
	ts.do(req{method: "DELETE", path: base + "/consents?scope=matching", token: parent.Token}).Expect(http.StatusConflict)
	ts.do(req{method: "DELETE", path: base + "/consents?scope=everything", token: parent.Token, invalid: true}).Expect(http.StatusUnprocessableEntity)
	ts.do(req{method: "POST", path: base + "/consents", token: parent.Token, body: map[string]any{"scope": "matching", "version": 9, "locale": "tr"}}).Expect(http.StatusUnprocessableEntity)

	var audits []struct{ Action, SubjectID string }
	ts.db.Raw("SELECT action, subject_id FROM audit_events WHERE action LIKE 'consent.%' ORDER BY id").Scan(&audits)
	if len(audits) != 3 || audits[2].Action != "consent.withdrawn" || audits[0].SubjectID != child.ID {
		t.Errorf("consent audit trail: %+v", audits)
	}
}

func TestExportHoldsEverythingAndDeleteErasesIt(t *testing.T) {
	ts := newTestServer(t)
	var s sessionBody
	register(ts, "family@example.org", "").Expect(http.StatusCreated).JSON(&s)
	self := ts.createVolunteer(s.AccessToken, "self", "Ayşe")
	child := ts.createVolunteer(s.AccessToken, "child", "Elif")
	ts.do(req{method: "PUT", path: "/api/v1/volunteers/" + child.ID + "/clinical", token: s.AccessToken, body: exampleProfile}).Expect(http.StatusOK)
	ts.do(req{method: "POST", path: "/api/v1/volunteers/" + child.ID + "/consents", token: s.AccessToken, body: map[string]any{"scope": "matching", "version": 1, "locale": "en"}}).Expect(http.StatusCreated)

	var x struct {
		Account    struct{ Email string } `json:"account"`
		Volunteers []struct {
			ID           string         `json:"id"`
			GivenName    string         `json:"given_name"`
			Clinical     *struct{}      `json:"clinical"`
			DerivedFacts map[string]any `json:"derived_facts"`
			Consents     []struct{}     `json:"consent_history"`
		} `json:"volunteers"`
		AuditEvents []struct{ Action string } `json:"audit_events"`
	}
	resp := ts.do(req{method: "GET", path: "/api/v1/me/export", token: s.AccessToken}).Expect(http.StatusOK)
	resp.JSON(&x)
	if x.Account.Email != "family@example.org" || len(x.Volunteers) != 2 {
		t.Fatalf("export: %+v", x)
	}
	if x.Volunteers[0].ID != self.ID || x.Volunteers[0].Clinical != nil || x.Volunteers[1].Clinical == nil ||
		x.Volunteers[1].DerivedFacts == nil || len(x.Volunteers[1].Consents) != 1 || x.Volunteers[1].GivenName != "Elif" {
		t.Errorf("export volunteers: %+v", x.Volunteers)
	}
	if len(x.AuditEvents) == 0 {
		t.Error("export lacks the audit events about the account")
	}

	ts.do(req{method: "DELETE", path: "/api/v1/me", token: s.AccessToken}).Expect(http.StatusNoContent)
	for _, table := range []string{"users", "volunteers", "volunteer_identities", "volunteer_clinical", "volunteer_facts", "consents", "refresh_tokens"} {
		var n int64
		ts.db.Table(table).Count(&n)
		if n != 0 {
			t.Errorf("%d rows left in %s after deleting the only account", n, table)
		}
	}
	var actions []string
	ts.db.Raw("SELECT action FROM audit_events WHERE action IN ('account.exported', 'account.deleted') ORDER BY id").Scan(&actions)
	if len(actions) != 2 {
		t.Errorf("audit of export and deletion: %v", actions)
	}
	ts.do(req{method: "POST", path: "/api/v1/auth/refresh", body: map[string]string{"refresh_token": s.RefreshToken}}).Expect(http.StatusUnauthorized)
	ts.do(req{method: "GET", path: "/api/v1/volunteers", token: s.AccessToken}).Expect(http.StatusOK)
	register(ts, "family@example.org", "").Expect(http.StatusCreated)
}

func TestAuditEventsAreAppendOnly(t *testing.T) {
	ts := newTestServer(t)
	register(ts, "a@example.org", "").Expect(http.StatusCreated)
	if err := ts.db.Exec("UPDATE audit_events SET action = 'x'").Error; err == nil {
		t.Error("UPDATE of audit_events succeeded")
	}
	if err := ts.db.Exec("DELETE FROM audit_events").Error; err == nil {
		t.Error("DELETE from audit_events succeeded")
	}
}
