package handlers_test

import (
	"encoding/base64"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/trialmatch/trialmatch/internal/apperr"
	"github.com/trialmatch/trialmatch/models"
)

type sessionBody struct {
	AccessToken  string `json:"access_token"`
	TokenType    string `json:"token_type"`
	ExpiresIn    int    `json:"expires_in"`
	RefreshToken string `json:"refresh_token"`
	User         struct {
		ID     string `json:"id"`
		Email  string `json:"email"`
		Role   string `json:"role"`
		Status string `json:"status"`
		Locale string `json:"locale"`
	} `json:"user"`
}

func register(ts *testServer, email, role string) response {
	body := map[string]any{"email": email, "password": "a long enough secret", "display_name": "Ayşe", "locale": "tr"}
	if role != "" {
		body["role"] = role
	}
	return ts.do(req{method: "POST", path: "/api/v1/auth/register", body: body})
}

func login(ts *testServer, email, password string) response {
	return ts.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]any{"email": email, "password": password}})
}

func TestVolunteerRegistersAndIsSignedIn(t *testing.T) {
	ts := newTestServer(t)
	resp := register(ts, "Parent@Example.org", "").Expect(http.StatusCreated)
	var s sessionBody
	resp.JSON(&s)
	if s.AccessToken == "" || s.RefreshToken == "" || s.TokenType != "Bearer" || s.User.Status != "active" || s.User.Role != "volunteer" {
		t.Fatalf("volunteer sign-up should return an active user with tokens: %+v", s)
	}
	if s.User.Email != "parent@example.org" {
		t.Errorf("e-mail stored as %q, want it normalised", s.User.Email)
	}
	cookie := resp.Header.Get("Set-Cookie")
	for _, want := range []string{"tm_refresh=", "HttpOnly", "SameSite=Strict", "Path=/api/v1/auth"} {
		if !strings.Contains(cookie, want) {
			t.Errorf("refresh cookie %q lacks %s", cookie, want)
		}
	}
	var me struct{ Email, Locale string }
	ts.do(req{method: "GET", path: "/api/v1/me", token: s.AccessToken}).Expect(http.StatusOK).JSON(&me)
	if me.Email != "parent@example.org" || me.Locale != "tr" {
		t.Errorf("GET /me = %+v", me)
	}
	var audits int64
	ts.db.Model(&models.AuditEvent{}).Where("action = ?", "auth.register").Count(&audits)
	if audits != 1 {
		t.Errorf("sign-up wrote %d audit events, want 1", audits)
	}
}

func TestStaffStartPendingUntilApproved(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.createUser(models.RoleAdmin, "admin@example.org")
	var reg sessionBody
	register(ts, "coordinator@hospital.example", "investigator").Expect(http.StatusCreated).JSON(&reg)
	if reg.AccessToken != "" || reg.User.Status != "pending" {
		t.Fatalf("staff sign-up must be pending with no tokens: %+v", reg)
	}
	if p := login(ts, "coordinator@hospital.example", "a long enough secret").Expect(http.StatusForbidden).Problem(); p.Code != "account_pending" {
		t.Fatalf("pending login code %q", p.Code)
	}
	var page struct {
		Items []struct{ ID, Email, Status string } `json:"items"`
	}
	ts.do(req{method: "GET", path: "/api/v1/admin/users?status=pending", token: admin.Token}).Expect(http.StatusOK).JSON(&page)
	if len(page.Items) != 1 || page.Items[0].Email != "coordinator@hospital.example" {
		t.Fatalf("pending list = %+v", page.Items)
	}
	ts.do(req{method: "POST", path: "/api/v1/admin/users/" + page.Items[0].ID + "/approve", token: admin.Token}).Expect(http.StatusOK)
	ts.do(req{method: "POST", path: "/api/v1/admin/users/" + page.Items[0].ID + "/approve", token: admin.Token}).Expect(http.StatusConflict)
	var s sessionBody
	login(ts, "coordinator@hospital.example", "a long enough secret").Expect(http.StatusOK).JSON(&s)
	if s.User.Role != "investigator" || s.User.Status != "active" {
		t.Fatalf("approved login: %+v", s.User)
	}
}

