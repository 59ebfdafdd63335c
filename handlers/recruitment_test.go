package handlers_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/google/uuid"

	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
)

type referralBody struct {
	ID               string   `json:"id"`
	State            string   `json:"state"`
	Version          int      `json:"version"`
	IdentityReleased bool     `json:"identity_released"`
	AllowedMoves     []string `json:"allowed_moves"`
	Identity         *struct {
		GivenName string `json:"given_name"`
	} `json:"identity"`
	History []struct {
		FromState  *string `json:"from_state"`
		ToState    string  `json:"to_state"`
		ReasonCode *string `json:"reason_code"`
	} `json:"history"`
}

// recruitmentFixture is a recruiting trial with an ethics approval, and a
// volunteer with matching and contact consent who is one of its candidates.
type recruitmentFixture struct {
	trialFixture
	parent      account
	volunteerID string
	candidateID string
}

func (ts *testServer) recruitment(approve bool) recruitmentFixture {
	ts.t.Helper()
	f := recruitmentFixture{trialFixture: ts.recruitingTrial("")}
	f.parent = ts.createUser(models.RoleVolunteer, "parent@example.org")
	v := ts.createVolunteer(f.parent.Token, "child", "Elif")
	f.volunteerID = v.ID
	ts.do(req{method: "PUT", path: "/api/v1/volunteers/" + v.ID + "/clinical", token: f.parent.Token, body: exampleProfile}).Expect(http.StatusOK)
	for _, scope := range []string{"matching", "contact"} {
		ts.do(req{method: "POST", path: "/api/v1/volunteers/" + v.ID + "/consents", token: f.parent.Token, body: map[string]any{"scope": scope, "version": 1, "locale": "tr"}}).Expect(http.StatusCreated)
	}
	if approve {
		ts.do(req{method: "POST", path: "/api/v1/trials/" + f.trialID + "/ethics-approvals", token: f.sponsor.Token, body: map[string]any{
			"site_id": f.siteID, "reference": "HU-KAEK-2026/114", "approving_body": "Hacettepe University Clinical Research Ethics Board",
			"approved_on": "2026-01-15", "expires_on": "2027-01-14"}}).Expect(http.StatusCreated)
	}
	var page struct {
		Items []struct {
			CandidateID string `json:"candidate_id"`
		} `json:"items"`
	}
	ts.do(req{method: "GET", path: "/api/v1/trials/" + f.trialID + "/candidates", token: f.investigator.Token}).Expect(http.StatusOK).JSON(&page)
	if len(page.Items) != 1 {
		ts.t.Fatalf("candidates %+v", page.Items)
	}
	f.candidateID = page.Items[0].CandidateID
	return f
}

func (ts *testServer) invite(f recruitmentFixture) response {
	return ts.do(req{method: "POST", path: "/api/v1/trials/" + f.trialID + "/invitations", token: f.investigator.Token,
		body: map[string]any{"candidate_id": f.candidateID, "site_id": f.siteID}})
}

