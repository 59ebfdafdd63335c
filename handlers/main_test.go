package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"gorm.io/gorm"

	"github.com/trialmatch/trialmatch/handlers"
	"github.com/trialmatch/trialmatch/internal/testdb"
	"github.com/trialmatch/trialmatch/models"
	"github.com/trialmatch/trialmatch/services"
)

func TestMain(m *testing.M) {
	openapi3filter.RegisterBodyDecoder("text/html", func(r io.Reader, _ http.Header, _ *openapi3.SchemaRef, _ openapi3filter.EncodingFn) (any, error) {
		b, err := io.ReadAll(r)
		return string(b), err
	})
	testdb.Main(m)
}

// testNow is the fixed clock of the HTTP tests.
var testNow = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

type testServer struct {
	t      *testing.T
	e      *echo.Echo
	db     *gorm.DB
	svc    *services.All
	router routers.Router
	now    time.Time
}

func newTestServer(t *testing.T) *testServer {
	t.Helper()
	db := testdb.New(t)
	ts := &testServer{t: t, db: db, now: testNow}
	clock := func() time.Time { return ts.now }
	ts.svc = services.NewAll(db, clock, services.Settings{
		JWTSecret: []byte("test-secret-test-secret-test-secret"), JWTIssuer: "trialmatch", Audience: "trialmatch-api",
		AccessTTL: 15 * time.Minute, RefreshTTL: 30 * 24 * time.Hour,
		LoginWindow: 15 * time.Minute, MaxAccountFailures: 5, MaxAddressFailures: 20,
	})
	dist := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>TrialMatch</title>")}}
	ts.e = handlers.New(handlers.Config{Env: "test", Version: "test", MaxBodyBytes: 1 << 20, RequestTimeout: 10 * time.Second},
		db, ts.svc, dist, prometheus.NewRegistry(), slog.New(slog.NewTextHandler(testLogOutput(), nil)))
	doc, err := handlers.LoadOpenAPI()
	if err != nil {
		t.Fatalf("openapi: %v", err)
	}
	doc.Servers = openapi3.Servers{{URL: "http://example.com"}}
	if ts.router, err = gorillamux.NewRouter(doc); err != nil {
		t.Fatalf("openapi router: %v", err)
	}
	return ts
}

// response is a recorded answer with helpers for asserting on it.
type response struct {
	t      *testing.T
	Status int
	Header http.Header
	Body   []byte
}

func (r response) JSON(v any) {
	r.t.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		r.t.Fatalf("decode %s: %v", r.Body, err)
	}
}

func (r response) Expect(status int) response {
	r.t.Helper()
	if r.Status != status {
		r.t.Fatalf("status %d, want %d; body %s", r.Status, status, r.Body)
	}
	return r
}

// Problem decodes a problem+json body.
func (r response) Problem() handlers.Problem {
	r.t.Helper()
	var p handlers.Problem
	r.JSON(&p)
	return p
}

type req struct {
	method, path string
	body         any // marshalled to JSON unless a string or []byte (sent raw)
	token        string
	header       map[string]string
	// invalid marks a request that breaks the OpenAPI contract on purpose
	// (bad input tests); its request is not validated, its response still is.
	invalid bool
}

// do sends a request through the real router and validates the request (unless
// marked invalid) and the response against the OpenAPI document.
func (ts *testServer) do(r req) response {
	ts.t.Helper()
	var body []byte
	switch b := r.body.(type) {
	case nil:
	case string:
		body = []byte(b)
	case []byte:
		body = b
	default:
		var err error
		if body, err = json.Marshal(b); err != nil {
			ts.t.Fatal(err)
		}
	}
	httpReq := httptest.NewRequest(r.method, "http://example.com"+r.path, bytes.NewReader(body))
	if body != nil {
		httpReq.Header.Set("Content-Type", "application/json")
	}
	if r.token != "" {
		httpReq.Header.Set("Authorization", "Bearer "+r.token)
	}
	for k, v := range r.header {
		httpReq.Header.Set(k, v)
	}
	httpReq.RemoteAddr = "192.0.2.10:5555"
	rec := httptest.NewRecorder()
	ts.e.ServeHTTP(rec, httpReq)
	resp := response{t: ts.t, Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	ts.validate(r, httpReq, body, resp)
	return resp
}

func (ts *testServer) validate(r req, httpReq *http.Request, body []byte, resp response) {
	ts.t.Helper()
	if !strings.HasPrefix(r.path, "/api/") && !strings.HasPrefix(r.path, "/healthz") && !strings.HasPrefix(r.path, "/readyz") {
		return // the SPA and metrics are not JSON API routes
	}
	route, params, err := ts.router.FindRoute(httpReq)
	if err != nil {
		if resp.Status == http.StatusNotFound || resp.Status == http.StatusMethodNotAllowed {
			return // a route the API does not have; the 404 is the point
		}
		ts.t.Errorf("%s %s is not in the OpenAPI document: %v", r.method, r.path, err)
		return
	}
	httpReq.Body = io.NopCloser(bytes.NewReader(body))
	in := &openapi3filter.RequestValidationInput{Request: httpReq, PathParams: params, Route: route,
		Options: &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc, MultiError: true}}
	ctx := context.Background()
	if !r.invalid {
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			ts.t.Errorf("%s %s: request does not match the OpenAPI document: %v", r.method, r.path, err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: resp.Status, Header: resp.Header,
		Options: &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true}}
	out.SetBodyBytes(resp.Body)
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		ts.t.Errorf("%s %s → %d: response does not match the OpenAPI document: %v\nbody: %s", r.method, r.path, resp.Status, err, resp.Body)
	}
}

// Builders for accounts.

type account struct {
	User  models.User
	Token string
}

// createUser inserts an active user of role directly and signs a token for it.
func (ts *testServer) createUser(role models.Role, email string) account {
	ts.t.Helper()
	hash, err := services.HashPassword("correct-horse-battery")
	if err != nil {
		ts.t.Fatal(err)
	}
	u := models.User{Email: email, PasswordHash: hash, Role: role, Status: models.UserActive, DisplayName: string(role) + " user", Locale: "en"}
	if err := ts.db.Create(&u).Error; err != nil {
		ts.t.Fatal(err)
	}
	token, _, err := ts.svc.Tokens.Issue(u)
	if err != nil {
		ts.t.Fatal(err)
	}
	return account{User: u, Token: token}
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// testLogOutput is where the server logs go in tests: nowhere, unless
// TRIALMATCH_TEST_LOG is set.
func testLogOutput() io.Writer {
	if os.Getenv("TRIALMATCH_TEST_LOG") != "" {
		return os.Stderr
	}
	return io.Discard
}