func TestRegisterRejectsBadInputNamingTheField(t *testing.T) {
	ts := newTestServer(t)
	register(ts, "taken@example.org", "").Expect(http.StatusCreated)
	cases := []struct {
		name   string
		body   any
		status int
		field  string
		code   string
	}{
		{"malformed JSON", `{"email": "x@example.org",`, 400, "", "malformed_json"},
		{"unknown field", `{"email":"x@example.org","password":"a long enough secret","display_name":"X","is_admin":true}`, 400, "is_admin", "unknown_field"},
		{"wrong type", `{"email":"x@example.org","password":12345678901,"display_name":"X"}`, 400, "password", "wrong_type"},
		{"trailing data", `{"email":"x@example.org","password":"a long enough secret","display_name":"X"} {}`, 400, "", "malformed_json"},
		{"missing e-mail", map[string]any{"password": "a long enough secret", "display_name": "X"}, 422, "email", "required"},
		{"invalid e-mail", map[string]any{"email": "not-an-address", "password": "a long enough secret", "display_name": "X"}, 422, "email", "invalid"},
		{"short password", map[string]any{"email": "x@example.org", "password": "short", "display_name": "X"}, 422, "password", "too_short"},
		{"common password", map[string]any{"email": "x@example.org", "password": "Qwertyuiop", "display_name": "X"}, 422, "password", "too_common"},
		{"admin role", map[string]any{"email": "x@example.org", "password": "a long enough secret", "display_name": "X", "role": "admin"}, 422, "role", "oneof"},
		{"unknown locale", map[string]any{"email": "x@example.org", "password": "a long enough secret", "display_name": "X", "locale": "de"}, 422, "locale", "oneof"},
		{"taken e-mail, other case", map[string]any{"email": "TAKEN@example.org", "password": "a long enough secret", "display_name": "X"}, 409, "email", "email_taken"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := ts.do(req{method: "POST", path: "/api/v1/auth/register", body: c.body, invalid: true}).Expect(c.status).Problem()
			if c.field == "" {
				if p.Code != c.code {
					t.Errorf("code %q, want %q", p.Code, c.code)
				}
				return
			}
			found := false
			for _, e := range p.Errors {
				found = found || e.Field == c.field
			}
			if !found || (p.Code != c.code && !hasFieldCode(p.Errors, c.field, c.code)) {
				t.Errorf("want field %s code %s, got %+v", c.field, c.code, p)
			}
		})
	}
	var users int64
	ts.db.Model(&models.User{}).Count(&users)
	if users != 1 {
		t.Errorf("%d users after bad sign-ups, want only the first", users)
	}
}

func hasFieldCode(errs []apperr.FieldError, field, code string) bool {
	for _, e := range errs {
		if e.Field == field && e.Code == code {
			return true
		}
	}
	return false
}

func TestOversizedBodyIs413(t *testing.T) {
	ts := newTestServer(t)
	big := `{"email":"x@example.org","password":"` + strings.Repeat("a", 2<<20) + `","display_name":"X"}`
	p := ts.do(req{method: "POST", path: "/api/v1/auth/register", body: big, invalid: true}).Expect(http.StatusRequestEntityTooLarge).Problem()
	if p.Code != "body_too_large" {
		t.Errorf("code %q", p.Code)
	}
}

func TestLoginGivesNoHintWhetherAnAccountExists(t *testing.T) {
	ts := newTestServer(t)
	register(ts, "known@example.org", "").Expect(http.StatusCreated)
	wrong := login(ts, "known@example.org", "not the password").Expect(http.StatusUnauthorized).Problem()
	unknown := login(ts, "nobody@example.org", "not the password").Expect(http.StatusUnauthorized).Problem()
	if wrong.Detail != unknown.Detail || wrong.Code != unknown.Code || wrong.Code != "invalid_credentials" {
		t.Errorf("wrong password %+v vs unknown e-mail %+v", wrong, unknown)
	}
}

func TestLoginIsThrottledPerAccountAndPerAddress(t *testing.T) {
	ts := newTestServer(t)
	register(ts, "victim@example.org", "").Expect(http.StatusCreated)
	for i := 0; i < 5; i++ {
		login(ts, "victim@example.org", "guess number "+string(rune('a'+i))).Expect(http.StatusUnauthorized)
	}
	resp := login(ts, "victim@example.org", "a long enough secret").Expect(http.StatusTooManyRequests)
	if resp.Header.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
	// The next window admits the right password again.
	ts.now = ts.now.Add(16 * time.Minute)
	login(ts, "victim@example.org", "a long enough secret").Expect(http.StatusOK)

	// Per address: many e-mails from one address.
	for i := 0; i < 20; i++ {
		login(ts, "spray"+string(rune('a'+i))+"@example.org", "whatever-password").Expect(http.StatusUnauthorized)
	}
	login(ts, "victim@example.org", "a long enough secret").Expect(http.StatusTooManyRequests)
}