func TestInvitationsNeedEthicsConsentAndASiteOfYours(t *testing.T) {
	ts := newTestServer(t)
	f := ts.recruitment(false)
	if p := ts.invite(f).Expect(http.StatusConflict).Problem(); p.Code != "no_ethics_approval" {
		t.Errorf("without approval: %+v", p)
	}
	ts.do(req{method: "POST", path: "/api/v1/trials/" + f.trialID + "/ethics-approvals", token: f.sponsor.Token, body: map[string]any{
		"site_id": f.siteID, "reference": "OLD-1", "approving_body": "Board", "approved_on": "2024-01-01", "expires_on": "2025-12-31"}}).Expect(http.StatusCreated)
	if p := ts.invite(f).Expect(http.StatusConflict).Problem(); p.Code != "no_ethics_approval" {
		t.Errorf("with an expired approval: %+v", p)
	}
	ts.do(req{method: "POST", path: "/api/v1/trials/" + f.trialID + "/ethics-approvals", token: f.sponsor.Token, body: map[string]any{
		"reference": "ALL-SITES-2", "approving_body": "Board", "expires_on": "2027-12-31"}}).Expect(http.StatusCreated)
	ts.do(req{method: "POST", path: "/api/v1/trials/" + f.trialID + "/ethics-approvals", token: f.sponsor.Token, body: map[string]any{
		"reference": "X", "approving_body": "Board", "approved_on": "2027-01-01", "expires_on": "2026-12-31"}}).Expect(http.StatusUnprocessableEntity)

	// No contact consent: withdraw it, invite, restore it.
	ts.do(req{method: "DELETE", path: "/api/v1/volunteers/" + f.volunteerID + "/consents?scope=contact", token: f.parent.Token}).Expect(http.StatusNoContent)
	if p := ts.invite(f).Expect(http.StatusConflict).Problem(); p.Code != "no_contact_consent" {
		t.Errorf("without contact consent: %+v", p)
	}
	ts.do(req{method: "POST", path: "/api/v1/volunteers/" + f.volunteerID + "/consents", token: f.parent.Token, body: map[string]any{"scope": "contact", "version": 1, "locale": "tr"}}).Expect(http.StatusCreated)
	ts.do(req{method: "PATCH", path: "/api/v1/volunteers/" + f.volunteerID, token: f.parent.Token, body: map[string]any{"invitations_paused": true}}).Expect(http.StatusOK)
	if p := ts.invite(f).Expect(http.StatusConflict).Problem(); p.Code != "invitations_paused" {
		t.Errorf("paused: %+v", p)
	}
	ts.do(req{method: "PATCH", path: "/api/v1/volunteers/" + f.volunteerID, token: f.parent.Token, body: map[string]any{"invitations_paused": false}}).Expect(http.StatusOK)

	other := ts.recruitingTrial("other-")
	ts.do(req{method: "POST", path: "/api/v1/trials/" + f.trialID + "/invitations", token: f.investigator.Token,
		body: map[string]any{"candidate_id": f.candidateID, "site_id": other.siteID}}).Expect(http.StatusUnprocessableEntity)
	ts.do(req{method: "POST", path: "/api/v1/trials/" + f.trialID + "/invitations", token: other.investigator.Token,
		body: map[string]any{"candidate_id": f.candidateID, "site_id": f.siteID}}).Expect(http.StatusNotFound)
	ts.do(req{method: "POST", path: "/api/v1/trials/" + f.trialID + "/invitations", token: f.investigator.Token,
		body: map[string]any{"candidate_id": "C-NOBODY", "site_id": f.siteID}}).Expect(http.StatusUnprocessableEntity)

	ts.invite(f).Expect(http.StatusCreated)
	if p := ts.invite(f).Expect(http.StatusConflict).Problem(); p.Code != "already_referred" {
		t.Errorf("twice: %+v", p)
	}
	// The invitation message refuses contact details.
	ts.do(req{method: "PUT", path: "/api/v1/trials/" + f.trialID + "/invitation-message", token: f.sponsor.Token,
		body: map[string]any{"invitation_message": "Write to dr.kaya@hacettepe.edu.tr"}}).Expect(http.StatusUnprocessableEntity)
	ts.do(req{method: "PUT", path: "/api/v1/trials/" + f.trialID + "/invitation-message", token: f.sponsor.Token,
		body: map[string]any{"invitation_message": "Call us on +90 312 305 1000"}}).Expect(http.StatusUnprocessableEntity)
	ts.do(req{method: "PUT", path: "/api/v1/trials/" + f.trialID + "/invitation-message", token: f.sponsor.Token,
		body: map[string]any{"invitation_message": "Our team would like to tell you more about this study."}}).Expect(http.StatusOK)
}

func TestInvitationToTreatmentAcrossBothPortals(t *testing.T) {
	ts := newTestServer(t)
	f := ts.recruitment(true)
	var r referralBody
	ts.invite(f).Expect(http.StatusCreated).JSON(&r)
	if r.State != "invited" || r.Identity != nil {
		t.Fatalf("invited: %+v", r)
	}
	// Before acceptance the site sees no identity.
	var staffView referralBody
	ts.do(req{method: "GET", path: "/api/v1/referrals/" + r.ID, token: f.investigator.Token}).Expect(http.StatusOK).JSON(&staffView)
	if staffView.Identity != nil || staffView.IdentityReleased {
		t.Fatal("identity shown before acceptance")
	}
	// The volunteer's inbox, in-app notification and e-mail.
	var inbox struct{ Items []referralBody }
	ts.do(req{method: "GET", path: "/api/v1/referrals", token: f.parent.Token}).Expect(http.StatusOK).JSON(&inbox)
	if len(inbox.Items) != 1 || inbox.Items[0].State != "invited" || strings.Join(inbox.Items[0].AllowedMoves, ",") != "accepted,declined,withdrawn" {
		t.Fatalf("inbox %+v", inbox.Items)
	}
	var notes struct {
		Items  []struct{ Kind string }
		Unread int
	}
	ts.do(req{method: "GET", path: "/api/v1/notifications", token: f.parent.Token}).Expect(http.StatusOK).JSON(&notes)
	if notes.Unread != 1 || notes.Items[0].Kind != "invitation" {
		t.Errorf("notifications %+v", notes)
	}
	// A stranger cannot see it; the staff cannot accept for the volunteer.
	stranger := ts.createUser(models.RoleVolunteer, "stranger@example.org")
	ts.do(req{method: "GET", path: "/api/v1/referrals/" + r.ID, token: stranger.Token}).Expect(http.StatusNotFound)
	ts.do(req{method: "POST", path: "/api/v1/referrals/" + r.ID + "/transitions", token: f.investigator.Token,
		body: map[string]any{"to": "accepted", "version": 1}}).Expect(http.StatusForbidden)

	ts.do(req{method: "POST", path: "/api/v1/invitations/" + r.ID + "/accept", token: f.parent.Token}).Expect(http.StatusOK).JSON(&r)
	ts.do(req{method: "GET", path: "/api/v1/referrals/" + r.ID, token: f.investigator.Token}).Expect(http.StatusOK).JSON(&staffView)
	if staffView.Identity == nil || staffView.Identity.GivenName != "Elif" {
		t.Fatalf("identity after acceptance: %+v", staffView)
	}
	var reads int64
	ts.db.Model(&models.AuditEvent{}).Where("action = ? AND subject_id = ?", services.AuditIdentityRead, r.ID).Count(&reads)
	if reads != 1 {
		t.Errorf("%d identity-read audit events, want 1", reads)
	}
	for _, to := range []string{"prescreening", "eligible", "consented", "enrolled", "treated"} {
		ts.do(req{method: "POST", path: "/api/v1/referrals/" + r.ID + "/transitions", token: f.investigator.Token,
			body: map[string]any{"to": to, "version": r.Version}}).Expect(http.StatusOK).JSON(&r)
	}
	if r.State != "treated" || len(r.History) != 7 || r.History[6].ToState != "treated" || *r.History[6].FromState != "enrolled" {
		t.Errorf("pipeline: %s, history %+v", r.State, r.History)
	}
	var bundle struct {
		ResourceType string
		Entry        []struct {
			Resource struct {
				ResourceType string `json:"resourceType"`
				Status       string `json:"status"`
			} `json:"resource"`
		} `json:"entry"`
	}
	ts.do(req{method: "GET", path: "/api/v1/trials/" + f.trialID + "/referrals.fhir", token: f.sponsor.Token}).Expect(http.StatusOK).JSON(&bundle)
	if len(bundle.Entry) != 1 || bundle.Entry[0].Resource.ResourceType != "ResearchSubject" || bundle.Entry[0].Resource.Status != "on-study-intervention" {
		t.Errorf("FHIR bundle %+v", bundle)
	}
	var moves int64
	ts.db.Model(&models.AuditEvent{}).Where("action = ? AND subject_id = ?", services.AuditReferralMoved, r.ID).Count(&moves)
	if moves != 7 {
		t.Errorf("%d referral audit events, want 7", moves)
	}
	if err := ts.db.Exec("UPDATE referral_events SET note = 'x'").Error; err == nil {
		t.Error("referral history is not append-only")
	}
}