func TestBadAccessTokensAre401(t *testing.T) {
	ts := newTestServer(t)
	u := ts.createUser(models.RoleVolunteer, "v@example.org")
	claims := func(mut func(jwt.MapClaims)) jwt.MapClaims {
		c := jwt.MapClaims{"sub": u.User.ID.String(), "role": "admin", "typ": "access", "iss": "trialmatch",
			"aud": []string{"trialmatch-api"}, "iat": testNow.Unix(), "exp": testNow.Add(10 * time.Minute).Unix()}
		mut(c)
		return c
	}
	sign := func(c jwt.MapClaims, secret string) string {
		s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString([]byte(secret))
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	const secret = "test-secret-test-secret-test-secret"
	parts := strings.Split(u.Token, ".")
	none := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + parts[1] + "."
	cases := map[string]string{
		"garbage":          "not-a-token",
		"tampered payload": parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"`+u.User.ID.String()+`","role":"admin"}`)) + "." + parts[2],
		"alg none":         none,
		"wrong key":        sign(claims(func(jwt.MapClaims) {}), "another-secret-another-secret-xx"),
		"wrong issuer":     sign(claims(func(c jwt.MapClaims) { c["iss"] = "evil" }), secret),
		"wrong audience":   sign(claims(func(c jwt.MapClaims) { c["aud"] = []string{"other"} }), secret),
		"not an access":    sign(claims(func(c jwt.MapClaims) { c["typ"] = "refresh" }), secret),
		"no expiry":        sign(claims(func(c jwt.MapClaims) { delete(c, "exp") }), secret),
		"expired":          sign(claims(func(c jwt.MapClaims) { c["exp"] = testNow.Add(-time.Second).Unix() }), secret),
	}
	for name, token := range cases {
		t.Run(name, func(t *testing.T) {
			ts.do(req{method: "GET", path: "/api/v1/me", token: token}).Expect(http.StatusUnauthorized)
		})
	}
	ts.do(req{method: "GET", path: "/api/v1/me", token: u.Token}).Expect(http.StatusOK)
	ts.now = ts.now.Add(16 * time.Minute)
	ts.do(req{method: "GET", path: "/api/v1/me", token: u.Token}).Expect(http.StatusUnauthorized)
}

func TestRefreshRotatesAndReuseRevokesTheFamily(t *testing.T) {
	ts := newTestServer(t)
	var first sessionBody
	register(ts, "r@example.org", "").Expect(http.StatusCreated).JSON(&first)

	var second sessionBody
	ts.do(req{method: "POST", path: "/api/v1/auth/refresh", body: map[string]string{"refresh_token": first.RefreshToken}}).Expect(http.StatusOK).JSON(&second)
	if second.RefreshToken == first.RefreshToken || second.AccessToken == "" {
		t.Fatal("refresh must rotate the refresh token")
	}
	// The cookie works as well as the body.
	var third sessionBody
	ts.do(req{method: "POST", path: "/api/v1/auth/refresh", header: map[string]string{"Cookie": "tm_refresh=" + second.RefreshToken}}).Expect(http.StatusOK).JSON(&third)

	// Replaying a spent token revokes the whole family, including the newest.
	p := ts.do(req{method: "POST", path: "/api/v1/auth/refresh", body: map[string]string{"refresh_token": first.RefreshToken}}).Expect(http.StatusUnauthorized).Problem()
	if p.Code != "refresh_token_reused" {
		t.Errorf("code %q", p.Code)
	}
	ts.do(req{method: "POST", path: "/api/v1/auth/refresh", body: map[string]string{"refresh_token": third.RefreshToken}}).Expect(http.StatusUnauthorized)

	// Another session of the same user is unaffected.
	var other sessionBody
	login(ts, "r@example.org", "a long enough secret").Expect(http.StatusOK).JSON(&other)
	ts.do(req{method: "POST", path: "/api/v1/auth/refresh", body: map[string]string{"refresh_token": other.RefreshToken}}).Expect(http.StatusOK)

	// Expired refresh tokens are refused.
	var late sessionBody
	login(ts, "r@example.org", "a long enough secret").Expect(http.StatusOK).JSON(&late)
	ts.now = ts.now.Add(31 * 24 * time.Hour)
	ts.do(req{method: "POST", path: "/api/v1/auth/refresh", body: map[string]string{"refresh_token": late.RefreshToken}}).Expect(http.StatusUnauthorized)
	ts.do(req{method: "POST", path: "/api/v1/auth/refresh"}).Expect(http.StatusUnauthorized)
}

func TestLogoutRevokesTheSession(t *testing.T) {
	ts := newTestServer(t)
	var s sessionBody
	register(ts, "l@example.org", "").Expect(http.StatusCreated).JSON(&s)
	resp := ts.do(req{method: "POST", path: "/api/v1/auth/logout", header: map[string]string{"Cookie": "tm_refresh=" + s.RefreshToken}}).Expect(http.StatusNoContent)
	if !strings.Contains(resp.Header.Get("Set-Cookie"), "Max-Age=0") {
		t.Errorf("logout should clear the cookie: %q", resp.Header.Get("Set-Cookie"))
	}
	ts.do(req{method: "POST", path: "/api/v1/auth/refresh", body: map[string]string{"refresh_token": s.RefreshToken}}).Expect(http.StatusUnauthorized)
	ts.do(req{method: "POST", path: "/api/v1/auth/logout"}).Expect(http.StatusUnauthorized)
}

func TestUpdateMe(t *testing.T) {
	ts := newTestServer(t)
	u := ts.createUser(models.RoleVolunteer, "me@example.org")
	var me struct {
		DisplayName string `json:"display_name"`
		Locale      string `json:"locale"`
	}
	ts.do(req{method: "PATCH", path: "/api/v1/me", token: u.Token, body: map[string]string{"locale": "kk", "display_name": "  Асель "}}).Expect(http.StatusOK).JSON(&me)
	if me.Locale != "kk" || me.DisplayName != "Асель" {
		t.Errorf("PATCH /me = %+v", me)
	}
	ts.do(req{method: "PATCH", path: "/api/v1/me", token: u.Token, body: map[string]string{"locale": "xx"}, invalid: true}).Expect(http.StatusUnprocessableEntity)
	ts.do(req{method: "PATCH", path: "/api/v1/me", token: u.Token, body: map[string]string{"display_name": " "}}).Expect(http.StatusUnprocessableEntity)
}

func TestAdminUserListPages(t *testing.T) {
	ts := newTestServer(t)
	admin := ts.createUser(models.RoleAdmin, "admin@example.org")
	for i := 0; i < 5; i++ {
		register(ts, "staff"+string(rune('a'+i))+"@example.org", "sponsor").Expect(http.StatusCreated)
	}
	seen := map[string]bool{}
	cursor := ""
	for pages := 0; pages < 10; pages++ {
		var page struct {
			Items []struct {
				Email string `json:"email"`
			} `json:"items"`
			NextCursor *string `json:"next_cursor"`
		}
		path := "/api/v1/admin/users?status=pending&limit=2"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		ts.do(req{method: "GET", path: path, token: admin.Token}).Expect(http.StatusOK).JSON(&page)
		for _, it := range page.Items {
			if seen[it.Email] {
				t.Fatalf("%s listed twice", it.Email)
			}
			seen[it.Email] = true
		}
		if page.NextCursor == nil {
			break
		}
		cursor = *page.NextCursor
	}
	if len(seen) != 5 {
		t.Errorf("paged through %d pending accounts, want 5", len(seen))
	}
	ts.do(req{method: "GET", path: "/api/v1/admin/users?limit=1000", token: admin.Token, invalid: true}).Expect(http.StatusUnprocessableEntity)
	ts.do(req{method: "GET", path: "/api/v1/admin/users?cursor=bogus", token: admin.Token}).Expect(http.StatusUnprocessableEntity)
	ts.do(req{method: "GET", path: "/api/v1/admin/users", token: ts.createUser(models.RoleVolunteer, "v@example.org").Token}).Expect(http.StatusForbidden)
}