// TestStateMachine tries every (from, to) pair as the volunteer and as site
// staff, on a referral put in the from state directly.
func TestStateMachine(t *testing.T) {
	ts := newTestServer(t)
	f := ts.recruitment(true)
	var r referralBody
	ts.invite(f).Expect(http.StatusCreated).JSON(&r)
	states := []string{"invited", "accepted", "declined", "interested", "prescreening", "screen_failed", "eligible", "consented", "enrolled", "treated", "completed", "withdrawn"}
	allowed := map[string]string{ // from>to → who
		"invited>accepted": "v", "invited>declined": "v", "invited>withdrawn": "v",
		"accepted>prescreening": "s", "accepted>withdrawn": "v", "interested>prescreening": "s", "interested>withdrawn": "v",
		"prescreening>eligible": "s", "prescreening>screen_failed": "s", "prescreening>withdrawn": "v",
		"eligible>consented": "s", "eligible>screen_failed": "s", "eligible>withdrawn": "v",
		"consented>enrolled": "s", "consented>screen_failed": "s", "consented>withdrawn": "v",
		"enrolled>treated": "s", "enrolled>withdrawn": "vs", "treated>completed": "s", "treated>withdrawn": "vs",
	}
	for _, from := range states {
		for _, to := range states {
			if to == "invited" || to == "interested" {
				continue // only creation reaches these
			}
			for _, who := range []string{"v", "s"} {
				ts.db.Exec("UPDATE referrals SET state = ?, version = 1 WHERE id = ?", from, r.ID)
				token := f.parent.Token
				if who == "s" {
					token = f.investigator.Token
				}
				body := map[string]any{"to": to, "version": 1, "note": "participant asked to stop"}
				if to == "screen_failed" {
					body["reason_code"] = "inclusion_not_met"
				}
				resp := ts.do(req{method: "POST", path: "/api/v1/referrals/" + r.ID + "/transitions", token: token, body: body, invalid: true})
				rule, ok := allowed[from+">"+to]
				switch {
				case ok && strings.Contains(rule, who):
					resp.Expect(http.StatusOK)
				case ok:
					resp.Expect(http.StatusForbidden)
				default:
					if p := resp.Expect(http.StatusConflict).Problem(); p.Code != "invalid_transition" {
						t.Errorf("%s → %s by %s: %+v", from, to, who, p)
					}
				}
			}
		}
	}
	// A screen failure needs a reason code.
	ts.db.Exec("UPDATE referrals SET state = 'prescreening', version = 1 WHERE id = ?", r.ID)
	ts.do(req{method: "POST", path: "/api/v1/referrals/" + r.ID + "/transitions", token: f.investigator.Token, body: map[string]any{"to": "screen_failed", "version": 1}}).Expect(http.StatusUnprocessableEntity)
	ts.do(req{method: "POST", path: "/api/v1/referrals/" + r.ID + "/transitions", token: f.investigator.Token,
		body: map[string]any{"to": "screen_failed", "version": 1, "reason_code": "exclusion_met", "criterion_id": "no-cd19"}}).Expect(http.StatusOK)
}

func TestConcurrentTransitionsOneWins(t *testing.T) {
	ts := newTestServer(t)
	f := ts.recruitment(true)
	coordinator := ts.createUser(models.RoleInvestigator, "coordinator@hospital.example")
	ts.do(req{method: "POST", path: "/api/v1/trials/" + f.trialID + "/sites/" + f.siteID + "/staff", token: f.sponsor.Token,
		body: map[string]any{"email": coordinator.User.Email, "role": "coordinator"}}).Expect(http.StatusCreated)
	var r referralBody
	ts.invite(f).Expect(http.StatusCreated).JSON(&r)
	ts.do(req{method: "POST", path: "/api/v1/invitations/" + r.ID + "/accept", token: f.parent.Token}).Expect(http.StatusOK).JSON(&r)
	id := uuid.MustParse(r.ID)
	var wg sync.WaitGroup
	results := make([]error, 2)
	for i, a := range []account{f.investigator, coordinator} {
		wg.Add(1)
		go func(i int, a account) {
			defer wg.Done()
			_, results[i] = ts.svc.Referrals.Transition(context.Background(), services.Actor{UserID: a.User.ID, Role: a.User.Role}, id,
				services.TransitionInput{To: models.ReferralPrescreening, Version: r.Version})
		}(i, a)
	}
	wg.Wait()
	wins, stale := 0, 0
	for _, err := range results {
		if err == nil {
			wins++
		} else if strings.Contains(err.Error(), "changed since") {
			stale++
		}
	}
	if wins != 1 || stale != 1 {
		t.Fatalf("two coordinators at once: %v", results)
	}
	var events int64
	ts.db.Model(&models.ReferralEvent{}).Where("referral_id = ? AND to_state = 'prescreening'", id).Count(&events)
	if events != 1 {
		t.Errorf("%d prescreening events, want 1 (no lost update, no double write)", events)
	}
}

func TestIdempotencyKeys(t *testing.T) {
	ts := newTestServer(t)
	f := ts.recruitment(true)
	key := map[string]string{"Idempotency-Key": "invite-" + uuid.NewString()}
	body := map[string]any{"candidate_id": f.candidateID, "site_id": f.siteID}
	var wg sync.WaitGroup
	resps := make([]response, 3)
	for i := range resps {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			resps[i] = ts.do(req{method: "POST", path: "/api/v1/trials/" + f.trialID + "/invitations", token: f.investigator.Token, body: body, header: key})
		}(i)
	}
	wg.Wait()
	for i, r := range resps {
		if r.Status != http.StatusCreated || string(r.Body) != string(resps[0].Body) {
			t.Errorf("retry %d: %d %s", i, r.Status, r.Body)
		}
	}
	var n int64
	ts.db.Model(&models.Referral{}).Count(&n)
	if n != 1 {
		t.Errorf("%d referrals after three tries with one key", n)
	}
	ts.do(req{method: "POST", path: "/api/v1/trials/" + f.trialID + "/invitations", token: f.investigator.Token,
		body: map[string]any{"candidate_id": "C-OTHER", "site_id": f.siteID}, header: key}).Expect(http.StatusUnprocessableEntity)

	signup := map[string]any{"email": "twice@example.org", "password": "a long enough secret", "display_name": "Twice"}
	k2 := map[string]string{"Idempotency-Key": uuid.NewString()}
	a := ts.do(req{method: "POST", path: "/api/v1/auth/register", body: signup, header: k2}).Expect(http.StatusCreated)
	b := ts.do(req{method: "POST", path: "/api/v1/auth/register", body: signup, header: k2}).Expect(http.StatusCreated)
	if string(a.Body) != string(b.Body) || b.Header.Get("Idempotency-Replayed") != "true" {
		t.Error("a retried sign-up must replay the first response")
	}

	// A refusal is not stored: once the conflict is gone, the same request
	// under the same key runs again.
	taken := map[string]any{"email": "taken@example.org", "password": "a long enough secret", "display_name": "Taken"}
	ts.do(req{method: "POST", path: "/api/v1/auth/register", body: taken}).Expect(http.StatusCreated)
	k3 := map[string]string{"Idempotency-Key": uuid.NewString()}
	first := ts.do(req{method: "POST", path: "/api/v1/auth/register", body: taken, header: k3})
	if first.Status < 400 {
		t.Fatalf("a second sign-up with a taken e-mail: %d", first.Status)
	}
	ts.db.Exec("DELETE FROM users WHERE email = 'taken@example.org'")
	again := ts.do(req{method: "POST", path: "/api/v1/auth/register", body: taken, header: k3}).Expect(http.StatusCreated)
	if again.Header.Get("Idempotency-Replayed") == "true" {
		t.Error("a refusal was replayed")
	}
}

func TestInterestAndNotificationsToStaff(t *testing.T) {
	ts := newTestServer(t)
	f := ts.recruitment(false)
	var r referralBody
	ts.do(req{method: "POST", path: "/api/v1/volunteers/" + f.volunteerID + "/interests", token: f.parent.Token,
		body: map[string]any{"trial_id": f.trialID}}).Expect(http.StatusCreated).JSON(&r)
	if r.State != "interested" || !r.IdentityReleased {
		t.Fatalf("interest: %+v", r)
	}
	ts.do(req{method: "POST", path: "/api/v1/volunteers/" + f.volunteerID + "/interests", token: f.parent.Token,
		body: map[string]any{"trial_id": f.trialID}}).Expect(http.StatusConflict)
	var notes struct{ Items []struct{ Kind string } }
	ts.do(req{method: "GET", path: "/api/v1/notifications", token: f.investigator.Token}).Expect(http.StatusOK).JSON(&notes)
	if len(notes.Items) != 1 || notes.Items[0].Kind != "volunteer_replied" {
		t.Errorf("staff notifications %+v", notes.Items)
	}
	var outbox []models.OutboxMessage
	ts.db.Order("id").Find(&outbox)
	if len(outbox) != 1 || outbox[0].ToEmail != f.investigator.User.Email {
		t.Errorf("outbox %+v", outbox)
	}
}

func TestAdminAuditTrailAndCSV(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.createUser(models.RoleAdmin, "admin@example.org")
	register(ts, "a@example.org", "").Expect(http.StatusCreated)
	register(ts, "b@example.org", "").Expect(http.StatusCreated)
	var page struct {
		Items []struct {
			Action string `json:"action"`
		} `json:"items"`
		NextCursor *string `json:"next_cursor"`
	}
	ts.do(req{method: "GET", path: "/api/v1/admin/audit-events?action=auth.register&limit=1", token: admin.Token}).Expect(http.StatusOK).JSON(&page)
	if len(page.Items) != 1 || page.NextCursor == nil {
		t.Fatalf("first page %+v", page)
	}
	ts.do(req{method: "GET", path: "/api/v1/admin/audit-events?action=auth.register&limit=1&cursor=" + *page.NextCursor, token: admin.Token}).Expect(http.StatusOK).JSON(&page)
	if len(page.Items) != 1 || page.NextCursor != nil {
		t.Errorf("second page %+v", page)
	}
	csv := ts.do(req{method: "GET", path: "/api/v1/admin/audit-events.csv?action=auth.register", token: admin.Token}).Expect(http.StatusOK)
	lines := strings.Split(strings.TrimSpace(string(csv.Body)), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "id,occurred_at") || !strings.Contains(lines[1], "auth.register") {
		t.Errorf("CSV:\n%s", csv.Body)
	}
	ts.do(req{method: "GET", path: "/api/v1/admin/audit-events?from=yesterday", token: admin.Token}).Expect(http.StatusUnprocessableEntity)
	v := ts.createUser(models.RoleVolunteer, "v@example.org")
	ts.do(req{method: "GET", path: "/api/v1/admin/audit-events.csv", token: v.Token}).Expect(http.StatusForbidden)
}

func TestOpeningATrialAnnouncesItInTheBackground(t *testing.T) {
	ts := newTestServer(t)
	contact := ts.candidateVolunteer("contact@example.org", exampleProfile, true)
	var holder models.Volunteer
	ts.db.First(&holder, "id = ?", contact)
	ts.db.Exec(`INSERT INTO consents (volunteer_id, scope, text_version, locale, granted_by) VALUES (?, 'contact', 1, 'en', ?)`, contact, holder.AccountID)
	ts.candidateVolunteer("quiet@example.org", exampleProfile, true) // matching consent only: not announced to
	f := ts.recruitingTrial("")

	var before int64
	ts.db.Model(&models.Notification{}).Where("kind = ?", services.NoteTrialMatches).Count(&before)
	if before != 0 {
		t.Fatal("the request that opened the trial announced it itself")
	}
	did, err := ts.svc.Trials.AnnounceDue(context.Background())
	if err != nil || !did {
		t.Fatalf("AnnounceDue: %v %v", did, err)
	}
	var notes []models.Notification
	ts.db.Where("kind = ?", services.NoteTrialMatches).Find(&notes)
	if len(notes) != 1 || notes[0].UserID != holder.AccountID || notes[0].Payload["trial_id"] != f.trialID {
		t.Fatalf("announcements %+v", notes)
	}
	var mails int64
	ts.db.Model(&models.OutboxMessage{}).Where("kind = ?", services.NoteTrialMatches).Count(&mails)
	if mails != 1 {
		t.Errorf("%d announcement e-mails, want 1", mails)
	}
	if did, _ := ts.svc.Trials.AnnounceDue(context.Background()); did {
		t.Error("the same trial was announced twice")
	}
}
